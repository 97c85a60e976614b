"""Page keys: a digest of everything a page's template can read (pure Jinja, no Pelican).

What a template reads is found from its source: the names it loads, through every template it
extends, includes or imports (a template chosen at render time makes the page always rendered).
The key holds, for each of those names in the page's context, a digest of its value — of a mapping
only iterated by `{% for %}`, its keys. Context functions called without arguments (`page_feeds()`,
`ui_lang()` …) are evaluated for the page and their results join the key, since they read the
context in ways the source does not show. Filters that read the context read the page's language
(covered by `ui_lang()`) or site data (covered by the global key: vocabulary, catalogs, code)."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Mapping
from typing import Any

from jinja2 import Environment, nodes
from jinja2.utils import _PassArg

from .digest import digest_of, keys_digest

logger = logging.getLogger(__name__)

ITERATED, FULL = "keys", "full"


def _usage(ast: nodes.Template) -> tuple[dict[str, str], set[str], bool, set[str]]:
    """({name: how it is used}, templates it pulls in, whether one is chosen at render time,
    attribute names and string constants it uses — `x.attr`, `map(attribute="attr")`)."""
    usage: dict[str, str] = {}
    attrs: set[str] = set()
    pulled: set[str] = set()
    dynamic = False

    def visit(node: nodes.Node, as_iter: bool) -> None:
        nonlocal dynamic
        if isinstance(node, nodes.Getattr):
            attrs.add(node.attr)
        elif isinstance(node, nodes.Const) and isinstance(node.value, str):
            attrs.update(node.value.split("."))
        if isinstance(node, nodes.Name) and node.ctx == "load":
            usage[node.name] = ITERATED if as_iter and usage.get(node.name, ITERATED) == ITERATED else FULL
            return
        if isinstance(node, (nodes.Extends, nodes.Include, nodes.Import, nodes.FromImport)):
            target = node.template
            if isinstance(target, nodes.Const) and isinstance(target.value, str):
                pulled.add(target.value)
            elif isinstance(target, (nodes.List, nodes.Tuple)) and all(
                isinstance(x, nodes.Const) for x in target.items
            ):
                pulled.update(x.value for x in target.items if isinstance(x, nodes.Const))
            else:
                dynamic = True
        # `fragment("partials/…", …)` (localize.fragments) renders a template inside the page
        if isinstance(node, nodes.Call) and isinstance(node.node, nodes.Name) and node.node.name == "fragment":
            first = node.args[0] if node.args else None
            if isinstance(first, nodes.Const) and isinstance(first.value, str):
                pulled.add(first.value)
            else:
                dynamic = True
        for field, child in node.iter_fields():
            children = child if isinstance(child, list) else [child]
            for item in children:
                if isinstance(item, nodes.Node):
                    visit(item, isinstance(node, nodes.For) and field == "iter")

    visit(ast, False)
    return usage, pulled, dynamic, attrs


class PageKeys:
    """Keys of pages rendered with one Jinja environment, memoising per template and per value."""

    def __init__(self, env: Environment, base: str, page_only: frozenset[str] = frozenset()) -> None:
        """`page_only`: attributes of an article that only its own page shows (neighbours, links);
        a template that reads none of them keys articles by their `card_digest`, which leaves
        those out, so a changed same-story score does not render every listing again."""
        self.env, self.base, self.page_only = env, base, page_only
        self._closures: dict[str, dict[str, str] | None] = {}
        self._card: dict[str, bool] = {}
        self._names: dict[str, list[str]] = {}  # the names of each template's closure, sorted
        self._memo: dict[tuple[int, str, str], tuple[object, str]] = {}
        self._ambient: list[tuple[str, Callable[..., Any]]] = [
            (name, fn) for name, fn in sorted(env.globals.items())
            if callable(fn) and getattr(fn, "jinja_pass_arg", None) is _PassArg.context and _takes_only_context(fn)
        ]  # fmt: skip

    def closure(self, name: str) -> dict[str, str] | None:
        """{name: usage} over the template and all it pulls in; None when that is not knowable."""
        if name not in self._closures:
            usage: dict[str, str] = {}
            attrs: set[str] = set()
            todo, seen, known = [name], set(), True
            while todo and known:
                current = todo.pop()
                if current in seen:
                    continue
                seen.add(current)
                try:
                    assert self.env.loader is not None  # Pelican's environment always has one
                    source, _, _ = self.env.loader.get_source(self.env, current)
                    found, pulled, dynamic, used = _usage(self.env.parse(source))
                except Exception as error:  # noqa: BLE001 - unknowable: render every time
                    logger.debug("incremental: cannot read template %s: %s", current, error)
                    known = False
                    break
                known = not dynamic
                attrs |= used
                for var, how in found.items():
                    usage[var] = how if usage.get(var, how) == how else FULL
                todo += pulled
            self._closures[name] = usage if known else None
            self._names[name] = sorted(usage)
            self._card[name] = not (attrs & self.page_only)
        return self._closures[name]

    def key(self, template, localcontext: Mapping) -> str | None:
        """The page's key, or None when it cannot be known (the page is then always rendered)."""
        usage = self.closure(template.name) if getattr(template, "name", None) else None
        if usage is None:
            return None
        field = "card_digest" if self._card.get(template.name) else "render_digest"
        # one hash over the parts, each value described once (by its digest, or its repr when plain)
        parts = [self.base, template.name, str(localcontext.get("output_file"))]
        for var in self._names[template.name]:
            if var in localcontext:
                parts += (var, self._digest(localcontext[var], usage[var], field))
        if self._ambient:
            context = template.new_context(localcontext)  # a new context: the mapping is copied
            # digested like context values: a result that is the same object on every page (the
            # search page's folding table, thousands of entries) is digested once per build
            for name, fn in self._ambient:
                parts += (name, self._digest(fn(context), FULL, field))
        return hashlib.sha1("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()

    def _digest(self, value, usage: str, field: str) -> str:
        if isinstance(value, (str, int, float, bool, type(None))):
            return f"{type(value).__name__}:{value!r}"
        how = ITERATED if usage == ITERATED and isinstance(value, Mapping) else FULL
        memo = self._memo.get((id(value), how, field))
        if memo is None:  # context values are shared by every page: digest each once per build
            digest = keys_digest(value) if how == ITERATED else digest_of(value, field=field)
            memo = self._memo[(id(value), how, field)] = (value, digest)
        return memo[1]


def _takes_only_context(fn) -> bool:
    import inspect

    try:
        parameters = [p for p in inspect.signature(fn).parameters.values() if p.default is inspect.Parameter.empty]
    except (TypeError, ValueError):
        return False
    return len(parameters) == 1 and parameters[0].kind in (
        parameters[0].POSITIONAL_ONLY,
        parameters[0].POSITIONAL_OR_KEYWORD,
    )
