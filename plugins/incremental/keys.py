"""Page keys: a digest of everything a page's template can read (pure Jinja, no Pelican).

What a template reads is found from its source: the names it loads, through every template it
extends, includes or imports (a template chosen at render time makes the page always rendered).
The key holds, for each of those names in the page's context, a digest of its value — of a mapping
only iterated by `{% for %}`, its keys; of a name only read through attributes (`page.url`), its first
item (`articles[0]`) or its truth (`if articles`), just those facets, so a listing page is not rendered
again because its neighbour page or the rest of its outlet changed. Context functions that take only the context (`page_feeds()`,
`ui_lang()` …) and that the template calls are evaluated for the page and their results join the
key, since they read the context in ways the source does not show. Filters that read the context
read the page's language (`ui_lang()`, marked EVERY_PAGE: in every page's key) or site data
(covered by the global key: vocabulary, catalogs, code)."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterator, Mapping
from typing import Any, cast

from jinja2 import Environment, nodes
from jinja2.utils import _PassArg

from .digest import digest_of, keys_digest, stable_digest

logger = logging.getLogger(__name__)

ITERATED, FULL = "keys", "full"
# set (True) on a context function whose result joins every page's key, called or not: what
# filters read of the page (its language), which the template's source does not show
EVERY_PAGE = "page_key_on_every_page"
Usage = str | frozenset[str]  # ITERATED, FULL, or the facets read: ".attr", "[0]", "bool"


def _merge(a: Usage | None, b: Usage) -> Usage:
    if a is None or a == b:
        return b
    if isinstance(a, frozenset) and isinstance(b, frozenset):
        return a | b
    return FULL


def _usage(ast: nodes.Template) -> tuple[dict[str, Usage], set[str], bool, set[str]]:
    """({name: how it is used}, templates it pulls in, whether one is chosen at render time,
    attribute names and string constants it uses — `x.attr`, `map(attribute="attr")`)."""
    usage: dict[str, Usage] = {}
    attrs: set[str] = set()
    pulled: set[str] = set()
    dynamic = False

    def loaded(node: nodes.Node) -> str | None:
        return node.name if isinstance(node, nodes.Name) and node.ctx == "load" else None

    def facet(node: nodes.Node, called: bool) -> tuple[str, str] | None:
        """(name, facet) when the node reads only one facet of a context name."""
        if isinstance(node, nodes.Getattr) and not called and (name := loaded(node.node)):
            return name, "." + node.attr
        if not (isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const)):
            return None
        if type(node.arg.value) is int and node.arg.value == 0 and (name := loaded(node.node)):
            return name, "[0]"
        return None

    def visit(node: nodes.Node, as_iter: bool, called: bool = False) -> None:
        nonlocal dynamic
        if isinstance(node, nodes.Getattr):
            attrs.add(node.attr)
        elif isinstance(node, nodes.Const) and isinstance(node.value, str):
            attrs.update(node.value.split("."))
        if (found := facet(node, called)) is not None:
            usage[found[0]] = _merge(usage.get(found[0]), frozenset({found[1]}))
            return
        if isinstance(node, (nodes.If, nodes.CondExpr)) and (name := loaded(node.test)):
            usage[name] = _merge(usage.get(name), frozenset({"bool"}))  # `if articles`: only whether it is empty
        elif isinstance(node, nodes.Name) and node.ctx == "load":
            usage[node.name] = _merge(usage.get(node.name), ITERATED if as_iter else FULL)
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
        for part, child in node.iter_fields():
            if isinstance(node, (nodes.If, nodes.CondExpr)) and part == "test" and loaded(child):
                continue  # seen above
            children = child if isinstance(child, list) else [child]
            for item in children:
                if isinstance(item, nodes.Node):
                    # a method (`page.has_next()`) may read anything of its object
                    visit(
                        item,
                        isinstance(node, nodes.For) and part == "iter",
                        isinstance(node, nodes.Call) and part == "node",
                    )

    visit(ast, False)
    return usage, pulled, dynamic, attrs


class PageKeys:
    """Keys of pages rendered with one Jinja environment, memoising per template and per value."""

    def __init__(self, env: Environment, base: str, page_only: frozenset[str] = frozenset()) -> None:
        """`page_only`: attributes of an article that only its own page shows (neighbours, links);
        a template that reads none of them keys articles by their `card_digest`, which leaves
        those out, so a changed same-story score does not render every listing again."""
        self.env, self.base, self.page_only = env, base, page_only
        self._closures: dict[str, dict[str, Usage] | None] = {}
        self._card: dict[str, bool] = {}
        self._names: dict[str, list[str]] = {}  # the names of each template's closure, sorted
        self._memo: dict[tuple[int, Usage, str], tuple[object, str]] = {}
        self._results: dict[tuple[int, str], tuple[object, str]] = {}  # recent context-function results
        self._last: dict[str, dict[str, tuple[object, str]]] = {}  # per template: each value of its last page
        self._globals: dict[str, dict[str, Any]] = {}
        self._ambient: list[tuple[str, Callable[..., Any]]] = [
            (name, fn) for name, fn in sorted(env.globals.items())
            if callable(fn) and getattr(fn, "jinja_pass_arg", None) is _PassArg.context and _takes_only_context(fn)
        ]  # fmt: skip
        self._calls: dict[str, list[tuple[str, Callable[..., Any]]]] = {}  # per template: see closure

    def closure(self, name: str) -> dict[str, Usage] | None:
        """{name: usage} over the template and all it pulls in; None when that is not knowable."""
        if name not in self._closures:
            usage: dict[str, Usage] = {}
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
                    usage[var] = _merge(usage.get(var), how)
                todo += pulled
            self._closures[name] = usage if known else None
            self._names[name] = sorted(usage)
            # the context functions the template calls, and those marked EVERY_PAGE (what filters
            # read of the page, such as its language): the others cannot reach this page
            self._calls[name] = [(f, fn) for f, fn in self._ambient if f in usage or getattr(fn, EVERY_PAGE, False)]
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
        # most values are the same objects as on the last page of this template (the site's own):
        # their parts are taken as they were, without looking them up in the memo again
        last = self._last.setdefault(template.name, {})
        for var in self._names[template.name]:
            if var in localcontext:
                value = localcontext[var]
                seen = last.get(var)
                if seen is None or seen[0] is not value:
                    seen = last[var] = (value, self._digest(value, usage[var], field))
                parts += (var, seen[1])
        if calls := self._calls[template.name]:
            # the page's context over the template's globals, as rendering sees them, without copying
            # both into one mapping per page (hundreds of settings)
            if (flat := self._globals.get(template.name)) is None:
                # Jinja's template globals are a ChainMap over the environment's: flattened once
                flat = self._globals[template.name] = dict(template.globals)
            context = template.new_context(cast(dict, _Layered(localcontext, flat)), shared=True)
            # a result that is the same object on every page (the search page's folding table,
            # thousands of entries) is digested once per build
            for name, fn in calls:
                parts += (name, self._result_digest(fn(context), field))
        return hashlib.sha1("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()

    def _result_digest(self, value, field: str) -> str:
        """A context function's result: most are made anew per call (a page's feed list), and the
        memo of context values would keep each alive for the whole build (one per page: 125,000 at
        50,000 articles); a few recent ones are kept, enough for a result that is one object on
        every page (clearing them all every 64 results made the search page's table, thousands of
        entries, digested again every 32 pages)."""
        if (plain := _plain(value)) is not None or (plain := _few_plain(value)) is not None:
            return plain
        results, at = self._results, (id(value), field)
        memo = results.pop(at, None)
        if memo is None or memo[0] is not value:
            if len(results) >= 64:  # the least recently used goes, never the one every page returns
                del results[next(iter(results))]
            memo = (value, digest_of(value, field=field))
        results[at] = memo  # (again) the most recent
        return memo[1]

    def _digest(self, value, usage: Usage, field: str) -> str:
        if (plain := _plain(value)) is not None:
            return plain
        if isinstance(usage, frozenset):
            usage = _facets_or_full(value, usage)
        how = FULL if usage == ITERATED and not isinstance(value, Mapping) else usage
        memo = self._memo.get((id(value), how, field))
        if memo is None:  # context values are shared by every page: digest each once per build
            if how == ITERATED:
                digest = keys_digest(value)
            elif how == FULL:
                digest = digest_of(value, field=field)
            else:
                facets = [_facet(value, x) for x in sorted(how)]
                # a facet digest_of cannot describe would make the page always rendered: the whole then
                digest = stable_digest(facets, field) or digest_of(value, field=field)
            memo = self._memo[(id(value), how, field)] = (value, digest)
        return memo[1]


class _Layered(Mapping):
    """A page's context over its template's globals, for context functions: ChainMap's lookups (a
    generator per `in`) cost four times as much, and each page's functions make dozens, most of them
    for names the page does not have."""

    __slots__ = ("base", "top")

    def __init__(self, top: Mapping, base: Mapping) -> None:
        self.top, self.base = top, base

    def __contains__(self, key: object) -> bool:
        return key in self.top or key in self.base

    def __getitem__(self, key: str) -> Any:
        top = self.top
        return top[key] if key in top else self.base[key]

    def __iter__(self) -> Iterator[str]:
        return iter({**self.base, **self.top})

    def __len__(self) -> int:
        return len({**self.base, **self.top})


_PLAIN = (str, int, float, bool, type(None))  # described by their repr


def _plain(value) -> str | None:
    """A plain value described by its repr (no digest, no memo); None for anything else."""
    return f"{type(value).__name__}:{value!r}" if isinstance(value, _PLAIN) else None


def _few_plain(value) -> str | None:
    """A short list of plain values or tuples of them (a page's feed list) by its repr: per page,
    cheaper than a digest."""
    if not isinstance(value, list) or len(value) > 16:
        return None
    for item in value:
        if not isinstance(item, _PLAIN) and not (isinstance(item, tuple) and all(isinstance(x, _PLAIN) for x in item)):
            return None
    return f"list:{value!r}"


def _facets_or_full(value, facets: frozenset[str]) -> Usage:
    """The facets, where the value has them as Jinja reads them; else the whole value (also for an
    article: its digest describes it at once)."""
    if hasattr(value, "render_digest"):
        return FULL
    for x in facets:
        if x == "[0]" and not isinstance(value, (list, tuple)):
            return FULL
        # on a mapping Jinja's `x.attr` may be an item; a missing attribute is Undefined
        if x.startswith(".") and (isinstance(value, Mapping) or not hasattr(value, x[1:])):
            return FULL
    return facets


def _facet(value, facet: str) -> object:
    if facet == "bool":
        return bool(value)
    if facet == "[0]":
        return ("first", value[0]) if value else ("empty",)
    return getattr(value, facet[1:])


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
