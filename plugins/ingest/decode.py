"""Bytes to text: byte-order marks, UTF-8, BOM-less UTF-16, then detected legacy encodings (for the
whole file, or line by line when UTF-8 and a legacy encoding are mixed); one line-ending style;
no character that XML cannot carry."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes
from scripts import ARABIC, CJK_BLOCKS, CJK_PUNCTUATION, FULLWIDTH, HAN

from .document import IngestError
from .hygiene import count_xml_illegal, without_illegal_refs, xml_safe

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
# Characters of the scripts these archives are written in, and of text generally: what a right
# decoding yields and a wrong one (UTF-16 read in the wrong byte order, mojibake) mostly does not.
_PLAUSIBLE = re.compile(f"[\t\n\r\x20-\x7e\u00a0-\u00ff\u2000-\u206f{ARABIC}{CJK_PUNCTUATION}{HAN}{FULLWIDTH}]")
_ARCHIVE_SCRIPTS = re.compile(f"[{ARABIC}{CJK_BLOCKS}{HAN}{FULLWIDTH}]")
# Up to one NUL byte in this many (or a handful in a short file) is damage to remove; more is binary.
MAX_NUL_SHARE = 200
MAX_NUL_ALWAYS = 8
MAX_DAMAGED_SHARE = 20  # a UTF-8 file with up to one bad sequence in this many characters is read


# Line ends other than CR and LF that editors write (NEL from mainframe and some Windows tools, the
# Unicode line and paragraph separators): every reader here splits lines on "\n" only.
_LINE_ENDS = {ord("\x85"): "\n", ord("\u2028"): "\n", ord("\u2029"): "\n\n"}


def _normalise(text: str) -> str:
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return text.translate(_LINE_ENDS) if "\x85" in text or "\u2028" in text or "\u2029" in text else text


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
                return _checked(data.decode(codec), codec, source, warnings), codec, warnings
            except UnicodeDecodeError as err:
                raise IngestError(source, f"byte-order mark says {codec} but the bytes are not: {err.reason}") from err
    if b"\x00" in data:
        if found := _utf16_without_bom(data):
            text, codec = found
            warnings.append(f"UTF-16 ({codec[-2:].upper()}) without a byte-order mark")
            return _checked(text, codec, source, warnings), codec, warnings
        nuls = data.count(0)
        if nuls > max(MAX_NUL_ALWAYS, len(data) // MAX_NUL_SHARE) or _control_bytes(data) > max(2, len(data) // 100):
            raise IngestError(source, "binary file (contains NUL bytes), not text")
        data = data.replace(b"\x00", b"")
        warnings.append(f"{nuls} NUL byte(s) removed")
    try:
        text, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as err:
        if err.reason == "unexpected end of data" and err.start >= len(data) - 3:
            # a download cut short inside the last character: keep everything before it
            text, encoding = data[: err.start].decode("utf-8"), "utf-8"
            warnings.append(
                f"file ends inside a UTF-8 character (truncated?); last {len(data) - err.start} byte(s) dropped"
            )
            return _checked(text, encoding, source, warnings), encoding, warnings
        text = data.decode("utf-8", errors="replace")
        bad = text.count("\ufffd")
        if bad <= max(1, len(text) // 1000):  # a few stray bytes in UTF-8, not another encoding
            warnings.append(f"{bad} byte sequence(s) that are not UTF-8 replaced by U+FFFD (first at byte {err.start})")
            return _checked(text, "utf-8", source, warnings), "utf-8", warnings
        if mixed := _mixed_lines(data, warnings):
            text, encoding = mixed
            return _checked(text, encoding, source, warnings), encoding, warnings
        match = from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS)).best()
        if match is None and bad <= len(text) // MAX_DAMAGED_SHARE:
            # no other encoding fits a file that is mostly UTF-8: damaged UTF-8, kept with its holes
            warnings.append(
                f"{bad} byte sequence(s) that are not UTF-8 replaced by U+FFFD (damaged file; first at byte {err.start})"
            )
            return _checked(text, "utf-8", source, warnings), "utf-8", warnings
        if match is None:
            raise IngestError(
                source, "undecodable: not UTF-8 and no legacy encoding (GB18030, Big5, Windows-1256 …) fits"
            ) from None
        text, encoding = str(match), codecs.lookup(match.encoding).name
    return _checked(text, encoding, source, warnings), encoding, warnings


_CONTROL_BYTES = re.compile(rb"[\x01-\x08\x0b\x0e-\x1f\x7f]")


def _control_bytes(data: bytes) -> int:
    return len(_CONTROL_BYTES.findall(data[:65536]))


def _checked(text: str, encoding: str, source: str, warnings: list[str]) -> str:
    if _looks_binary(text):
        raise IngestError(source, f"binary file (control characters in the {encoding} text), not text")
    text = _normalise(text)  # line ends first: NEL is a C1 control
    if illegal := count_xml_illegal(text.replace("\x00", "")):
        warnings.append(f"{illegal} control or non-character code point(s) removed")
    text = without_illegal_refs(xml_safe(text))
    if not text.strip():
        raise IngestError(source, "empty file (whitespace only)")
    return text


def _plausibility(text: str) -> float:
    """Share of characters that are text in the archive's scripts; a code point ending in 00
    (ASCII read in the wrong byte order) does not count."""
    if not text:
        return 0.0
    good = len(_PLAUSIBLE.findall(text)) - sum(1 for ch in text if ord(ch) > 0xFF and ord(ch) & 0xFF == 0)
    return good / len(text)


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """BOM-less UTF-16: ASCII characters put a NUL in every other byte. Both byte orders are tried;
    one that reads as text in the archive's scripts, with line breaks or spaces, wins."""
    sample = data[: 1 << 16]
    sample = sample[: len(sample) // 2 * 2]
    best = None
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = sample.decode(codec)
        except UnicodeDecodeError:
            continue
        score = _plausibility(text)
        if (
            score >= 0.9
            and (len(text) < 80 or any(ch in text for ch in "\n \u3000"))
            and (best is None or score > best[0])
        ):
            best = (score, codec)
    if best is None:
        return None
    try:
        return data[: len(data) // 2 * 2].decode(best[1]), best[1]
    except UnicodeDecodeError:
        return None


def _mixed_lines(data: bytes, warnings: list[str]) -> tuple[str, str] | None:
    """A file assembled from pieces in UTF-8 and in one legacy encoding: lines that are UTF-8 in
    the archive's scripts stay UTF-8, the others are decoded in the encoding detected for them."""
    lines = data.split(b"\n")
    utf8_script_lines, bad = 0, []
    for i, line in enumerate(lines):
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError:
            bad.append(i)
            continue
        non_ascii = [ch for ch in text if not ch.isascii()]
        if len(non_ascii) >= 2 and len(_ARCHIVE_SCRIPTS.findall(text)) * 2 >= len(non_ascii):
            utf8_script_lines += 1
    if utf8_script_lines < 2 or not bad:
        return None
    match = from_bytes(b"\n".join(lines[i] for i in bad), cp_isolation=list(LEGACY_ENCODINGS)).best()
    if match is None:
        return None
    legacy = codecs.lookup(match.encoding).name
    if legacy.startswith("utf"):
        return None
    bad_set = set(bad)
    text = "\n".join(
        line.decode(legacy, errors="replace") if i in bad_set else line.decode("utf-8") for i, line in enumerate(lines)
    )
    warnings.append(
        f"mixed encodings: {len(bad)} line(s) decoded as {legacy} (first: line {bad[0] + 1}), the others as UTF-8"
    )
    return text, "utf-8"
