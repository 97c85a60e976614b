"""Bytes to text: byte-order marks, UTF-8, then detected legacy encodings; one line-ending style."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from .document import IngestError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# The legacy encodings news archives in Chinese, Arabic and Persian actually come in.
# Restricting the detector to them keeps it from guessing exotic code pages for short texts.
LEGACY_ENCODINGS = (
    "gb18030",
    "big5",
    "cp1256",
    "iso8859_6",
    "utf_16",
    "cp1252",
)

# C0 controls other than tab, newline, carriage return and form feed.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def _normalise(text: str) -> str:
    text = text.lstrip("\ufeff")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    return bool(sample) and len(_CONTROL.findall(sample)) > max(2, len(sample) // 100)


def decode(data: bytes, source: str) -> tuple[str, str, list[str]]:
    """Return (text, encoding name, warnings). Raises IngestError for empty, binary or
    undecodable bytes."""
    warnings: list[str] = []
    if not data.strip():
        raise IngestError(source, "empty file")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return _normalise(data.decode(codec)), codec, warnings
            except UnicodeDecodeError as err:
                raise IngestError(source, f"byte-order mark says {codec} but the bytes are not: {err.reason}") from err
    if b"\x00" in data[:4096] and not _mostly_utf16(data):
        raise IngestError(source, "binary file (contains NUL bytes), not text")
    try:
        text, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as err:
        if err.reason == "unexpected end of data" and err.start >= len(data) - 3:
            # a download cut short inside the last character: keep everything before it
            text, encoding = data[: err.start].decode("utf-8"), "utf-8"
            warnings.append(f"file ends inside a UTF-8 character (truncated?); last {len(data) - err.start} byte(s) dropped")
            return _checked(text, encoding, source), encoding, warnings
        text = data.decode("utf-8", errors="replace")
        bad = text.count("\ufffd")
        if bad <= max(1, len(text) // 1000):  # a few stray bytes in UTF-8, not another encoding
            warnings.append(f"{bad} byte sequence(s) that are not UTF-8 replaced by U+FFFD (first at byte {err.start})")
            return _checked(text, "utf-8", source), "utf-8", warnings
        match = from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS)).best()
        if match is None:
            raise IngestError(source, "undecodable: not UTF-8 and no legacy encoding (GB18030, Big5, Windows-1256 …) fits") from None
        text, encoding = str(match), codecs.lookup(match.encoding).name
    return _checked(text, encoding, source), encoding, warnings


def _checked(text: str, encoding: str, source: str) -> str:
    if _looks_binary(text):
        raise IngestError(source, f"binary file (control characters in the {encoding} text), not text")
    if not text.strip():
        raise IngestError(source, "empty file (whitespace only)")
    return _normalise(text)


def _mostly_utf16(data: bytes) -> bool:
    """BOM-less UTF-16 has a NUL in every other byte of ASCII text; real binaries do not."""
    sample = data[:4096]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    return max(even, odd) > len(sample) // 4 and min(even, odd) == 0
