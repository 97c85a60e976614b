"""Fragments rendered once per build: a listing item is the same HTML on the home page, its
language, tag, outlet and archive pages and every pagination page, so it is rendered once and
reused. Pages at different depths differ only in SITEURL (relative URLs), so fragments are
rendered with a placeholder for it, filled in per page."""

from __future__ import annotations

from jinja2 import pass_context
from jinja2.runtime import Context
from jinja2.utils import concat
from markupsafe import Markup

# A private-use character: autoescaping leaves it alone and no article text carries it.
SITEURL_SLOT = "\ue000SITEURL\ue000"


class Fragments:
    """The fragments of one build, by (template, object, variables). Objects are held by the
    cache, so an id is never reused for another object while its entry lives."""

    def __init__(self) -> None:
        self._done: dict[tuple, tuple[object, str]] = {}
        self.rendered = 0

    def get(self, ctx: Context, name: str, obj: object, variables: dict) -> Markup:
        key = (name, id(obj), tuple(sorted(variables.items())))
        entry = self._done.get(key)
        if entry is None:
            template = ctx.environment.get_template(name)
            # the page's context minus what the fragment must not depend on: the subject is
            # `article`, and the interface language is the one given here, not the page's
            local = {"article": obj, "listing_lang": None, **variables, "SITEURL": SITEURL_SLOT}
            html = concat(template.root_render_func(template.new_context(ctx.get_all(), shared=False, locals=local)))
            entry = self._done[key] = (obj, html)
            self.rendered += 1
        return Markup(entry[1].replace(SITEURL_SLOT, ctx.get("SITEURL", "")))


def install(env, fragments: Fragments) -> None:
    @pass_context
    def fragment(ctx: Context, name: str, obj: object, **variables) -> Markup:
        """`{{ fragment("partials/item.html", article) }}`: that partial for that object, rendered
        once per build with `article` set to it (and `listing_lang` to the given one, else none)."""
        return fragments.get(ctx, name, obj, variables)

    env.globals["fragment"] = fragment
