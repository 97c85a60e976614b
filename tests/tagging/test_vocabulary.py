"""The vocabulary as a page-key input: stable while its entries are, so pages that read it (tag
pages) are not rendered again in every build."""

from __future__ import annotations

from incremental.digest import digest_of, is_stable
from tagging.vocabulary import TagEntry, Vocabulary


def _vocabulary(zh: str) -> Vocabulary:
    return Vocabulary({"iraq": TagEntry("iraq", {"en": "Iraq", "zh": zh}, {"ar": ["العراق"]}, "country")})


def test_page_keys_describe_the_vocabulary_by_its_entries():
    assert is_stable(_vocabulary("伊拉克"))
    assert digest_of(_vocabulary("伊拉克")) == digest_of(_vocabulary("伊拉克"))
    assert digest_of(_vocabulary("伊拉克")) != digest_of(_vocabulary("伊拉克共和国"))
    assert digest_of(Vocabulary.empty()) != digest_of(_vocabulary("伊拉克"))


def test_a_key_yaml_reads_as_a_number_is_the_key_as_written(tmp_path):
    path = tmp_path / "tags.yml"
    path.write_text("2021:\n  names: {en: Year 2021}\n  aliases: {zh: [伊拉克]}\n", encoding="utf-8")
    assert list(Vocabulary.load(path).entries) == ["2021"]
