"""The tagger on the samples and on hand-made sentences for every matching rule."""

import pytest
from archive_paths import ROOT, seed
from ingest.html_clean import text_of
from tagging.tagger import Tagger
from tagging.vocabulary import TagEntry, Vocabulary


@pytest.fixture(scope="module")
def tagger():
    return Tagger(Vocabulary.load(ROOT / "content" / "tags.yml"))


@pytest.fixture(scope="module")
def sample_tags(tagger, ingest):
    out = {}
    for prefix in ("000", "001", "002", "003", "004"):
        doc = ingest(seed(prefix))
        out[prefix] = tagger.tags_for(doc.title, doc.deck + "\n" + text_of(doc.body_html), doc.labels)
    return out


def test_iraq_holds_all_five_samples(sample_tags):
    assert all("iraq" in tags for tags in sample_tags.values())


def test_biden_holds_the_three_reports_of_the_26_july_meeting(sample_tags):
    assert {p for p, tags in sample_tags.items() if "joe-biden" in tags} == {"000", "003", "004"}
    assert {p for p, tags in sample_tags.items() if "mustafa-al-kadhimi" in tags} >= {"000", "003", "004"}


@pytest.mark.parametrize(
    "word",
    [
        "العراق",
        "والعراق",
        "فالعراق",
        "بالعراق",
        "وبالعراق",
        "للعراق",
        "وللعراق",
        "كالعراق",
        "عراق",
        "العراقي",
        "العراقية",
    ],
)
def test_arabic_attached_prefixes(tagger, word):
    assert tagger.count(f"قال المسؤول {word} اليوم")["iraq"] == 1


def test_prefixes_do_not_invent_words(tagger):
    # لبنان starts with ل, بغداد with ب: neither becomes another word
    assert tagger.count("زار لبنان ثم بغداد")["iraq"] == 0
    assert tagger.count("زار لبنان ثم بغداد")["baghdad"] == 1


def test_letter_variants_and_zero_width_non_joiners(tagger):
    # Persian typed with Arabic ي/ك, and Arabic with Persian ی/ک
    assert tagger.count("کاظمي و بايدن")["mustafa-al-kadhimi"] == 1
    assert tagger.count("الكاظمی")["mustafa-al-kadhimi"] == 1
    # a non-joiner inside a compound, and ة/ه
    assert tagger.count("سین\u200cکیانگ")["xinjiang"] == 1
    assert tagger.count("غزه و غزة")["gaza"] == 2


def test_multi_word_aliases_count_once(tagger):
    assert tagger.count("الرئيس الأمريكي السابق دونالد ترامب")["donald-trump"] == 1
    assert tagger.count("الولايات المتحدة وللولايات المتحدة")["united-states"] == 2


def test_chinese_without_spaces(tagger):
    counts = tagger.count("美国总统乔·拜登与伊拉克总理卡迪米会谈，拜登表示")
    assert (counts["joe-biden"], counts["iraq"], counts["mustafa-al-kadhimi"]) == (2, 1, 1)
    assert tagger.count("伊朗和伊拉克")["iran"] == 1 and tagger.count("伊朗和伊拉克")["iraq"] == 1


def test_latin_whole_words(tagger):
    assert tagger.count("the D-ISIS campaign and ISIS fighters")["isis"] == 2
    assert tagger.count("crisis")["isis"] == 0


def test_one_passing_mention_in_the_body_is_not_enough(tagger):
    assert "iran" not in tagger.tags_for("标题", "伊拉克。伊拉克。一次提到伊朗。")
    assert "iran" in tagger.tags_for("伊朗新闻", "正文")  # the title is enough
    assert "iran" in tagger.tags_for("标题", "伊朗。伊朗。")


def test_front_matter_labels_map_through_aliases():
    vocabulary = Vocabulary({"iraq": TagEntry("iraq", {"en": "Iraq", "zh": "伊拉克"}, {"ar": ["العراق"]})})
    tagger = Tagger(vocabulary)
    assert tagger.tags_for("x", "y", ["伊拉克", "Something else"]) == ["iraq"]
    assert tagger.label_key("العراق") == "iraq" and tagger.label_key("Something else") is None
