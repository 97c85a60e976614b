"""The localize plugin's settings (checked at start by contract/settings.py): the interface
languages, digits, and the site's name and description per language (feeds read these too)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from contract.settings import PluginSettings, setting


@dataclass(frozen=True)
class LocalizeSettings(PluginSettings):
    ui_languages: list[str] = setting(["en"], "interface languages with a catalog (pelicanconf.py: en, zh, ar, fa)")
    digits: dict[str, Literal["native", "latn"]] = setting(
        {},
        'digits of the interface per language, `"native"` (٢٠٢١ in Arabic) or `"latn"` (2021); a language left out'
        " follows what most digits in the titles and summaries of the archive's own articles in it are",
    )
    sitenames: dict[str, str] | None = setting(
        None, "the site's name per language, on pages and feeds in that language; else `SITENAME`"
    )
    site_description: str = setting("", 'the home page\'s lede, the footer and `<meta name="description">`')
    site_descriptions: dict[str, str] | None = setting(
        None, "`SITE_DESCRIPTION` per page language; a language left out gets `SITE_DESCRIPTION`"
    )
