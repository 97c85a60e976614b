"""Fragments rendered once per build and reused on pages at any depth."""

from __future__ import annotations

from jinja2 import DictLoader, Environment
from localize.fragments import Fragments, install

PARTIAL = '<li lang="{{ article.lang }}"><a href="{{ SITEURL }}/{{ article.url }}">{{ article.title }}</a> <span>{{ reason }}</span></li>'
PAGE = '{% for a in items %}{{ fragment("item.html", a, article=a, fill={"reason": note}) }}{% endfor %}'


class Item:
    def __init__(self, title: str, url: str, lang: str) -> None:
        self.title, self.url, self.lang = title, url, lang


def test_a_fragment_is_rendered_once_and_placed_on_pages_at_any_depth():
    env = Environment(loader=DictLoader({"item.html": PARTIAL, "page.html": PAGE}), autoescape=True)
    fragments = Fragments()
    install(env, fragments)
    items = [Item("<伊拉克>", "articles/a.html", "zh"), Item("العراق", "articles/b.html", "ar")]
    page = env.get_template("page.html")
    root = page.render(items=items, SITEURL=".", note="1 day")
    deep = page.render(items=items, SITEURL="..", note="<same day>")
    assert root == (
        '<li lang="zh"><a href="./articles/a.html">&lt;伊拉克&gt;</a> <span>1 day</span></li>'
        '<li lang="ar"><a href="./articles/b.html">العراق</a> <span>1 day</span></li>'
    )
    assert '<a href="../articles/a.html">&lt;伊拉克&gt;</a> <span>&lt;same day&gt;</span>' in deep
    assert (fragments.rendered, fragments.reused) == (2, 2)
    # a new build starts with an empty cache
    other = Fragments()
    install(env, other)
    env.get_template("page.html").render(items=items[:1], SITEURL=".", note="")
    assert other.rendered == 1
