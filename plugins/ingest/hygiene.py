"""Characters that have no place in the text we publish: what XML cannot carry (a feed with one of
them cannot be written), and in one-line fields (titles, slugs, labels) the invisible format
characters that reverse or hide text — a U+202E in a title would reverse the site name beside it in
the browser tab. Bodies keep the legitimate ones (marks, isolates, the ZWNJ of Persian words)."""

from __future__ import annotations

import re

import regex
from scripts import ARABIC_RE, ZWJ, ZWNJ

# Not characters in XML 1.0 (C0 controls but tab/newline/return, surrogates, U+FFFE/U+FFFF), plus
# DEL and the C1 controls, which are legal XML but never text (the HTML checker rejects them).
_XML_ILLEGAL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# Embeddings and overrides (U+202A–U+202E): deprecated, and an unclosed one reverses what follows.
_OVERRIDES = re.compile("[\u202a-\u202e]")
# Invisible letters: look like nothing, count as text (a title of only these would be invisible).
_INVISIBLE_LETTERS = "\u115f\u1160\u3164\uffa0\u2800"
_JOINERS = ZWNJ + ZWJ


def xml_safe(text: str) -> str:
    """Text without the characters XML cannot hold; vertical tabs and form feeds become newlines."""
    # vertical tab and form feed: line breaks (str.replace: translate is slow on long bodies)
    return _XML_ILLEGAL.sub("", text.replace("\x0b", "\n").replace("\x0c", "\n"))


_CHAR_REF = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));?")


def _legal_char_ref(match: re.Match) -> str:
    hexa, decimal = match.groups()
    code = int(hexa, 16) if hexa else int(decimal)
    if code > 0x10FFFF or xml_safe(chr(code)) != chr(code):
        return "\n" if code in (0x0B, 0x0C) else ""
    return match.group(0)


def without_illegal_refs(markup: str) -> str:
    """Numeric character references to what XML cannot hold (&#11;, &#xFFFE;) dropped: an HTML
    parser turns them into the characters themselves, which lxml then refuses in a tree."""
    return _CHAR_REF.sub(_legal_char_ref, markup) if "&#" in markup else markup


def count_xml_illegal(text: str) -> int:
    return len(_XML_ILLEGAL.findall(text))


def without_overrides(text: str) -> str:
    """Bodies: directional embeddings and overrides removed; marks, isolates and joiners kept."""
    return _OVERRIDES.sub("", text)


def _keep(text: str, i: int) -> bool:
    ch = text[i]
    if ch in _JOINERS:
        # a ZWNJ/ZWJ after a Persian or Arabic letter shapes it; typists also leave one before the
        # space ("شده‌ اند"), where it is harmless and part of the text as published; elsewhere it hides
        return (
            0 < i < len(text) - 1
            and bool(ARABIC_RE.match(text[i - 1]))
            and (bool(ARABIC_RE.match(text[i + 1])) or text[i + 1] == " ")
        ) or (ch == ZWJ and 0 < i < len(text) - 1 and _SYMBOL.match(text[i - 1]) and _SYMBOL.match(text[i + 1]))
    if _VARIATION.match(ch):  # picks how the character before it is drawn (✔ or ✔️): kept after one
        return i > 0 and not _IGNORABLE.match(text[i - 1])
    return not _IGNORABLE.match(ch)


_VARIATION = regex.compile(r"[\p{Variation_Selector}]")
_SYMBOL = regex.compile(r"[\p{So}\p{Emoji_Modifier}\p{Variation_Selector}]")  # emoji joined by a ZWJ: 👨‍👩‍👧


# Characters that show nothing by themselves: format characters and every other default-ignorable
# code point (variation selectors, Khmer inherent vowels U+17B4/5, the combining grapheme joiner),
# and invisible letters. Marks show only on a letter: a text of marks alone is invisible too.
_IGNORABLE = regex.compile(f"[\\p{{Cf}}\\p{{Default_Ignorable_Code_Point}}{_INVISIBLE_LETTERS}]")
_VISIBLE = regex.compile(f"[^\\s\\p{{M}}\\p{{Cf}}\\p{{Default_Ignorable_Code_Point}}{_INVISIBLE_LETTERS}]")


def has_visible_text(text: str) -> bool:
    """Whether anything in `text` shows: a body of zero-width and bidi characters is no text."""
    return _VISIBLE.search(text) is not None


def one_line(text: str) -> str:
    """A title, label or name: XML-safe, no invisible format characters (bidi controls, zero-width
    spaces, BOMs, soft hyphens …) except joiners inside Arabic-script words, whitespace collapsed.
    Empty when nothing visible is left."""
    text = xml_safe(text)
    if not text.isascii():
        text = "".join(ch for i, ch in enumerate(text) if ch.isascii() or _keep(text, i))
        if not has_visible_text(text):  # marks with no letter to sit on, joiners kept between them
            return ""
    return " ".join(text.split())


# What a terminal obeys instead of showing: C0/C1 controls (ESC starts colour and cursor sequences,
# BEL rings, a newline forges a log line) and the bidi controls that reorder a line.
_TERMINAL_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def shown(text: object) -> str:
    """Text for the build log and the console: controls written as escapes (a\\x1b[31m), so a file
    name or a value from a file can neither drive the terminal nor forge a line."""
    return _TERMINAL_CONTROLS.sub(lambda m: repr(m.group())[1:-1], str(text))
