"""What the search index holds and how a query is folded (plugins/search/text.py), on real text."""

from __future__ import annotations

import pytest
from archive_paths import ROOT, corpus_files, seed
from ingest.html_clean import text_of
from search.text import Folding, fold, index_text
from tagging.vocabulary import Vocabulary


@pytest.fixture(scope="module")
def folding() -> Folding:
    return Folding.from_vocabulary(Vocabulary.load(ROOT / "content" / "tags.yml"))


@pytest.mark.parametrize(
    ("query", "article_spelling"),
    [
        ("الكاظمي", "کاظمی"),  # Arabic letters and article / Persian letters
        ("كاظمي", "الکاظمی"),
        ("بالعراق", "عراق"),  # attached preposition and article
        ("للعراق", "العراق"),  # ل + ال written لل
        ("وبايدن", "بایدن"),  # conjunction before a vocabulary name
        ("مُصطفـــى", "مصطفی"),  # diacritics, tatweel, alef maksura
        ("نمیشود", "نمی\u200cشود"),  # zero-width non-joiner
        ("إيران", "ایران"),  # hamza on alef
        ("٢٠٢١", "2021"),  # Arabic-Indic digits
        ("臺灣", "台湾"),  # traditional and simplified Chinese
    ],
)
def test_spellings_fold_alike(folding, query, article_spelling):
    assert folding.tokens(query, index=False) == folding.tokens(article_spelling, index=False)
    assert set(folding.tokens(query, index=False)) <= set(folding.tokens(article_spelling, index=True))


def test_a_lone_prefix_letter_is_not_taken_off_the_query(folding):
    """وزير (minister) is not و + زير: the query keeps it whole; the index also holds the rest so a
    query for the bare word finds a word with an attached conjunction (واستثمار under استثمار)."""
    assert folding.tokens("وزير", index=False) == ["وزیر"]
    assert "استثمار" in folding.tokens("واستثمار", index=True)
    assert "نان" not in folding.tokens("لبنان", index=True)  # ل then ب is not conjunction + preposition


def test_chinese_names_are_words_and_the_rest_character_pairs(folding):
    assert folding.tokens("拜登", index=False) == ["拜登"]
    indexed = folding.tokens("正在登上飞机的伊拉娜", index=True)
    assert "拜登" not in indexed and "伊拉克" not in indexed  # 登上 is not 拜登, 伊拉娜 is not 伊拉克
    assert folding.tokens("美国国务卿蓬佩奥", index=False) == ["美国", "国务", "务卿", "蓬佩奥"]
    assert folding.tokens("索马里兰", index=True)[-1] == "索马里"  # the longest name, not 马里 in it


def test_every_query_word_of_an_article_is_in_its_index(folding):
    """Any name or stretch of an article, typed as a query, folds to tokens its index holds."""
    for path in [seed(p) for p in ("000", "003", "004")] + corpus_files()[:8]:
        text = text_of(path.read_text(encoding="utf-8"))
        indexed = set(index_text([text], folding).split())
        for word in text.split()[:200]:
            assert set(folding.tokens(word, index=False)) <= indexed, (path.name, word)


def test_urls_and_metadata_are_not_in_the_index(folding):
    """Only what index_text is given is indexed: the theme passes title, deck and body."""
    assert index_text(["拜登访问", "", "combat"], folding).split() == ["拜登", "登访", "访问", "拜登", "combat"]
    assert fold("ÀḂ") == "àḃ"


def test_remembered_word_forms_index_as_worked_out_ones(monkeypatch):
    """The forms a Folding keeps per word give the same index as working them out each time, also
    once the store is full."""
    texts = [text_of(p.read_text(encoding="utf-8")) for p in [seed("003"), seed("004"), *corpus_files()[:8]]]
    vocabulary = Vocabulary.load(ROOT / "content" / "tags.yml")
    monkeypatch.setattr("search.text.FORMS_KEPT", 0)
    fresh = [Folding.from_vocabulary(vocabulary).tokens(t, index=True) for t in texts]
    monkeypatch.setattr("search.text.FORMS_KEPT", 300)
    kept = Folding.from_vocabulary(vocabulary)
    assert [kept.tokens(t, index=True) for t in texts] == fresh  # the store fills, then is full
    assert len(kept._forms) == 300
    assert [kept.tokens(t, index=True) for t in texts] == fresh  # read back from it
