"""YAML from untrusted files, loaded within bounds. Aliases let a few hundred bytes stand for
billions of nodes (a "billion laughs" bomb); the composed node graph is measured with every alias
expanded before anything is built from it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, SequenceNode

MAX_NODES = 100_000  # front matter of a real article is a few dozen nodes; 10,000 tags still load
MAX_DEPTH = 64


class YAMLBoundsError(ValueError):
    """The document is within YAML's grammar but beyond what an article's metadata needs."""


def _children(node: Node) -> list[Node]:
    if isinstance(node, SequenceNode):
        return list(node.value)
    if isinstance(node, MappingNode):
        return [n for pair in node.value for n in pair]
    return []


def expanded_size(root: Node, max_nodes: int = MAX_NODES, max_depth: int = MAX_DEPTH) -> int:
    """Nodes in the document with every alias expanded (a node reached twice counts twice), without
    expanding anything. Raises YAMLBoundsError beyond `max_nodes` or deeper than `max_depth`.
    A recursive alias counts once (what reads it must stop at its own depth)."""
    sizes: dict[int, int] = {}
    on_path: set[int] = set()
    stack: list[tuple[Node, int]] = [(root, 0)]  # iterative: deep documents must not recurse
    while stack:
        node, state = stack.pop()
        key = id(node)
        if state == 0:
            if key in sizes or key in on_path:
                continue
            if len(on_path) >= max_depth:
                raise YAMLBoundsError(f"nested more than {max_depth} levels deep")
            on_path.add(key)
            stack.append((node, 1))
            stack.extend((child, 0) for child in _children(node) if id(child) not in sizes)
        else:
            on_path.discard(key)
            sizes[key] = size = 1 + sum(sizes.get(id(child), 1) for child in _children(node))
            if size > max_nodes:
                raise YAMLBoundsError(f"expands to more than {max_nodes:,} values (YAML aliases?)")
    return sizes[id(root)]


def load_bounded(text: str, loader: type, max_nodes: int = MAX_NODES, max_depth: int = MAX_DEPTH):
    """`yaml.load(text, loader)` for one document, after checking its expanded size and depth.
    Raises yaml.YAMLError for broken YAML and YAMLBoundsError beyond the bounds."""
    instance = loader(text)
    try:
        node = instance.get_single_node()
        if node is None:
            return None
        expanded_size(node, max_nodes, max_depth)
        return instance.construct_document(node)
    finally:
        instance.dispose()


class DataFileError(ValueError):
    """A data file (tags.yml, sources.yml) that is not what its name says; the message names it."""


def as_data_file_error(path: object, err: Exception) -> DataFileError:
    """Any failure to read a data file as one that names the file (a DataFileError does already)."""
    return err if isinstance(err, DataFileError) else DataFileError(f"{path}: {type(err).__name__}: {err}")


# A data file (tags.yml, sources.yml) is the archivist's own, and may be large, but is read in every
# build and every worker: the same bounds, wider.
DATA_FILE_NODES = 5_000_000


def yaml_problem(err: yaml.YAMLError) -> tuple[str, int | None]:
    """What is wrong with a YAML text and on which line (1-based), as a reader of the file says it."""
    # where what is left open was opened (a quote, a bracket), else where the parser stopped
    mark = getattr(err, "context_mark", None) or getattr(err, "problem_mark", None)
    problem = getattr(err, "problem", None) or str(err).split("\n")[0]
    return problem, (mark.line + 1 if mark is not None else None)


def load_data_file(path: Path, loader: type = yaml.SafeLoader) -> Any:
    """One YAML data file, bounded. Any failure is a DataFileError naming the file and the line."""
    try:
        return load_bounded(Path(path).read_text(encoding="utf-8"), loader, DATA_FILE_NODES)
    except yaml.YAMLError as err:
        problem, line = yaml_problem(err)
        raise DataFileError(f"{path}{f', line {line}' if line else ''}: broken YAML: {problem}") from err
    except (YAMLBoundsError, UnicodeDecodeError, OSError, RecursionError) as err:
        raise DataFileError(f"{path}: {err}") from err
