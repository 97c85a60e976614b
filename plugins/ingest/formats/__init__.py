"""One module per input format, each with `sniff(text, profiles) -> float` (0 to 1) and
`parse(text, source, profiles, site) -> Document` (site: the blog configuration that applies
to the file, if any).

Adding a format is adding a module here and its name to FORMATS; the highest sniff score wins,
ties going to the earlier entry.
"""

from __future__ import annotations

from types import ModuleType

from ..profiles import SourceProfiles
from . import front_matter, html_page, plain_text, rss_archive, web_capture

FORMATS: tuple[ModuleType, ...] = (front_matter, rss_archive, html_page, web_capture, plain_text)


def name_of(module: ModuleType) -> str:
    return module.__name__.rsplit(".", 1)[-1]


def sniff(text: str, profiles: SourceProfiles) -> ModuleType:
    """The format module that best recognises `text` (plain text recognises anything)."""
    scores = [(fmt.sniff(text, profiles), -i, fmt) for i, fmt in enumerate(FORMATS)]
    return max(scores, key=lambda s: (s[0], s[1]))[2]
