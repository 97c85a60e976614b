"""Interface catalogs: gettext .po files read with Babel at build time (no compiled .mo in git)."""

from __future__ import annotations

import gettext
from functools import lru_cache
from io import BytesIO
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po


@lru_cache(maxsize=16)
def translations(directory: str, lang: str) -> gettext.NullTranslations:
    """The catalog of `lang` under `directory` (LANG/LC_MESSAGES/messages.po), or no translation."""
    po = Path(directory) / lang / "LC_MESSAGES" / "messages.po"
    if not po.is_file():
        return gettext.NullTranslations()
    with po.open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    buffer = BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)
