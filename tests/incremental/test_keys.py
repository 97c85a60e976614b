"""Page keys read only what a template reads: a listing page keyed on its neighbour page's address
and its outlet's first article is not rendered again when another article of that outlet changes."""

from __future__ import annotations

from dataclasses import dataclass

from incremental.keys import FULL, ITERATED, PageKeys, _usage
from jinja2 import DictLoader, Environment


@dataclass
class Art:
    title: str
    render_digest: str


@dataclass
class Page:
    url: str
    object_list: list


def test_usage_tells_facets_from_whole_values():
    env = Environment()
    source = (
        "{{ articles[0].title if articles else '' }}{{ prev.url }}{{ page.has_next() }}"
        "{% for x in mapping %}{% endfor %}{{ whole }}{{ both[0] }}{{ both }}{% if flag %}y{% endif %}{{ items[1] }}"
    )
    usage, _, _, _ = _usage(env.parse(source))
    assert usage["articles"] == frozenset({"[0]", "bool"})
    assert usage["prev"] == frozenset({".url"})
    assert usage["page"] == FULL  # a method may read anything of its object
    assert usage["mapping"] == ITERATED
    assert usage["whole"] == FULL and usage["both"] == FULL
    assert usage["flag"] == frozenset({"bool"})
    assert usage["items"] == FULL  # only the first item is a facet


def _keys(source: str) -> tuple[PageKeys, object]:
    env = Environment(loader=DictLoader({"page.html": source}))
    return PageKeys(env, "base"), env.get_template("page.html")


def test_a_key_changes_with_the_facets_read_and_only_with_them():
    keys, template = _keys("{{ articles[0].title if articles else '' }} {{ prev.url }}")
    arts = [Art("a", "1"), Art("b", "2")]
    context = {"output_file": "x.html", "articles": arts, "prev": Page("p/2", [Art("c", "3")])}
    first = keys.key(template, context)
    later = [Art("a", "1"), Art("b", "changed")]  # another article of the list
    assert PageKeys(keys.env, "base").key(template, {**context, "articles": later}) == first
    neighbour = Page("p/2", [Art("c", "changed")])  # what the neighbour page lists
    assert PageKeys(keys.env, "base").key(template, {**context, "prev": neighbour}) == first
    for changed in (
        {"articles": [Art("a", "changed"), Art("b", "2")]},  # the first article
        {"articles": []},
        {"prev": Page("p/3", [Art("c", "3")])},  # the neighbour's address
    ):
        assert PageKeys(keys.env, "base").key(template, {**context, **changed}) != first, changed


def test_values_without_the_facet_are_keyed_whole():
    keys, template = _keys("{{ prev.url }}{{ articles[0] }}")
    # Jinja reads `.url` of a mapping as its item: the whole mapping is keyed
    one = keys.key(template, {"output_file": "x", "prev": {"url": "a", "other": 1}, "articles": "ab"})
    other = PageKeys(keys.env, "base").key(
        template, {"output_file": "x", "prev": {"url": "a", "other": 2}, "articles": "ab"}
    )
    assert one != other


def test_a_result_every_page_shares_is_digested_once(monkeypatch):
    import incremental.keys as keys_module
    from jinja2 import pass_context

    table = {str(n): n for n in range(100)}  # one object on every page, like the search page's table
    digested: list[object] = []
    real = keys_module.digest_of

    def counting(value, *args, **kwargs):
        digested.append(value)
        return real(value, *args, **kwargs)

    monkeypatch.setattr(keys_module, "digest_of", counting)
    env = Environment(loader=DictLoader({"page.html": "{{ shared() }}{{ fresh() }}"}))
    env.globals["shared"] = pass_context(lambda ctx: table)
    env.globals["fresh"] = pass_context(lambda ctx: [ctx["output_file"], [1]])  # a new list per page
    keys = PageKeys(env, "base")
    template = env.get_template("page.html")
    found = {keys.key(template, {"output_file": f"{n}.html"}) for n in range(500)}
    assert len(found) == 500  # each page's own result is in its key
    assert sum(value is table for value in digested) == 1
    assert len(keys._results) <= 64  # and the per-page results are not all kept


def test_context_functions_read_the_page_over_the_globals():
    from jinja2 import pass_context

    env = Environment(loader=DictLoader({"page.html": "{{ seen() }}"}))
    env.globals["site"] = "global site"
    env.globals["lang"] = "global lang"
    env.globals["seen"] = pass_context(lambda ctx: [ctx.get("lang"), ctx["site"], ctx.get("missing", "none")])
    keys = PageKeys(env, "base")
    template = env.get_template("page.html")
    # what the function returned is in the key: the page's own value over the global one
    assert keys.key(template, {"output_file": "a.html", "lang": "fa"}) != keys.key(
        template, {"output_file": "a.html", "lang": "ar"}
    )
    assert keys.key(template, {"output_file": "a.html"}) == keys.key(
        template, {"output_file": "a.html", "lang": "global lang"}
    )


def test_only_the_context_functions_a_page_can_reach_join_its_key():
    """A context function joins the key of a page whose template (or what it pulls in) calls it,
    and of every page when it is marked EVERY_PAGE (the page language filters read); the others
    are not called for the page."""
    from incremental.keys import EVERY_PAGE
    from jinja2 import pass_context

    calls: list[str] = []

    def function(name: str):
        def fn(ctx):
            calls.append(name)
            return ctx.get(name)

        return pass_context(fn)

    templates = {
        "plain.html": "{{ title }}",
        "searching.html": "{% include 'box.html' %}",
        "box.html": "{{ folding() }}",
    }
    env = Environment(loader=DictLoader(templates))
    env.globals.update(folding=function("folding"), lang=function("lang"))
    setattr(env.globals["lang"], EVERY_PAGE, True)
    keys = PageKeys(env, "base")
    plain, searching = env.get_template("plain.html"), env.get_template("searching.html")
    page = {"output_file": "a.html", "title": "t", "folding": "table 1", "lang": "fa"}
    key = keys.key(plain, page)
    assert calls == ["lang"]  # not `folding`: nothing plain.html pulls in calls it
    assert keys.key(plain, {**page, "folding": "table 2"}) == key
    assert keys.key(plain, {**page, "lang": "ar"}) != key  # the marked one: in every key
    calls.clear()
    key = keys.key(searching, page)
    assert sorted(calls) == ["folding", "lang"]  # called by the template it includes
    assert keys.key(searching, {**page, "folding": "table 2"}) != key
