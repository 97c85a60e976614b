"""Bytes to text: encodings archives really come in, line endings, and what is not text."""

import pytest
from archive_paths import seed
from ingest.decode import decode
from ingest.document import IngestError

TRADITIONAL = (
    "---\ntitle: '拜登：美國作戰部隊將於今年年底前撤離伊拉克'\ndate: 2021-07-27\n---\n"
    "<p>美國總統喬·拜登與伊拉克總理穆斯塔法·卡迪米於26日簽署了一項協議，以正式結束美國在伊拉克的作戰任務，"
    "截止2021年底，美國首次向伊拉克駐軍已經超過了18年的時間。</p>\n<p>此外，拜登還將於今年8月底撤出最後一批駐阿富汗美軍。</p>\n"
)


# Windows-1256 has no Arabic-Indic digits: pages in it wrote Western ones.
ARABIC_1256 = seed("004").read_text(encoding="utf-8").translate(str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789"))


@pytest.mark.parametrize(
    ("text", "codec", "title"),
    [
        (seed("000").read_text(encoding="utf-8"), "gb18030", "拜登：美国作战部队将于今年年底前撤离伊拉克"),
        (TRADITIONAL, "big5", "拜登：美國作戰部隊將於今年年底前撤離伊拉克"),
        (ARABIC_1256, "cp1256", 'بايدن يستقبل الكاظمي ويعلن انتهاء "المهمة القتالية" بالعراق'),
    ],
)
def test_legacy_encodings_are_detected(ingest, text, codec, title):
    data = text.encode(codec)
    decoded, encoding, _ = decode(data, "x.txt")
    assert (encoding, decoded) == (codec, text)
    doc = ingest(data, "legacy.txt")
    assert (doc.encoding, doc.title) == (codec, title)


def test_byte_order_marks_and_line_endings(ingest):
    text = seed("003").read_text(encoding="utf-8")
    for data in (
        b"\xef\xbb\xbf" + text.encode(),
        text.encode("utf-16"),
        text.replace("\n", "\r\n").encode(),
        text.replace("\n", "\r").encode(),
    ):
        decoded, _, _ = decode(data, "x.txt")
        assert decoded == text
    assert ingest(text.replace("\n", "\r\n").encode(), "crlf.txt").title == ingest(seed("003")).title
    assert ingest(b"\xef\xbb\xbf" + seed("000").read_bytes(), "bom.md").format == "front_matter"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"  \n\n \t", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00" + bytes(range(256)) * 8, "binary file"),
        (bytes([0x81, 0x30, 0xFE, 0xFF, 0xC0, 0x80]) * 3, "undecodable"),
    ],
)
def test_not_text_is_rejected_with_a_reason(data, reason):
    with pytest.raises(IngestError) as err:
        decode(data, "bad/file.txt")
    assert err.value.source == "bad/file.txt"
    assert err.value.reason.startswith(reason)
