"""Fragments rendered once per build: a listing item is the same HTML on the home page, its
language, tag, outlet and archive pages and every pagination page, so it is rendered once and
reused; so is an article's entry in other articles' same-story boxes, and a link's reason.

Pages at different depths differ only in SITEURL (relative URLs), so a fragment is rendered with
a slot for it, filled in per page; `fill` names further slots filled per use (the reason inside a
same-story entry)."""

from __future__ import annotations

from collections.abc import Hashable

from jinja2 import pass_context
from jinja2.runtime import Context
from jinja2.utils import concat
from markupsafe import Markup, escape


def _slot(name: str) -> Markup:
    # private-use characters: autoescaping leaves them alone and no article text carries them
    return Markup(f"\ue000{name}\ue000")


def _identity(part: object) -> Hashable:
    return part if isinstance(part, Hashable) else ("id", id(part))


class Fragments:
    """The fragments of one build by (template, key). The key says what the fragment shows: an
    object (by identity; the cache holds it, so its id is never reused while the entry lives) or
    a tuple of objects and values."""

    def __init__(self) -> None:
        # kept as UTF-8: item markup is mostly ASCII, which Python's str of Arabic, Persian or
        # Chinese text stores in two bytes a character (a third less memory, ~100 MB at 50,000 articles)
        self._done: dict[tuple, tuple[object, bytes]] = {}
        self.rendered = 0
        self.reused = 0

    def get(self, ctx: Context, name: str, key: object, variables: dict, fill: dict) -> Markup:
        parts = key if isinstance(key, tuple) else (key,)
        cache_key = (name, *(_identity(p) for p in parts))
        entry = self._done.get(cache_key)
        if entry is None:
            template = ctx.environment.get_template(name)
            # the page's context, minus what a fragment must not depend on: the interface language
            # is the one given (else the subject's own), and slots stand for SITEURL and `fill`
            local = {"listing_lang": None, **variables, "SITEURL": _slot("SITEURL"), **{k: _slot(k) for k in fill}}
            # the page's context as the page was given it (not its own `set` variables, which no
            # fragment may read), in one copy; no template globals to note (they only keep a module's
            # exports apart, and a fragment is no module): three copies were a sixth of its time
            context = ctx.environment.context_class(
                ctx.environment, {**ctx.parent, **local}, template.name, template.blocks
            )
            html = concat(template.root_render_func(context))
            entry = self._done[cache_key] = (key, html.encode("utf-8", "surrogatepass"))
            self.rendered += 1
        else:
            self.reused += 1
        html = entry[1].decode("utf-8", "surrogatepass").replace(_slot("SITEURL"), str(escape(ctx.get("SITEURL", ""))))
        for slot, value in fill.items():
            html = html.replace(_slot(slot), str(escape(value)))
        return Markup(html)


def install(env, fragments: Fragments) -> None:
    @pass_context
    def fragment(ctx: Context, name: str, key: object, fill: dict | None = None, **variables) -> Markup:
        """`{{ fragment("partials/reason.html", key, link=link) }}`: that partial with
        those variables, rendered once per build for `key`, which must determine what it shows."""
        return fragments.get(ctx, name, key, variables, fill or {})

    env.globals["fragment"] = fragment
