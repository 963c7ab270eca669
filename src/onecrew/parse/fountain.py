"""Fountain 1.1 screenplays (https://fountain.io/syntax) read into a Script.

Three passes: clean the text (line ends, boneyard, notes) while remembering each line's original
number; read the title page; then walk the body line by line. Most Fountain elements are decided
by the line itself plus whether the lines around it are blank. Who the characters are, what they
look like and who each action is about are filled in last, once every speaker is known.

Nothing here raises on odd input: anything that is not recognisably something else is action.
"""

from __future__ import annotations

import bisect
import functools
import re
import textwrap
import unicodedata
from dataclasses import dataclass
from re._casefix import _EXTRA_CASES  # the engine's own table (Python 3.11+)

import _sre

from ..model.script import (Action, Dialogue, DialoguePart, Lyric, Note, PageBreak, Script,
                            ScriptCharacter, ScriptScene, Transition, split_slugline)
from ..vocabulary.people import merge_names
from ..words import gender_of, people_noun
from .source import spaced

_TITLE_KEYS = {"title", "credit", "author", "authors", "source", "draft date", "date", "contact",
               "copyright", "notes", "revision", "format", "episode", "series"}
_KEY = re.compile(r"^(\w[\w '\-]{0,39}):(.*)$")
_SCENE_NUMBER = re.compile(r"\s*#([\w.\-]+)#$")
_PAGE_BREAK = re.compile(r"^={3,}$")
# The INT/EXT prefixes of a heading (fountain.io: INT, EXT, EST, INT./EXT, INT/EXT, I/E), with a dot
# allowed after either half so that "I./E." and "INT./EXT." read too; the model's SLUGLINE lacks "I./E.".
_SLUG = re.compile(r"^(?:(?P<both>(?:INT|I)\.?\s?/\s?(?:EXT|E)|(?:EXT|E)\.?\s?/\s?(?:INT|I))"
                   r"|(?P<one>INT|EXT|EST))(?:\.|\s)", re.I)
# Besides letters and digits a cue may hold these, plus symbols and marks (emoji, accents).
_CUE_PUNCT = frozenset(" .'’-&#/_…\u200d")
_CUE_CATEGORIES = ("So", "Sk", "Mn", "Mc", "Me")
_COMMON_TRANSITIONS = {"FADE IN:", "FADE OUT.", "FADE OUT", "FADE TO BLACK.", "FADE TO BLACK",
                       "CUT TO BLACK.", "CUT TO BLACK"}
# Private-use stand-ins keep escaped \* \_ \\ away from the emphasis patterns.
_ESCAPES = {"*": "\ue000", "_": "\ue001", "\\": "\ue002"}
# Bold-italic, bold, italic, underline: removed in this order, each in one pass (see _unwrap).
_EMPHASIS = [("***", False), ("**", False), ("*", False), ("_", True)]
_WORD = re.compile(r"\w")
# Characters this module uses as in-band markers; dropped from the input so they cannot clash.
_MARKERS = re.compile("[\x00-\x04\ue000-\ue002]")


def parse_fountain(text: str, source: str = "<text>") -> Script:
    """Read a Fountain screenplay. `source` names the text in messages; parsing never fails."""
    lines = _clean(spaced(text.replace("\r\n", "\n").replace("\r", "\n")))  # before _clean's own markers
    title_page, start = _title_page(lines)
    title = next((" ".join(_plain(v).split()) for k, v in title_page if k.lower() == "title"), "")
    scenes = _Body(lines, start).read()
    characters = _characters(scenes)
    characters, scenes = _one_person_one_name(characters, scenes)
    scenes = _tag_actions(scenes, characters)
    return Script(title=title, title_page=title_page, characters=characters, scenes=scenes,
                  source_kind="fountain")


# ---- pass 1: clean text, numbered lines ---------------------------------------------------

@dataclass(frozen=True)
class _Line:
    no: int  # 1-based line of the original text
    text: str  # boneyard and inline notes removed, trailing whitespace too
    notes: tuple[str, ...] = ()  # set when the line was nothing but [[notes]]
    bone: bool = False  # the line was nothing but boneyard, which hid no blank line
    gap: bool = False  # the line was nothing but boneyard, which hid a blank line
    trailing: bool = False  # the text had whitespace after it, which keeps it from being a cue

    @property
    def blank(self) -> bool:
        # Two spaces are Fountain's way to write an empty line that does not end the element.
        # A boneyard that swallowed a blank line still ends the element before it.
        return self.gap or (not self.notes and not self.bone and not self.text.strip()
                            and self.text != "  ")

    @property
    def aside(self) -> bool:
        """Only writer's material (notes, boneyard): it separates elements like a blank line,
        but a speech reads on past it."""
        return bool(self.notes) or self.bone


_OPENERS = re.compile(r"/\*|\[\[")
_BONE_CLOSER, _NOTE_CLOSER = re.compile(r"\*/"), re.compile(r"\]\]")
_BLANK_IN_NOTE = re.compile(r"\n(?!  \n)[ \t]*\n")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_REMOVED_MARK = re.compile(r"[ \t]*(?:[\x01\x04]|\x02\d+\x03)(?=[ \t.,;:!?]|$)")


