"""Digests of template inputs: equal for what renders the same, different for any change a page
shows, and never stable for what they cannot describe (such a page is always rendered)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from types import SimpleNamespace

from incremental.digest import digest_of, files_digest, is_stable, keys_digest


def _article(digest: str, card: str = "") -> SimpleNamespace:
    return SimpleNamespace(render_digest=digest, card_digest=card or f"card-{digest}")


def _tag(name: str, slug: str, url: str) -> SimpleNamespace:
    return SimpleNamespace(name=name, slug=slug, url=url)


@dataclass
class _Card:
    title: str
    when: date


def test_equal_inputs_give_equal_digests_and_any_change_another():
    value = {"title": "伊拉克", "n": 3, "when": datetime(2021, 7, 26, tzinfo=UTC), "ratio": 0.5, "none": None}
    assert digest_of(value) == digest_of(dict(reversed(value.items())))  # mapping order does not render
    for key, other in [("title", "伊拉"), ("n", 4), ("when", datetime(2021, 7, 27, tzinfo=UTC)), ("none", "")]:
        assert digest_of({**value, key: other}) != digest_of(value), key
    assert digest_of("1") != digest_of(1)  # the type is part of what is shown
    assert digest_of([1, 2]) != digest_of([2, 1])  # list order renders
    assert digest_of({1, 2, 3}) == digest_of({3, 2, 1})  # set order does not
    assert digest_of(timedelta(hours=3)) != digest_of(timezone(timedelta(hours=3)))


def test_articles_are_described_by_their_render_digest_or_the_field_asked_for():
    a, b = _article("a"), _article("b")
    assert digest_of([a, b]) == digest_of([_article("a"), _article("b")])  # other objects, same content
    assert digest_of([a, b]) != digest_of([b, a])
    assert digest_of([a, b]) != digest_of([a, _article("b2")])
    # listings show cards: a change of an article's own page only must not re-render them
    assert digest_of([a], field="card_digest") == digest_of([_article("a-changed", card="card-a")], field="card_digest")
    assert digest_of([a], field="card_digest") != digest_of([_article("a", card="card-new")], field="card_digest")
    assert digest_of({"article": a}) != digest_of({"article": b})


def test_tags_pages_paginators_and_dataclasses():
    iraq = _tag("Iraq", "iraq", "tag/iraq.html")
    assert digest_of(iraq) == digest_of(_tag("Iraq", "iraq", "tag/iraq.html"))
    assert digest_of(iraq) != digest_of(_tag("Iraq", "iraq", "tags/iraq.html"))
    paginator = SimpleNamespace(num_pages=3, per_page=10, count=25)
    page = SimpleNamespace(
        number=2, paginator=paginator, url="zh/2/", save_as="zh/2/index.html", object_list=[_article("a")]
    )
    same = SimpleNamespace(**{**vars(page), "object_list": [_article("a")]})
    assert digest_of(page) == digest_of(same)
    assert digest_of(page) != digest_of(SimpleNamespace(**{**vars(page), "number": 3}))
    assert digest_of(page) != digest_of(SimpleNamespace(**{**vars(page), "object_list": [_article("b")]}))
    assert digest_of(paginator) != digest_of(SimpleNamespace(num_pages=3, per_page=10, count=26))
    assert digest_of(_Card("a", date(2021, 1, 1))) == digest_of(_Card("a", date(2021, 1, 1)))
    assert digest_of(_Card("a", date(2021, 1, 1))) != digest_of(_Card("a", date(2021, 1, 2)))
    assert all(is_stable(v) for v in (iraq, page, paginator, _Card("a", date(2021, 1, 1)), {"x": [1, (2, 3)]}))


def test_what_cannot_be_described_is_never_stable():
    unknown = object()
    assert not is_stable(unknown) and not is_stable({"ok": 1, "bad": [unknown]})
    assert digest_of(object()) != digest_of(object())
    # nesting deeper than the digest follows is not described either
    deep: list = [1]
    for _ in range(10):
        deep = [deep]
    assert not is_stable(deep)


def test_keys_digest_is_what_a_loop_over_a_mapping_shows():
    assert keys_digest({"zh": [1], "ar": [2]}) == keys_digest({"zh": [9], "ar": [8]})
    assert keys_digest({"zh": [1], "ar": [2]}) != keys_digest({"ar": [2], "zh": [1]})  # a loop shows the order
    assert keys_digest(["zh", "ar"]) == keys_digest({"zh": 0, "ar": 0})


def test_files_digest_follows_names_and_contents(tmp_path: Path):
    one, two = tmp_path / "one", tmp_path / "two"
    for root in (one, two):
        (root / "css").mkdir(parents=True)
        (root / "css" / "site.css").write_text("body{}", encoding="utf-8")
        (root / "a.js").write_text("x", encoding="utf-8")
    files = lambda root: list(root.rglob("*"))
    assert files_digest(files(one), one) == files_digest(files(two), two)  # relative names: roots do not count
    assert files_digest(files(one)) != files_digest(files(two))  # absolute names do
    assert files_digest(reversed(files(one)), one) == files_digest(files(one), one)
    before = files_digest(files(one), one)
    (one / "a.js").write_text("y", encoding="utf-8")
    assert files_digest(files(one), one) != before
    (one / "a.js").write_text("x", encoding="utf-8")
    assert files_digest(files(one), one) == before
    (one / "a.js").rename(one / "b.js")
    assert files_digest(files(one), one) != before


def test_a_record_with_a_slug_name_and_url_is_digested_by_all_it_holds():
    """A same-story group has a slug, a name and a url like a tag, but its page shows its members:
    digested like a tag, a member's new title left the story page as it was."""

    @dataclass
    class Group:
        slug: str
        name: str
        members: list = field(default_factory=list)

        @property
        def url(self) -> str:
            return f"stories/{self.slug}.html"

    assert digest_of(Group("s", "n", ["old title"])) != digest_of(Group("s", "n", ["new title"]))


def _linked_site(score: float, shared: list[str], other: str = "b") -> SimpleNamespace:
    """Two articles, the first linked to the second as same-story (a real Link of the stories plugin)."""
    from incremental.pelican_glue import add_render_digests
    from stories.linking import Link
    from stories.pelican_glue import LinkedArticle

    def article(name: str) -> SimpleNamespace:
        return SimpleNamespace(
            metadata={"title": name, "lang": "fa"},
            url=f"{name}.html",
            save_as=f"{name}.html",
            slug=name,
            content=f"<p>{name}</p>",
            tags=[],
            title=name,
            lang="fa",
            dir="rtl",
            record=SimpleNamespace(outlet_name="BBC"),
        )

    a, b = article("a"), article(other)
    a.same_story = [LinkedArticle(b, Link("b.txt", score, shared, [], 0, True))]
    generator = SimpleNamespace(articles=[a, b])
    add_render_digests(generator)
    return a


def test_a_same_story_link_is_in_the_page_digest_and_not_in_the_card():
    base = _linked_site(1.5, ["iraq"])
    assert _linked_site(1.5, ["iraq"]).render_digest == base.render_digest
    for other in (_linked_site(1.25, ["iraq"]), _linked_site(1.5, ["iran"]), _linked_site(1.5, ["iraq"], "c")):
        # every field of a link, and the linked article as the page shows it (its title, address …)
        assert other.render_digest != base.render_digest
        assert other.card_digest == base.card_digest  # listings do not
