"""The storyboard file (YAML or JSON): load with errors that name the line, save byte-stably."""

from __future__ import annotations

import json
from typing import Any, Callable

import yaml
from pydantic import ValidationError

from ..errors import OnecrewError
from ..model.base import ID_PATTERN
from ..model.colors import COLOR_PATTERN
from ..model.integrity import problems
from ..model.storyboard import Storyboard
from ..model.versions import VersionError, upgrade

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def load_storyboard(text: str, name: str = "<storyboard>", strict: bool = True) -> Storyboard:
    """Parse, upgrade and validate. `strict` also refuses references to unknown cast or sets
    (the linter loads with strict=False to report all of them)."""
    raw, node = _read_yaml(text, name)
    if not isinstance(raw, dict):
        raise OnecrewError("is not a storyboard: expected a mapping with scenes, cast and sets", where=name)
    try:
        raw = upgrade(raw)
    except VersionError as e:
        raise OnecrewError(str(e), where=f"{name}:{_line(node, ('schema_version',))}") from None
    try:
        sb = Storyboard.model_validate(raw)
    except ValidationError as e:
        err = e.errors()[0]
        loc = tuple(err["loc"])
        more = f" (and {e.error_count() - 1} more)" if e.error_count() > 1 else ""
        raise OnecrewError(f"{_path(loc, raw)}: {_message(err)}{more}",
                           where=f"{name}:{_line(node, loc)}") from None
    if strict:
        for p in problems(sb)[:1]:
            raise OnecrewError(f"{p.where}: {p.message}", where=f"{name}:{_line(node, _parse_path(p.where))}")
    return sb


def _read_yaml(text: str, name: str) -> tuple[Any, yaml.Node | None]:
    """The data and its node tree (for line numbers). A key given twice in one mapping is an
    error: YAML libraries silently keep the last, which hides a hand-editing slip."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is not None:
            dup = _duplicate_key(node)
            if dup is not None:
                raise OnecrewError(f"{dup.value!r} is given twice in the same mapping",
                                   where=f"{name}:{dup.start_mark.line + 1}")
        return (loader.construct_document(node) if node is not None else None), node
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f"{name}:{mark.line + 1}" if mark else name
        problem = getattr(e, "problem", None) or str(e).splitlines()[0]
        raise OnecrewError(f"malformed YAML: {problem}", where=where) from None
    finally:
        loader.dispose()


def line_finder(text: str) -> Callable[[str], int]:
    """A function from a field path ("scenes[0].shots[3]") to its 1-based line in `text`,
    reading the file once however many paths are asked for."""
    try:
        _, node = _read_yaml(text, "")
    except OnecrewError:
        node = None
    return lambda path: _line(node, _parse_path(path))


def _duplicate_key(node: yaml.Node) -> yaml.Node | None:
    stack = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, yaml.MappingNode):
            seen: set[str] = set()
            for key, value in n.value:
                if key.value in seen:
                    return key
                seen.add(key.value)
                stack.append(value)
        elif isinstance(n, yaml.SequenceNode):
            stack.extend(n.value)
    return None


def dump_storyboard(sb: Storyboard) -> str:
    """Canonical YAML: fields in model order, every field written, so save(load(f)) == f."""
    return yaml.dump(sb.model_dump(mode="json"), Dumper=_Dumper, sort_keys=False,
                     allow_unicode=True, width=100, default_flow_style=False)


def dump_json(sb: Storyboard) -> str:
    return json.dumps(sb.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"


def _message(err: dict[str, Any]) -> str:
    msg = err["msg"]
    if err["type"] == "enum":
        return f"{err['input']!r} is not one of {err['ctx']['expected']}"
    if err["type"] == "extra_forbidden":
        return "unknown field"
    if err["type"] == "string_pattern_mismatch":
        if err["ctx"]["pattern"] == ID_PATTERN:
            return f"{err['input']!r} is not a valid id (letters, digits, '-', '_' and '.', starting with a letter or digit)"
        if err["ctx"]["pattern"] == COLOR_PATTERN:
            return f"{err['input']!r} is not a colour: use a palette name such as 'navy' or '#rrggbb'"
    if err["type"] == "finite_number":
        return f"must be a finite number, not {err['input']!r}"
    if err["type"] in ("int_type", "bool_type"):
        return f"must be a {'whole number' if err['type'] == 'int_type' else 'true or false'}, not {err['input']!r}"
    if err["type"] == "greater_than":
        return f"must be greater than {err['ctx']['gt']}, not {err['input']!r}"
    return msg.removeprefix("Value error, ")


def _path(loc: tuple, raw: Any) -> str:
    """Field path as written in the file: scenes[0].shots[2].size (pydantic adds union tags)."""
    out, node = "", raw
    for part in loc:
        if isinstance(part, int) and isinstance(node, list):
            out += f"[{part}]"
            node = node[part] if part < len(node) else None
        elif isinstance(node, dict):
            out += ("." if out else "") + str(part)
            node = node.get(part)
        # else: a union tag pydantic inserted; not in the file
    return out or "(top level)"


def _parse_path(path: str) -> tuple:
    parts: list[Any] = []
    for seg in path.replace("[", ".[").split("."):
        if seg.startswith("["):
            parts.append(int(seg[1:-1]))
        elif seg:
            parts.append(seg)
    return tuple(parts)


def _line(node: yaml.Node | None, loc: tuple) -> int:
    """1-based line of the value at `loc`, or of its nearest parent that exists."""
    if node is None:
        return 1
    line = node.start_mark.line + 1
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            hit = next((v for k, v in node.value if k.value == part), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            hit = node.value[part]
        else:
            continue  # a union tag pydantic adds to the location; not in the file
        if hit is None:
            break
        node, line = hit, hit.start_mark.line + 1
    return line