class _Next:
    """The first match of `pattern` at or after a position, for positions that only grow: searched
    again only once a position passes it, so that many openers before one far closer (or one
    far blank line) cost one scan, not one each."""

    def __init__(self, text: str, pattern: re.Pattern):
        self.text, self.pattern = text, pattern
        self.match: re.Match | None = None
        self.searched = False

    def at(self, pos: int) -> re.Match | None:
        if not self.searched or (self.match and self.match.start() < pos):
            self.match, self.searched = self.pattern.search(self.text, pos), True
        return self.match


def _clean(text: str) -> list[_Line]:
    """Lines with their original numbers. Removed spans leave \\x00 per swallowed line end (so
    numbering survives), \\x01 where boneyard was (\\x04 if it hid a blank line), and \\x02<i>\\x03
    where note i was."""
    text = _MARKERS.sub("", text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n"))
    bone_end, note_end, blank = (_Next(text, p) for p in (_BONE_CLOSER, _NOTE_CLOSER, _BLANK_IN_NOTE))
    out, notes = [], []
    pos = start = 0
    while m := _OPENERS.search(text, start):
        s = m.start()
        start = s + 2
        if m.group() == "/*":
            if not (closer := bone_end.at(start)):
                continue
            end = closer.start()
            marker = "\x04" if _BLANK_LINE.search(text, s, end + 2) else "\x01"
        else:
            if not (closer := note_end.at(start)):
                continue
            end = closer.start()
            if (b := blank.at(start)) and b.end() <= end:  # notes never cross blank lines
                continue
            notes.append(" ".join(text[start:end].split()))
            marker = f"\x02{len(notes) - 1}\x03"
        end += 2
        out += [text[pos:s], marker, "\x00" * text.count("\n", s, end)]
        pos = start = end
    out.append(text[pos:])

    lines, no = [], 1
    for raw in "".join(out).split("\n"):
        swallowed = raw.count("\x00")
        raw = raw.replace("\x00", "")  # first, so _REMOVED_MARK sees the space after a mark
        lines += _lines(no, raw, notes)
        no += 1 + swallowed
    return lines


def _lines(no: int, raw: str, notes: list[str]) -> list[_Line]:
    """One line of _clean's output, its marks resolved; a boneyard that hid a blank line at
    either end of a line of text is kept as a blank line there, so it still splits elements."""
    ids = [int(i) for i in re.findall("\x02(\\d+)\x03", raw)]
    clean = _REMOVED_MARK.sub("", raw)  # a removed span leaves no double space behind
    clean = re.sub("[\x01\x04]", "", re.sub("\x02\\d+\x03", "", clean))
    if not clean.strip():
        if ids:  # (a blank hidden beside notes on their own line is not kept: notes separate anyway)
            return [_Line(no, "", tuple(notes[i] for i in ids))]
        if "\x01" in raw or "\x04" in raw:
            return [_Line(no, "", bone="\x04" not in raw, gap="\x04" in raw)]
        return [_Line(no, clean)]  # kept as is: "  " is the two-space line
    line = _Line(no, clean.rstrip(), trailing=clean != clean.rstrip())
    gap = _Line(no, "", gap=True)
    return [gap] * raw.lstrip().startswith("\x04") + [line] + [gap] * raw.rstrip().endswith("\x04")


def _plain(text: str) -> str:
    """Emphasis markup removed, escapes resolved."""
    if not any(c in text for c in "*_\\"):
        return text
    text = re.sub(r"\\([*_\\])", lambda m: _ESCAPES[m[1]], text)
    for mark, word_edges in _EMPHASIS:
        text = _unwrap(text, mark, word_edges)
    for char, stand_in in _ESCAPES.items():
        text = text.replace(stand_in, char)
    return text


def _unwrap(text: str, mark: str, word_edges: bool) -> str:
    """Every `mark`...`mark` span on one line loses its marks, as `re.sub(r"M(?=\\S)(.+?)(?<=\\S)M",
    r"\\1", text)` would do it (with `(?<!\\w)` and `(?!\\w)` around the marks for `word_edges`),
    but in one left-to-right pass. Whether a mark can close depends only on the characters around
    it, so when an opening mark finds no closer before the line ends, no later one on that line
    will: the rest of the line is skipped instead of searched again from every mark."""
    out, done, n, k = [], 0, len(text), len(mark)
    i = text.find(mark)
    while i >= 0:
        if i + k < n and not text[i + k].isspace() and not (word_edges and i and _WORD.match(text[i - 1])):
            eol = text.find("\n", i)
            eol = n if eol < 0 else eol
            j = text.find(mark, i + k + 1)  # the shortest span whose closer follows a non-space
            while 0 <= j <= eol - k and (text[j - 1].isspace() or (word_edges and _WORD.match(text, j + k))):
                j = text.find(mark, j + 1)
            if not 0 <= j <= eol - k:
                i = text.find(mark, eol) if eol < n else -1
                continue
            out += [text[done:i], text[i + k:j]]
            done = j + k
            i = text.find(mark, done)
        else:
            i = text.find(mark, i + 1)
    return "".join(out) + text[done:]


# ---- pass 2: title page -------------------------------------------------------------------

def _title_page(lines: list[_Line]) -> tuple[tuple[tuple[str, str], ...], int]:
    """(key, value) pairs and the index of the first body line. Values keep their markup;
    indented continuation lines join with newlines. The page ends at its first blank line, or
    (when the writer left none) at its first unindented line that has no key."""
    i = next((k for k, ln in enumerate(lines) if not ln.blank and not ln.bone), len(lines))
    pairs: list[tuple[str, list[str]]] = []
    j = i
    while j < len(lines) and not lines[j].blank:
        ln = lines[j]
        indented = ln.text[:1].isspace()
        m = None if indented else _KEY.match(ln.text)
        if m:
            pairs.append((m[1].strip(), [m[2].strip()] if m[2].strip() else []))
        elif ln.bone or (pairs and ln.notes):
            pass  # the writer's asides are not part of any value
        elif not pairs:
            return (), 0
        elif indented:
            pairs[-1][1].append(ln.text.strip())
        else:
            break  # "Some action." right after the keys: the body has begun
        j += 1
    # "FADE IN:" alone is a screenplay's first line, not a title page.
    if not pairs or (len(pairs) < 2 and pairs[0][0].lower() not in _TITLE_KEYS):
        return (), 0
    return tuple((k, "\n".join(v)) for k, v in pairs), j


# ---- pass 3: the body ---------------------------------------------------------------------

def _split_heading(heading: str) -> tuple[str | None, str, str]:
    """(int_ext, place, time), as the model's split_slugline reads them, for every prefix
    _SLUG knows ("I./E." included)."""
    m = _SLUG.match(heading)
    if not m:
        return split_slugline(heading)  # no prefix: the whole heading is the place
    int_ext = "INT/EXT" if m["both"] else ("INT" if m["one"].upper() == "INT" else "EXT")
    # A plain "INT. " in front lets split_slugline cut place from time without meeting a
    # second prefix in the place ("INT./EXT. EXT BAR" keeps "EXT BAR").
    _, place, time = split_slugline("INT. " + heading[m.end():].lstrip(" .\t"))
    return int_ext, place, time


def _heading(s: str, forced: bool) -> dict:
    number = None
    if m := _SCENE_NUMBER.search(s):
        number, s = m[1], s[:m.start()].rstrip()
    heading = s[1:].strip() if forced else s
    int_ext, location, time = _split_heading(heading)
    return dict(heading=heading, int_ext=int_ext, number=number,
                location=_plain(location).strip(" -–—\t"), time=_plain(time).strip())


def _cue(s: str) -> tuple[str, str | None, bool] | None:
    """(name, extension, dual) when the line reads as a character cue. Emphasis around the
    name or the extension ("**BOB** *(V.O.)*") is only formatting."""
    s = _plain(s)
    forced = s.startswith("@")
    body = s[1:].strip() if forced else s
    dual = body.endswith("^")
    body = body.rstrip("^").rstrip()
    # Extensions are read from the end by moving `end` back, not by slicing the line each time
    # nor inserting at the front: a line of many "(x)" cost its length per extension.
    extensions, end = [], len(body)
    while body.endswith(")", 0, end) and (k := body.rfind("(", 0, end)) >= 0:
        extensions.append(body[k + 1:end - 1].strip())
        end = k
        while end and body[end - 1].isspace():
            end -= 1
    extensions.reverse()
    body = body[:end]
    if not body or "(" in body or ")" in body or not (forced or _cue_name(body)):
        return None
    return body, ", ".join(e for e in extensions if e) or None, dual


def _cue_name(name: str) -> bool:
    """A name in capitals (fountain.io: "entirely in uppercase", with at least one letter): some
    upper-case letter, nothing lower-case, starting with a letter or digit; accents, emoji and
    "…" are fine, "!" or "?" make it a shout instead. Scripts without case ("名前") need "@"."""
    return (name[0].isalnum() and name == name.upper() and any(c.isupper() for c in name)
            and all(c.isalnum() or c in _CUE_PUNCT or unicodedata.category(c) in _CUE_CATEGORIES
                    for c in name))


def _is_transition(s: str) -> bool:
    return s.upper() == s and ((s.endswith("TO:") and any(c.isalpha() for c in s[:-3]))
                               or s in _COMMON_TRANSITIONS)


def _forced_heading(s: str) -> bool:
    return len(s) > 1 and s[0] == "." and s[1].isalnum()


def _is_heading(s: str, before: bool, after: bool) -> bool:
    # fountain.io wants a blank line on both sides; one in capitals needs only the one before.
    return _forced_heading(s) or (before and bool(_SLUG.match(s)) and (after or s == s.upper()))


class _Body:
    def __init__(self, lines: list[_Line], start: int):
        self.lines, self.start = lines, start
        self.scenes: list[tuple[dict, list]] = []

    def quiet(self, k: int) -> bool:
        """Blank enough to separate elements: blank, a lone note or boneyard, or past either end."""
        return k < self.start or k >= len(self.lines) or self.lines[k].blank or self.lines[k].aside

    def add(self, element) -> None:
        if not self.scenes:  # content before any heading: the implicit first scene
            self.scenes.append((dict(heading="", line=element.line), []))
        self.scenes[-1][1].append(element)

    def read(self) -> tuple[ScriptScene, ...]:
        i, lines = self.start, self.lines
        while i < len(lines):
            ln = lines[i]
            s = ln.text.strip()
            before, after = self.quiet(i - 1), self.quiet(i + 1)
            if ln.blank:
                i += 1
            elif ln.aside:
                for note in ln.notes:
                    self.add(Note(kind="note", text=note, line=ln.no))
                i += 1
            elif _PAGE_BREAK.match(s):
                self.add(PageBreak(line=ln.no))
                i += 1
            elif s.startswith("#"):
                level = len(s) - len(s.lstrip("#"))
                self.add(Note(kind="section", text=_plain(s[level:].strip()), level=level, line=ln.no))
                i += 1
            elif s.startswith("="):
                self.add(Note(kind="synopsis", text=_plain(s[1:].strip()), line=ln.no))
                i += 1
            elif _is_heading(s, before, after):
                self.scenes.append((dict(_heading(s, forced=s[0] == "."), line=ln.no), []))
                i += 1
            elif s.startswith(">") and s.endswith("<") and len(s) > 1:
                i = self.centered(i)
            elif s.startswith(">") and s[1:].strip():
                self.add(Transition(text=_plain(s[1:].strip()), line=ln.no))
                i += 1
            elif s.startswith("~"):
                i = self.lyric(i)
            elif not s.startswith("!") and not ln.trailing and before and after and _is_transition(s):
                self.add(Transition(text=s, line=ln.no))
                i += 1
            elif cue := self.cue(i):
                i = self.dialogue(i, *cue)
            else:
                i = self.action(i)
        scenes = self.scenes
        # Only notes, page breaks or "FADE IN:" before the first heading: they belong to that
        # scene, rather than making a scene with nothing in it to film.
        if len(scenes) > 1 and scenes[0][0]["heading"] == "" and all(
                isinstance(el, (Note, PageBreak, Transition)) for el in scenes[0][1]):
            scenes = [(scenes[1][0], scenes[0][1] + scenes[1][1])] + scenes[2:]
        return tuple(ScriptScene(elements=tuple(elements), **fields) for fields, elements in scenes)

    def cue(self, i: int) -> tuple[str, str | None, bool] | None:
        """The cue line i is, if it is one: after a blank line, with more lines after it. The
        issue tracker's rule, stricter than fountain.io: a capitalised line with trailing
        whitespace is action, unless "@" forces it."""
        ln = self.lines[i]
        s = ln.text.strip()
        forced = s.startswith("@")
        if (ln.trailing and not forced) or not (forced or self.quiet(i - 1)) \
                or i + 1 >= len(self.lines) or self.lines[i + 1].blank:
            return None
        return _cue(s)

    def _run(self, i: int, accept) -> int:
        """Index after the run of consecutive lines from i that `accept` takes."""
        j = i + 1
        while j < len(self.lines) and not self.lines[j].blank and not self.lines[j].aside \
                and accept(self.lines[j].text.strip()):
            j += 1
        return j

    def centered(self, i: int) -> int:
        j = self._run(i, lambda s: s.startswith(">") and s.endswith("<") and len(s) > 1)
        text = "\n".join(_plain(ln.text.strip()[1:-1].strip()) for ln in self.lines[i:j])
        if text.strip():
            self.add(Action(text=text.strip("\n"), centered=True, line=self.lines[i].no))
        return j

    def lyric(self, i: int) -> int:
        j = self._run(i, lambda s: s.startswith("~"))
        text = "\n".join(_plain(ln.text.strip()[1:].strip()) for ln in self.lines[i:j])
        if text.strip():
            self.add(Lyric(text=text.strip("\n"), line=self.lines[i].no))
        return j

    def action(self, i: int) -> int:
        """A paragraph up to the next blank line, or a line that is always its own element."""
        def continues(s: str) -> bool:
            return s.startswith("!") or not (_PAGE_BREAK.match(s) or s[:1] in ("#", "=", ">", "~")
                                             or _forced_heading(s))
        j = self._run(i, continues)
        rows = []
        for ln in self.lines[i:j]:
            row = ln.text
            if row.lstrip().startswith("!"):
                row = row.replace("!", "", 1)
            rows.append(_plain(row.rstrip()))
        # Indentation is kept relative to the paragraph; its common margin is not.
        text = textwrap.dedent("\n".join(rows)).strip("\n")
        if text.strip():
            self.add(Action(text=text, line=self.lines[i].no))
        return j

    def dialogue(self, i: int, name: str, extension: str | None, dual: bool) -> int:
        """The speech under the cue at i, up to a blank line: its speech and parenthetical parts
        in the order written. An aside (note, boneyard) inside is skipped, unless a new cue or
        heading follows it, which then starts its own element."""
        parts: list[DialoguePart] = []
        speech: list[str] = []
        lyric = False

        def flush() -> None:
            if speech:
                parts.append(DialoguePart(kind="speech", text=("\n" if lyric else " ").join(speech)))
                speech.clear()

        j = i + 1
        while j < len(self.lines) and not self.lines[j].blank:
            ln, j = self.lines[j], j + 1
            s = ln.text.strip()
            if ln.aside:
                if self.opens(j):
                    break
                continue  # a note inside a speech is for the writer, not the actor
            plain = _plain(s)
            if not s:
                flush()  # the two-space line: a new paragraph of the same speech
            elif plain.startswith("(") and plain.endswith(")"):  # "*(ah, wonderful)*" too
                flush()
                if inner := plain[1:-1].strip():
                    parts.append(DialoguePart(kind="parenthetical", text=inner))
            elif s.startswith("~"):
                lyric = True
                speech.append(_plain(s[1:].strip()))
            else:
                speech.append(plain)
        flush()
        if not parts:  # only notes followed the cue: it was action after all
            return self.action(i)
        elements = self.scenes[-1][1] if self.scenes else []
        dual = dual and bool(elements) and isinstance(elements[-1], Dialogue)
        self.add(Dialogue(character=name, extension=extension, parts=tuple(parts), dual=dual,
                          lyric=lyric, line=self.lines[i].no))
        return j

    def opens(self, k: int) -> bool:
        """Whether line k, after an aside, starts an element of its own (a cue or a heading)."""
        if k >= len(self.lines) or self.lines[k].blank or self.lines[k].aside:
            return False
        return bool(self.cue(k)) or _is_heading(self.lines[k].text.strip(), True, self.quiet(k + 1))


# ---- characters ---------------------------------------------------------------------------

# Plural nouns that start appositive phrases and must not be mistaken for verbs ("walks").
_S_NOUNS = {"glasses", "sunglasses", "jeans", "boots", "shoes", "sneakers", "heels", "sandals",
            "pants", "trousers", "shorts", "clothes", "freckles", "tattoos", "earrings", "gloves",
            "curls", "braids", "dreadlocks", "overalls", "scrubs", "bangs", "dimples", "years"}
_CAPS_NAME = re.compile(r"(?<![\w'])([A-Z][A-Z'\-]+(?: [A-Z][A-Z'\-]+)?)(?![\w'])(?=\s*[(,])")
_CAPS_WORD = re.compile(r"(?<![\w'])(?:([A-Z][A-Z'\-]+) )?([A-Z][A-Z'\-]+)(?![\w'])")
_DETERMINERS = {"A", "AN", "THE", "HIS", "HER", "THEIR", "TWO", "THREE", "SOME", "OF", "AND"}
_NOT_NAMES = {"INT", "EXT", "CUT", "FADE", "THE END", "CONTINUED", "LATER", "NIGHT", "DAY", "BEAT",
              "SUPER", "TITLE", "INSERT", "BACK TO SCENE", "FLASHBACK"}
_SENTENCE_END = re.compile(r"[.!?](?=[\s\"')]|$)|\n[ \t]*\n")


def _characters(scenes: tuple[ScriptScene, ...]) -> tuple[ScriptCharacter, ...]:
    """Every speaker in order of first line, described by the first action that introduces
    them in capitals ("MARA (30s), a tall woman with red hair, steps in.")."""
    names: dict[str, str] = {}
    for scene in scenes:
        for el in scene.elements:
            if isinstance(el, Dialogue):
                names.setdefault(el.character.upper(), el.character)
    actions = [_Sentences(el.text) for scene in scenes for el in scene.elements
               if isinstance(el, Action) and not el.centered]
    # People who never speak are still cast when the action introduces them the screenwriter's
    # way — in capitals, with an age or a description of a person ("LILA (8), a girl ...").
    # Props and sounds in capitals ("a PHONE, buzzing") describe no person and are skipped.
    for sentences in actions:
        text = sentences.text
        for m in _CAPS_NAME.finditer(text):
            name = m.group(1)
            if name.upper() in names or name in _NOT_NAMES:
                continue
            description, _ = sentences.introduction(m.end())
            if _AGE_AFTER.match(text, m.end()) or gender_of(description, pronouns=False):
                names[name.upper()] = name
        # A person noun in capitals is someone, even unintroduced: "A TRUCKER sleeps in a booth."
        for m in _CAPS_WORD.finditer(text):
            if people_noun(m[2]) and m[2] not in ("MR", "MRS", "MS", "MISS", "SIR"):
                name = m[2] if not m[1] or m[1] in _DETERMINERS else m.group()  # "OLD MAN", not "THE MAN"
                names.setdefault(name, name)
    # Each name takes the first description and the first gender found at any of its
    # mentions, as written or in capitals, actions in order and each action's mentions as
    # re.finditer finds them. One pass over the actions finds every name's mentions at once;
    # a loop per name over every action cost names x actions (22 s for 200 KB).
    found: dict[str, list] = {name: ["", None] for name in names.values()}
    finder = _Finder({name: {name, name.upper()} for name in names.values()}, fold=False)
    open_ = set(found)  # names still missing a description or a gender
    for sentences in actions:
        if not open_:
            break
        for name, _, end in finder.mentions(sentences.text, open_, every=True):
            got = found[name]
            description, gender = sentences.introduction(end)
            got[0], got[1] = got[0] or description, got[1] or gender
            if got[0] and got[1]:
                open_.discard(name)
    return tuple(ScriptCharacter(name=name, description=d, gender=g) for name, (d, g) in found.items())


# "LILA (8)", "BOB, 40s", "ANA, early thirties": matched at the name's end, as a slice of the
# rest of the text would be (a slice per name cost the text's length each).
_AGE_AFTER = re.compile(r"\s*[(,]\s*(?:\d|teens|twenties|thirties|forties|fifties|sixties|seventies|eighties|"
                        r"early|late|mid)")
_PARENTHESIS = re.compile(r"\s*\(([^()]*)\)")
_NEXT_WORD = re.compile(r"\s*([A-Za-z]+)")
_DESCRIPTION_TRIM = " ,;:-"
MAX_DESCRIPTION = 200


class _Sentences:
    """One action's text, with where its sentences end found once, and the introduction at
    each position remembered: names are introduced at many positions of one long paragraph,
    and a search for the sentence's end from each of them cost the paragraph's length each."""

    def __init__(self, text: str):
        self.text = text
        self.ends = list(_SENTENCE_END.finditer(text))
        self.starts = [m.start() for m in self.ends]
        self.memo: dict[int, tuple[str, str | None]] = {}

    def end(self, at: int) -> re.Match | None:
        """_SENTENCE_END.search(text, at): the first of its matches that starts at or after `at`
        (the same match, since a search finds the leftmost one), unless `at` falls inside a
        multi-character match (a blank line), where a search from `at` may differ."""
        k = bisect.bisect_left(self.starts, at)
        if k and self.ends[k - 1].end() > at:
            return _SENTENCE_END.search(self.text, at)
        return self.ends[k] if k < len(self.ends) else None

    def introduction(self, at: int) -> tuple[str, str | None]:
        if at not in self.memo:
            self.memo[at] = _introduction(self.text, at, self.end(at))
        return self.memo[at]


def _introduction(text: str, at: int, end: re.Match | None) -> tuple[str, str | None]:
    """What the sentence says about the name ending at `at`: a parenthetical right after it,
    then an appositive between commas up to where the sentence's own verb starts. `end` is
    where the sentence ends (_SENTENCE_END searched from `at`)."""
    stop = end.start() if end else len(text)
    description = _description(text, at, stop)
    gender = gender_of(description)
    if not gender and end is not None:  # "MARA enters. She ..." — only the very next word counts
        following = _NEXT_WORD.match(text, end.end())
        word = following[1].lower() if following else ""
        gender = {"she": "female", "he": "male"}.get(word)
    return description, gender


def _description(text: str, at: int, stop: int) -> str:
    """The description in text[at:stop]: its whitespace-joined words, then "(a parenthetical)",
    then ", appositive, pieces" up to the first that reads as a verb, joined, trimmed and cut
    to MAX_DESCRIPTION characters. Read from a window of text[at:stop] that doubles until what
    is in it decides the result, so that each of many names in one long sentence costs what
    its own description needs rather than the whole rest of the sentence. A window's joined
    words are a prefix of the whole tail's, and every piece but the window's last is whole."""
    size = 512
    while True:
        hi = min(stop, at + size)
        whole = hi == stop
        tail = " ".join(text[at:hi].split())
        found: list[str] = []
        if m := _PARENTHESIS.match(tail):
            found.append(m[1].strip())
            tail = tail[m.end():]
        elif not whole and (not tail or (tail[0] == "(" and not re.search(r"[()]", tail[1:]))):
            size *= 2  # an opened parenthesis not yet closed
            continue
        tail = tail.lstrip()
        if not tail.startswith(","):
            if whole or tail:
                return ", ".join(found).strip(_DESCRIPTION_TRIM)[:MAX_DESCRIPTION]
            size *= 2
            continue
        pieces = tail[1:].split(",")
        last = len(pieces) if whole else len(pieces) - 1  # the window's last piece may go on
        # The first and last characters of the joined text that trimming keeps: once they span
        # MAX_DESCRIPTION, later pieces cannot change the cut result.
        length, first, final = sum(len(p) + 2 for p in found) - 2 if found else 0, None, None
        if found:
            kept = found[0].lstrip(_DESCRIPTION_TRIM)
            if kept:
                first, final = len(found[0]) - len(kept), len(found[0].rstrip(_DESCRIPTION_TRIM)) - 1
        decided = whole
        for k in range(last):
            piece = pieces[k].strip()
            if _verbish(piece):
                decided = True
                break
            if not piece:
                continue
            offset = length + 2 if found else 0
            found.append(piece)
            length = offset + len(piece)
            kept = piece.lstrip(_DESCRIPTION_TRIM)
            if kept:
                if first is None:
                    first = offset + len(piece) - len(kept)
                final = offset + len(piece.rstrip(_DESCRIPTION_TRIM)) - 1
            if first is not None and final - first >= MAX_DESCRIPTION - 1:
                decided = True
                break
        if decided:
            return ", ".join(found).strip(_DESCRIPTION_TRIM)[:MAX_DESCRIPTION]
        size *= 2


# Remembered: the windows of many names in one long sentence share most of their pieces.
@functools.lru_cache(maxsize=8192)
def _verbish(piece: str) -> bool:
    """Does this comma piece start the sentence's predicate ("steps in", "and then waves")?"""
    words = re.findall(r"[A-Za-z']+", piece)
    while words and (words[0].lower() in ("and", "then", "who", "but") or words[0].endswith("ly")):
        words = words[1:]
    if not words or not words[0].islower():
        return False
    w = words[0]
    return w in ("is", "has", "does", "goes") or (
        len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is", "'s")) and w not in _S_NOUNS)


def _one_person_one_name(characters: tuple[ScriptCharacter, ...], scenes: tuple[ScriptScene, ...]):
    """A short cue ("ESTHER", "BRANDT") and the full name the action introduces ("ESTHER
    OYELARAN", "SAM BRANDT") are one person: cast once under the full name, every cue spoken by
    them. A gender still unknown is taken from the pronoun that follows the name in the action."""
    canon = merge_names([c.name for c in characters])
    # The first character of each name, looked up once: a scan of the cast per character was
    # characters x characters in a screenplay of thousands of speakers.
    first_named: dict[str, ScriptCharacter] = {}
    for x in characters:
        first_named.setdefault(x.name, x)
    by_name: dict[str, ScriptCharacter] = {}
    for c in characters:
        full = canon[c.name]
        kept = by_name.get(full) or first_named.get(full, c)
        by_name[full] = kept.model_copy(update={"description": kept.description or c.description,
                                                "gender": kept.gender or c.gender})
    actions = [el.text for sc in scenes for el in sc.elements if isinstance(el, Action)]
    unknown = [name for name, c in by_name.items() if c.gender is None]
    for name, gender in _pronouns_after(unknown, actions).items():
        by_name[name] = by_name[name].model_copy(update={"gender": gender})
    if all(canon[n] == n for n in canon):
        return tuple(by_name.values()), scenes

    def cue(el):
        if isinstance(el, Dialogue) and canon.get(el.character, el.character) != el.character:
            return el.model_copy(update={"character": canon[el.character]})
        return el
    return tuple(by_name.values()), tuple(
        sc.model_copy(update={"elements": tuple(cue(el) for el in sc.elements)}) for sc in scenes)


_PRONOUN = re.compile(r"\b(she|her|herself|he|him|his|himself)\b", re.I)
_CAPITALS = re.compile(r"\b[A-Z]{2,}\b(?![.)])")
_UPPER = re.compile(r"[A-Z]")


def _pronoun_after(name: str, actions: list[str]) -> str | None:
    """The gender of the first she/he/her/his after `name` in an action naming no one else in
    capitals before that pronoun ("JOGGER (30s) stretches. She checks her watch.")."""
    return _pronouns_after([name], actions).get(name)


def _pronouns_after(names: list[str], actions: list[str]) -> dict[str, str | None]:
    """_pronoun_after for many names at once, in about linear time. For each name, the first
    action where it is mentioned (whole word, any case) with a pronoun after that first mention
    and no other capitals word (the name's own occurrences removed) between them.

    A regex per name over every action, then slicing and searching the rest of the action from
    each mention, was names x actions x length ("NAME (3)" repeated over 100 KB: 63 s). Here one
    walk of each action finds every name (_Finder), and the action's pronouns, capitals words
    and capital letters are found once, so each mention costs a bisect and, where the name
    itself stands near the capitals, a local look; only a name whose removal could join new
    capitals is checked the old way, on its own stretch."""
    out: dict[str, str | None] = dict.fromkeys(names)
    pending = set(names)
    if not pending:
        return out
    finder = _Finder({n: {n} for n in names}, fold=True)
    for text in actions:
        if not pending:
            break
        first: dict[str, tuple[int, int]] = {}
        for name, start, end in finder.mentions(text, pending, every=False):
            first.setdefault(name, (start, end))
        if not first:
            continue
        pronouns = [(m.start(), m[1]) for m in _PRONOUN.finditer(text)]
        pronoun_at = [a for a, _ in pronouns]
        capitals = [m.span() for m in _CAPITALS.finditer(text)]
        capital_at = [a for a, _ in capitals]
        upper = [m.start() for m in _UPPER.finditer(text)]
        for name in [n for n in names if n in first]:  # the caller's order, as before
            s = first[name][1]
            # Pronoun matches are whole words, and the text just after a whole-word mention
            # cannot continue a word, so the first pronoun of text[s:] is the first one of the
            # whole text starting at or after s.
            k = bisect.bisect_left(pronoun_at, s)
            if k == len(pronouns):
                continue
            e, word = pronouns[k]
            if not _capitals_between(text, name, s, e, capitals, capital_at, upper):
                out[name] = "female" if word.lower().startswith(("she", "her")) else "male"
                pending.discard(name)
    return out


def _capitals_between(text: str, name: str, s: int, e: int, capitals: list[tuple[int, int]],
                      capital_at: list[int], upper: list[int]) -> bool:
    """Whether _CAPITALS finds a match in text[s:e].replace(name, ""), given the whole text's
    capitals words and capital letters. text[s - 1] and text[e - 1] end no word that goes on
    past them (s follows a whole-word mention, e starts a pronoun), so the text's own matches
    inside [s, e) are exactly the stretch's."""
    # Removing characters cannot add capital letters: fewer than two, no capitals word.
    if bisect.bisect_left(upper, e) - bisect.bisect_left(upper, s) < 2:
        return False
    # A match is decided by its characters and the one on each side; one whose surroundings
    # hold no occurrence of the name survives the removal unchanged.
    size = len(name)
    for k in range(bisect.bisect_left(capital_at, s), len(capitals)):
        a, b = capitals[k]
        if a >= e:
            break
        lo, hi = max(s, a - 1), min(e, b + 1)
        if text.find(name, max(s, lo - size + 1), min(e, hi + size - 1)) < 0:
            return True
    # No capitals word of the text's own is sure to remain: only taking the name out (joining
    # what stood around it) could make one, so check the stretch as it was checked before.
    if not name or text.find(name, s, e) < 0:
        return False
    return _CAPITALS.search(text[s:e].replace(name, "")) is not None


def _tag_actions(scenes: tuple[ScriptScene, ...],
                 characters: tuple[ScriptCharacter, ...]) -> tuple[ScriptScene, ...]:
    """Each Action lists the known characters its text names, in order of first mention."""
    if not characters:
        return scenes
    # Whole words, any case (re.I). One walk of each action finds every name in it: a search per
    # character per action cost characters x actions ("thousands of speakers, then 'Everyone
    # laughs.'": 42 s for 200 KB).
    finder = _Finder({c.name: {c.name} for c in characters}, fold=True)

    def tag(el):
        if not isinstance(el, Action):
            return el
        first: dict[str, int] = {}
        for name, start, _ in finder.mentions(el.text, None, every=False):
            first.setdefault(name, start)
        hits = sorted((start, name) for name, start in first.items())
        return el.model_copy(update={"characters": tuple(name for _, name in hits)})

    return tuple(s.model_copy(update={"elements": tuple(tag(el) for el in s.elements)}) for s in scenes)


# ---- finding many names at once ----------------------------------------------------------

_RUNS = re.compile(r"\w+|\W+")


def _fold_char(c: str) -> str:
    """The character re.IGNORECASE treats `c` as: its simple lower case (what the regex engine
    compares), then the least of the characters the engine also counts as that one (ſ is s)."""
    lo = _sre.unicode_tolower(ord(c))
    return chr(min((lo,) + _EXTRA_CASES.get(lo, ())))


# Characters whose case-insensitive equals include both word and non-word characters (the
# combining ypogegrammeni U+0345 matches ι): a name holding one could match where the words of
# the text do not line up with its own, so it is searched for with its own regex instead.
# tests/unit/parse/test_fountain_scale.py checks this against every code point.
_MIXED_FOLDS = frozenset("\u0345\u0399\u03b9\u1fbe")


class _Finder:
    """Where names stand as whole words ((?<!\\w)name(?!\\w), case-insensitive when `fold`) in
    many texts, found for all names in one walk of each text instead of a search per name.

    A name that starts with a word character can only match where a run of word characters
    in the text starts, and its runs of word and non-word characters must be the text's runs
    there (each run of the name but its ends is bounded by the other kind on both sides); a
    name that starts or ends with non-word characters needs them to end or start the text's
    neighbouring run. So names go into a tree keyed by their runs, from their first word run,
    and each word run of the text walks that tree as far as the text's runs follow it.
    Names with no word character (or with a character of _MIXED_FOLDS) keep a regex each."""

    def __init__(self, spellings: dict[str, set[str]], fold: bool):
        self.fold = fold
        self.tree: dict = {}
        self.regexes: list[tuple[str, re.Pattern]] = []
        for name, spelt in spellings.items():
            for spelling in spelt:
                runs = _RUNS.findall(spelling)
                if not any(_WORD.match(r) for r in runs) or (fold and not _MIXED_FOLDS.isdisjoint(spelling)):
                    self.regexes.append((name, re.compile(rf"(?<!\w){re.escape(spelling)}(?!\w)",
                                                          re.I if fold else 0)))
                    continue
                if fold:
                    runs = [self._folded(r) for r in runs]
                lead = runs.pop(0) if not _WORD.match(spelling) else ""
                trail = runs.pop() if not _WORD.match(spelling[-1]) else ""
                node = self.tree
                for run in runs:
                    node = node.setdefault(run, {})
                node.setdefault(None, []).append((name, lead, trail))

    def _folded(self, text: str) -> str:
        table = {ord(c): f for c in set(text) if (f := _fold_char(c)) != c}
        return text.translate(table) if table else text

    def mentions(self, text: str, wanted: set[str] | None, every: bool):
        """(name, start, end) for the names in `wanted` (None: all): with `every`, each mention
        re.finditer would find for that name (leftmost, longest spelling first, none
        overlapping), in order of start; without, at least each name's first mention."""
        out: list[tuple[int, int, str]] = []
        if self.tree:
            spans = [m.span() for m in _RUNS.finditer(text)]
            folded = self._folded(text) if self.fold else text
            runs = [folded[a:b] for a, b in spans]
            n = len(runs)
            is_word = bool(spans) and bool(_WORD.match(text))  # runs alternate from the first
            for i in range(0 if is_word else 1, n, 2):
                node, j = self.tree, i
                while j < n and (node := node.get(runs[j])) is not None:
                    for name, lead, trail in node.get(None, ()):
                        if wanted is not None and name not in wanted:
                            continue
                        if lead and not (i and runs[i - 1].endswith(lead)
                                         and (len(runs[i - 1]) > len(lead) or i == 1)):
                            continue
                        if trail and not (j + 1 < n and runs[j + 1].startswith(trail)
                                          and (len(runs[j + 1]) > len(trail) or j + 2 == n)):
                            continue
                        out.append((spans[i][0] - len(lead), -(spans[j][1] + len(trail)), name))
                    j += 1
        for name, pattern in self.regexes:
            if wanted is None or name in wanted:
                out += ((m.start(), -m.end(), name) for m in pattern.finditer(text))
        out.sort()  # by start, and at one start the longest first
        if not every:
            return [(name, start, -end) for start, end, name in out]
        last: dict[str, int] = {}
        picked = []
        for start, end, name in out:
            if start >= last.get(name, 0):  # what finditer would do: resume after the mention
                last[name] = -end
                picked.append((name, start, -end))
        return picked
