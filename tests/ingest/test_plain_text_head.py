"""Plain text with headline, deck and date on consecutive lines, then blank-line paragraphs."""

from datetime import date


def test_headline_deck_and_date_lines_are_read_apart(ingest):
    text = (
        "ماموریت جنگی آمریکا در عراق پایان می یابد\n"
        "توافق بایدن و الکاظمی در کاخ سفید\n"
        "۵ مرداد ۱۴۰۰\n"
        "\n"
        "رئیس جمهور آمریکا روز دوشنبه اعلام کرد که ماموریت جنگی در عراق تا پایان سال به پایان می رسد.\n"
        "\n"
        "نخست وزیر عراق در کاخ سفید با او دیدار کرد.\n"
    )
    doc = ingest(text.encode(), "note.txt")
    assert doc.title == "ماموریت جنگی آمریکا در عراق پایان می یابد"
    assert doc.deck == "توافق بایدن و الکاظمی در کاخ سفید"
    assert doc.date.date() == date(2021, 7, 27)
    assert "کاخ سفید با او" in doc.body_html and "مرداد" not in doc.body_html


def test_a_wrapped_first_paragraph_stays_one_paragraph(ingest):
    text = "标题在这里\n\n这是第一段的第一行，它很长。\n这是第一段的第二行。\n\n第二段。\n"
    doc = ingest(text.encode(), "a.txt")
    assert doc.title == "标题在这里"
    assert "这是第一段的第一行，它很长。这是第一段的第二行。" in doc.body_html
