"""The storyboard file (YAML or JSON): load with errors that name the line, save byte-stably."""

from __future__ import annotations

import datetime
import json
import re
from typing import Any, Callable

import yaml
from pydantic import ValidationError

from ..errors import OnecrewError
from ..model.base import CONTROLS, ID_PATTERN, LABEL_PATTERN, PROSE_PATTERN
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
    """The data and its node tree (for line numbers). The events are checked before anything is
    built (see `_check_events`), and the node tree before it becomes data (`_check_nodes`)."""
    loader = _Loader(text)
    try:
        _check_events(text, name)
        node = loader.get_single_node()
        if node is not None:
            _check_nodes(node, name)
        return (loader.construct_document(node) if node is not None else None), node
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f"{name}:{mark.line + 1}" if mark else name
        problem = getattr(e, "problem", None) or str(e).splitlines()[0]
        raise OnecrewError(f"malformed YAML: {problem}", where=where) from None
    finally:
        loader.dispose()


MAX_DEPTH = 32  # a storyboard nests seven deep (scenes, shots, sfx ...); more is not a storyboard
_SHARED_ALLOWANCE = 10_000  # values aliases may add beyond the file's own size


def _check_events(text: str, name: str) -> None:
    """Refuse, while parsing and before composing, a document nested absurdly deep or whose
    aliases expand it far beyond its own size ("billion laughs": 1 KB of nested aliases
    that would build 10^9 values). Each value written costs at least a character, so a file
    of n characters holds at most about n values; aliases may add `_SHARED_ALLOWANCE` more,
    plenty to share an outfit between characters."""
    budget, total = len(text) + _SHARED_ALLOWANCE, 0
    sizes: dict[str, int] = {}  # anchor → how many values it stands for, expanded
    open_: list[list] = []  # collections being read: [anchor, values so far]
    for ev in yaml.parse(text, Loader=_Loader):
        if isinstance(ev, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            if len(open_) >= MAX_DEPTH:
                raise OnecrewError(f"nested more than {MAX_DEPTH} levels deep: not a storyboard",
                                   where=f"{name}:{ev.start_mark.line + 1}")
            open_.append([ev.anchor, 1])
            total += 1
            continue
        if isinstance(ev, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            anchor, size = open_.pop()
        elif isinstance(ev, yaml.ScalarEvent):
            anchor, size = ev.anchor, 1
            total += 1
        elif isinstance(ev, yaml.AliasEvent):
            if any(ev.anchor == a for a, _ in open_):  # a value containing itself
                raise OnecrewError(f"the alias *{ev.anchor} is inside its own anchor",
                                   where=f"{name}:{ev.start_mark.line + 1}")
            anchor, size = None, sizes.get(ev.anchor, 1)  # an unknown alias: the composer says so
            total += size
            if total > budget:
                raise OnecrewError(f"aliases expand this file to more than {budget} values: write "
                                   f"the values out, or share fewer", where=f"{name}:{ev.start_mark.line + 1}")
        else:
            continue
        if anchor is not None:
            sizes[anchor] = size
        if open_:
            open_[-1][1] += size


_STR = "tag:yaml.org,2002:str"
# The tags a plain YAML or JSON file resolves to. !!binary, !!set, !!python/... and local tags
# build values no storyboard field takes (the safe loader would refuse the python ones anyway,
# but with a message about constructors).
_PLAIN_TAGS = {f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp")}


def _check_nodes(root: yaml.Node, name: str) -> None:
    """Keys are field names: written-out text, each once in its mapping. A key given twice is
    an error because YAML libraries silently keep the last, which hides a hand-editing slip."""
    stack, seen_nodes = [root], set()
    while stack:
        n = stack.pop()
        if id(n) in seen_nodes:  # an alias: checked where its anchor is
            continue
        seen_nodes.add(id(n))
        at = f"{name}:{n.start_mark.line + 1}"
        if n.tag not in _PLAIN_TAGS:
            raise OnecrewError(f"the YAML tag {_short_tag(n.tag)} has no place in a storyboard", where=at)
        if isinstance(n, yaml.MappingNode):
            keys: set[str] = set()
            for key, value in n.value:
                kat = f"{name}:{key.start_mark.line + 1}"
                if not isinstance(key, yaml.ScalarNode):
                    raise OnecrewError("a key must be a field name, not a list or a mapping", where=kat)
                if key.tag != _STR:
                    raise OnecrewError(f"the key {key.value!r} must be a field name, not "
                                       f"{_KINDS.get(key.tag, 'a value')}", where=kat)
                if key.value in keys:
                    raise OnecrewError(f"{key.value!r} is given twice in the same mapping", where=kat)
                keys.add(key.value)
                stack.append(value)
        elif isinstance(n, yaml.SequenceNode):
            stack.extend(n.value)


_KINDS = {f"tag:yaml.org,2002:{t}": kind for t, kind in (
    ("int", "a number"), ("float", "a number"), ("bool", "true or false"), ("null", "null"),
    ("timestamp", "a date"))}


def _short_tag(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!")


def line_finder(text: str) -> Callable[[str], int]:
    """A function from a field path ("scenes[0].shots[3]") to its 1-based line in `text`,
    reading the file once however many paths are asked for."""
    try:
        _, node = _read_yaml(text, "")
    except OnecrewError:
        node = None
    return lambda path: _line(node, _parse_path(path))


def dump_storyboard(sb: Storyboard) -> str:
    """Canonical YAML: fields in model order, every field written, so save(load(f)) == f."""
    return yaml.dump(sb.model_dump(mode="json"), Dumper=_Dumper, sort_keys=False,
                     allow_unicode=True, width=100, default_flow_style=False)


def dump_json(sb: Storyboard) -> str:
    return json.dumps(sb.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"


def _message(err: dict[str, Any]) -> str:
    msg, kind, ctx, value = err["msg"], err["type"], err.get("ctx", {}), err.get("input")
    if kind == "enum":
        return f"{_show(value)} is not one of {ctx['expected']}"
    if kind == "extra_forbidden":
        return "unknown field"
    if kind == "string_pattern_mismatch":
        if ctx["pattern"] == ID_PATTERN:
            return f"{_show(value)} is not a valid id (letters, digits, '-', '_' and '.', starting with a letter or digit)"
        if ctx["pattern"] == COLOR_PATTERN:
            return f"{_show(value)} is not a colour: use a palette name such as 'navy' or '#rrggbb'"
        if ctx["pattern"] in (LABEL_PATTERN, PROSE_PATTERN):
            return _control(value, one_line=ctx["pattern"] == LABEL_PATTERN)
    if kind == "string_too_long":
        return f"is {len(value)} characters long; at most {ctx['max_length']}"
    if kind == "string_type":
        if isinstance(value, (datetime.date, datetime.datetime)):
            return "must be text, not a date: put it in quotes"
        return f"must be text, not {_show(value)}"
    if kind == "finite_number":
        return f"must be a finite number, not {_show(value)}"
    if kind in ("int_type", "bool_type"):
        return f"must be a {'whole number' if kind == 'int_type' else 'true or false'}, not {_show(value)}"
    bounds = {"greater_than": ("greater than", "gt"), "greater_than_equal": ("at least", "ge"),
              "less_than": ("less than", "lt"), "less_than_equal": ("at most", "le")}
    if kind in bounds:
        words, key = bounds[kind]
        return f"must be {words} {ctx[key]}, not {_show(value)}"
    if kind == "multiple_of":
        return f"must be {'even' if ctx['multiple_of'] == 2 else 'a multiple of ' + str(ctx['multiple_of'])}, not {_show(value)}"
    return msg.removeprefix("Value error, ")


def _control(text: str, one_line: bool) -> str:
    """Which control character, and where, so it can be found in an editor that hides it."""
    i = next(i for i, c in enumerate(text) if re.match(f"[{CONTROLS}]", c))
    what = "a line break" if text[i] in "\n\r\x85\u2028\u2029" else "a control character"
    rule = "this field is one line of text" if one_line else "only tabs and line breaks may be used"
    return f"has {what} (U+{ord(text[i]):04X}) at character {i + 1}: {rule}"


def _show(value: Any) -> str:
    """A value for an error line: its repr, cut short (an error quoting 10^100 is no clearer)."""
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _path(loc: tuple, raw: Any) -> str:
    """Field path as written in the file: scenes[0].shots[2].size (pydantic adds union tags)."""
    out, node = "", raw
    for part in loc:
        if isinstance(part, int) and isinstance(node, list):
            out += f"[{part}]"
            node = node[part] if part < len(node) else None
        elif isinstance(node, dict) and not _is_tag(node, part):
            out += ("." if out else "") + str(part)
            node = node.get(part)
        # else: a union tag pydantic inserted; not in the file
    return out or "(top level)"


def _is_tag(node: dict, part: Any) -> bool:
    """Whether `part` is the tag pydantic adds for a tagged union (a beat's "line" or "action")
    rather than a field of the file."""
    return part not in node and node.get("type") == part


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
            if hit is None and any(k.value == "type" and getattr(v, "value", None) == part for k, v in node.value):
                continue  # the union tag of a beat ("line", "action"): not in the file
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            hit = node.value[part]
        else:
            continue  # a union tag pydantic adds to the location; not in the file
        if hit is None:
            break
        node, line = hit, hit.start_mark.line + 1
    return line
