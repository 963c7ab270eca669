"""Benchmark: how well does onecrew understand a story? Scored against a labelled corpus.

Every story in tests/understanding/ (prose, one-line prompts, Fountain) is planned in-process
(seed 0) and its storyboard compared with the labels in the story's `.expect.yaml` (schema in
tests/understanding/README.md): who is cast and who must not be, each attribute the text
states, each scene's place, INT/EXT, time of day and mood, the props its action names, and
voices with no body kept out of frame.

A measurement, not a test: it prints figures and exits 0. With --verbose it also lists every
miss, story by story. `score(path) -> Result` is the same matching for one story, for tests.

    python bench/understanding.py [--verbose] [--json] [STORY ...]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import yaml

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "understanding"
EXPECT = ".expect.yaml"
STORY_SUFFIXES = (".txt", ".fountain")

# ---- mapping tables: the storyboard's values → the labels' normalised vocabulary --------------

# Model palette colour → the colour words it honours.
COLOURS: dict[str, set[str]] = {
    "charcoal": {"black", "grey", "charcoal", "dark"}, "cream": {"white", "cream", "ivory"},
    "crimson": {"red", "crimson", "maroon"}, "tan": {"brown", "tan", "camel"},
    "denim": {"denim", "blue"}, "sky-blue": {"light blue", "sky blue", "sky-blue"},
    "navy": {"navy", "dark blue"}, "blue": {"blue"}, "beige": {"beige", "tan"},
    # hair
    "dark-brown": {"dark brown", "brown", "dark"}, "auburn": {"auburn", "red"},
    "copper": {"copper", "red", "ginger"}, "red": {"red", "ginger"},
    "platinum": {"platinum", "blonde"}, "grey": {"grey", "silver"}, "white": {"white"},
    "black": {"black"}, "brown": {"brown"}, "blonde": {"blonde"},
}
SKIN: dict[str, set[str]] = {
    "skin-1": {"pale", "fair", "light"}, "skin-2": {"fair", "light"}, "skin-3": {"medium", "olive"},
    "skin-4": {"olive", "tanned", "medium"}, "skin-5": {"brown"}, "skin-6": {"dark", "black"},
}
EYES: dict[str, set[str]] = {"eye-blue": {"blue"}, "eye-green": {"green"}, "hazel": {"hazel"},
                             "eye-brown": {"brown", "dark"}}
# Model garment word → the label garment kinds it honours.
GARMENTS: dict[str, set[str]] = {
    "sundress": {"sundress", "dress"}, "dress": {"dress", "gown"}, "hat": {"hat", "cap"},
    "t-shirt": {"t-shirt", "tee"}, "sweater": {"sweater", "jumper"}, "trousers": {"trousers", "pants"},
    "raincoat": {"raincoat", "coat"}, "coat": {"coat", "overcoat"}, "glasses": {"glasses"},
    "parka": {"parka", "coat", "jacket"}, "trench coat": {"trench coat", "coat", "trenchcoat"},
    "overcoat": {"overcoat", "coat"},
}
# Model prop → the label props it honours.
PROPS: dict[str, set[str]] = {
    "keys": {"key", "keys"}, "bag": {"bag", "suitcase", "backpack", "purse", "duffel bag"},
    "mug": {"mug", "cup"}, "photograph": {"photograph", "photo"}, "letter": {"letter", "envelope", "note"},
    "lamp": {"lamp", "lantern"}, "laptop": {"laptop", "computer"}, "gun": {"gun", "pistol"},
}
# Label place → synonyms the storyboard may spell (exact match).
PLACE_SAME: dict[str, set[str]] = {
    "café": {"café", "cafe", "coffee shop"}, "city street": {"city street", "street"},
    "car interior": {"car interior", "car"}, "harbour": {"harbour", "harbor", "docks", "dock"},
    "laboratory": {"laboratory", "lab"}, "police station": {"police station", "precinct"},
    "hospital": {"hospital", "hospital ward", "ward"}, "train carriage": {"train carriage", "train"},
    "shop": {"shop", "store"}, "boat deck": {"boat deck", "boat", "deck"},
}
# Label place → today's LocationKind values that are the least wrong stand-in (set of values).
# A place with none has no fit in the vocabulary yet; it is counted apart.
PLACE_BUCKET: dict[str, set[str]] = {
    "police station": {"office"}, "interrogation room": {"office"}, "bank": {"office"},
    "office": {"office"}, "laboratory": {"office"}, "classroom": {"office"}, "hospital": {"office", "home"},
    "airport": {"office", "street"}, "garden": {"park"}, "park": {"park"}, "forest": {"park"},
    "vineyard": {"park"}, "mountain": {"park"}, "train station": {"street"}, "alley": {"street"},
    "city street": {"street"}, "harbour": {"street", "beach"}, "snow": {"street", "park"},
    "train carriage": {"car"}, "bus": {"car"}, "tram": {"car"}, "car interior": {"car"},
    "café": {"bar"}, "restaurant": {"bar"}, "bar": {"bar"}, "ballroom": {"bar", "stage"}, "shop": {"bar"},
    "kitchen": {"home"}, "bedroom": {"home"}, "living room": {"home"}, "rooftop": {"rooftop"},
    "beach": {"beach"}, "pier": {"beach"}, "boat deck": {"beach"}, "desert": {"beach"},
    "lighthouse": {"home", "beach", "rooftop"}, "church": set(), "warehouse": set(),
}

ATTRS = ("gender", "age", "height", "build", "skin", "hair_colour", "hair_style", "eyes", "facial_hair")

# ---- results ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Check:
    """One label compared with the storyboard."""

    what: str  # cast, phantom, duplicate, forbidden, attr, attr-missing, offscreen, scene, kind, bucket, int_ext, time, mood, prop
    label: str  # what the label says, in words: "Nina: hair_colour=brown"
    got: str  # what the storyboard has
    ok: bool


@dataclass
class Result:
    story: str
    checks: list[Check] = field(default_factory=list)
    error: str = ""
    seconds: float = 0.0

    def add(self, what: str, label: str, got: Any, ok: bool) -> None:
        self.checks.append(Check(what, label, str(got), bool(ok)))

    def tally(self) -> dict[str, tuple[int, int]]:
        """{what: (ok, total)}"""
        out: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for c in self.checks:
            out[c.what][0] += c.ok
            out[c.what][1] += 1
        return {k: (v[0], v[1]) for k, v in out.items()}

    def misses(self, what: str | None = None) -> list[Check]:
        return [c for c in self.checks if not c.ok and (what is None or c.what == what)]


# ---- matching ---------------------------------------------------------------------------------


def norm(s: str) -> str:
    """'The  Detective' → 'detective'; 'Mr. Grant' → 'mr grant'; quotes and case ignored."""
    s = unicodedata.normalize("NFC", str(s)).casefold().replace("’", "'").replace("‘", "'")
    s = re.sub(r"[^\w\s'-]", " ", s)
    s = re.sub(r"\s+", " ", s).strip()
    return re.sub(r"^(?:the|a|an) ", "", s)


def _text(s: str) -> str:
    s = unicodedata.normalize("NFC", s).casefold()
    s = s.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"\s+", " ", s)


def _list(v: Any) -> list:
    if v is None:
        return []
    return list(v) if isinstance(v, (list, tuple, set)) else [v]


def _names(entry: dict) -> set[str]:
    return {norm(n) for n in [entry["name"], *_list(entry.get("aka"))]}


def _cast_names(c) -> set[str]:
    return {norm(c.name), norm(c.id.replace("-", " "))}


def story_files(paths: Iterable[Path] | None = None) -> list[Path]:
    """Every story in the corpus (or the ones given), in name order."""
    if paths:
        return sorted(Path(p) for p in paths)
    return sorted(p for p in CORPUS.iterdir() if p.suffix in STORY_SUFFIXES and expect_path(p).exists())


def expect_path(story: Path) -> Path:
    return story.with_name(story.stem + EXPECT)


_TOP_KEYS = {"genre", "format", "shapes", "cast", "not_cast", "scenes"}
_CAST_KEYS = {"name", "aka", "offscreen", "garments", *ATTRS}
_SCENE_KEYS = {"at", "kind", "int_ext", "time", "moods", "props"}


def load_labels(story: Path) -> dict:
    """The story's labels; a key the schema does not know is refused (a typo would silently
    score nothing)."""
    path = expect_path(story)
    labels = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    bad = [f"{k}" for k in labels if k not in _TOP_KEYS]
    bad += [f"cast.{k}" for e in labels.get("cast") or [] for k in e if k not in _CAST_KEYS]
    bad += [f"scenes.{k}" for e in labels.get("scenes") or [] for k in e if k not in _SCENE_KEYS]
    bad += [f"garments.{k}" for e in labels.get("cast") or [] for g in e.get("garments") or []
            for k in g if k not in {"kind", "colour", "vocab"}]
    if bad:
        raise ValueError(f"{path.name}: unknown label keys {', '.join(sorted(set(bad)))}")
    return labels


def plan(story: Path):
    from onecrew.parse.source import read_source
    from onecrew.pipeline import storyboard_from
    return storyboard_from(read_source(str(story)), seed=0)


def _colour_ok(label: str, got: str) -> bool:
    label = norm(label)
    return label == norm(got) or label in COLOURS.get(got, set())


def _garments_of(look) -> list[tuple[str, str | None]]:
    """Everything the look wears, each with its colour where the model has one."""
    o = look.outfit
    worn = [(o.top, o.top_color)]
    for kind, colour in (("bottom", "bottom_color"), ("outer", "outer_color"), ("headwear", "headwear_color"),
                         ("accessory", "accessory_color"), ("shoes", "shoes_color")):
        if getattr(o, kind, ""):
            worn.append((getattr(o, kind), getattr(o, colour, None)))
    return worn


def _garment(label: dict, look) -> tuple[bool, bool, str]:
    """(kind and colour honoured, kind honoured, what the look wears)."""
    kind = norm(label["kind"])
    colour = label.get("colour")
    worn = _garments_of(look)
    full = kind_only = False
    for g, col in worn:
        if kind == norm(g) or kind in GARMENTS.get(g, set()):
            kind_only = True
            if colour is None or (col is not None and _colour_ok(colour, col)):
                full = True
    shown = ", ".join(f"{col} {g}" if col else g for g, col in worn)
    return full, kind_only, shown


def _attr(key: str, value: Any, look) -> tuple[bool, str]:
    """Whether the look honours one stated attribute, and what the look has."""
    if key == "gender":
        got = look.gender.value
        return got == value, got
    if key == "age":
        got = look.age.value
        return got in _list(value), got
    if key == "height":
        return look.height.value == value, look.height.value
    if key == "build":
        return look.build.value == value, look.build.value
    if key == "skin":
        return norm(value) in SKIN.get(look.skin, set()), look.skin
    if key == "hair_colour":
        return _colour_ok(value, look.hair_color), look.hair_color
    if key == "hair_style":
        return look.hair_style.value in _list(value), look.hair_style.value
    if key == "eyes":
        return norm(value) in EYES.get(look.eye_color, set()), look.eye_color
    if key == "facial_hair":
        return look.facial_hair == value, look.facial_hair
    return False, "?"


def _scene_text(scene, sets: dict) -> str:
    parts = [scene.heading, sets[scene.set].name if scene.set in sets else ""]
    for b in scene.beats:
        parts.append(b.text)
    return _text(" ".join(parts))


def _match_cast(labels: list[dict], cast) -> dict[int, Any]:
    """Label index → cast member, each cast member used once: first by the label's own name,
    then by its other names, in label order."""
    used: set[str] = set()
    out: dict[int, Any] = {}
    for wants in ([{norm(e["name"])} for e in labels], [_names(e) for e in labels]):
        for i, want in enumerate(wants):
            if i in out:
                continue
            c = next((c for c in cast if c.id not in used and _cast_names(c) & want), None)
            if c is not None:
                out[i] = c
                used.add(c.id)
    return out


def score(story: str | Path, sb=None) -> Result:
    """Plan `story` (unless its storyboard `sb` is given) and compare it with its labels."""
    story = Path(story)
    res = Result(story.stem)
    labels = load_labels(story)
    t = time.perf_counter()
    if sb is None:
        try:
            sb = plan(story)
        except Exception as e:  # a measurement: a story that fails to plan scores nothing
            res.error = f"{type(e).__name__}: {e}"
    res.seconds = time.perf_counter() - t
    cast_labels = labels.get("cast") or []
    scene_labels = labels.get("scenes") or []
    if sb is None:
        for entry in cast_labels:
            res.add("cast", entry["name"], "not planned", False)
        for sl in scene_labels:
            res.add("scene", sl["at"], "not planned", False)
        return res

    # -- cast
    matched = _match_cast(cast_labels, sb.cast)
    matched_ids = {c.id for c in matched.values()}
    for i, entry in enumerate(cast_labels):
        c = matched.get(i)
        res.add("cast", entry["name"], c.name if c else "-", c is not None)
    for c in sb.cast:
        if c.id not in matched_ids:
            # one person cast twice ("Brandt" beside "Sam Brandt") is told apart from a phantom
            twin = next((e["name"] for e in cast_labels if _cast_names(c) & _names(e)), None)
            if twin is not None:
                res.add("duplicate", f"{twin} cast once", c.name, False)
            else:
                res.add("phantom", "nobody", c.name, False)
    for bad in _list(labels.get("not_cast")):
        hit = next((c.name for c in sb.cast if norm(bad) in _cast_names(c)), None)
        res.add("forbidden", f"not {bad}", hit or "-", hit is None)

    # -- stated attributes
    for i, entry in enumerate(cast_labels):
        c = matched.get(i)
        who = entry["name"]
        for key in ATTRS:
            if key not in entry:
                continue
            raw = entry[key]
            missing = isinstance(raw, dict) and raw.get("vocab") == "missing"
            value = raw["value"] if isinstance(raw, dict) else raw
            label = f"{who}: {key}={value}" + (f" ({raw['colour']})" if isinstance(raw, dict) and raw.get("colour") else "")
            if c is None:
                res.add("attr-missing" if missing else "attr", label, "not cast", False)
                continue
            ok, got = _attr(key, value, c.look)
            res.add("attr-missing" if missing else "attr", label, got, ok)
        for g in _list(entry.get("garments")):
            missing = g.get("vocab") == "missing"
            label = f"{who}: garment={g.get('colour', '') + ' ' if g.get('colour') else ''}{g['kind']}"
            if c is None:
                res.add("attr-missing" if missing else "attr", label, "not cast", False)
                continue
            full, kind_only, shown = _garment(g, c.look)
            res.add("attr-missing" if missing else "attr", label, shown, full)
            if missing:
                res.add("garment-kind-of-missing", label, shown, kind_only)
        if entry.get("offscreen") and c is not None:
            shown = sorted({s.id for s in sb.shots if s.blocking(c.id) is not None})
            res.add("offscreen", f"{who}: never in frame", f"in {', '.join(shown)}" if shown else "never", not shown)

    # -- scenes and sets
    sets = {s.id: s for s in sb.sets}
    texts = [_scene_text(s, sets) for s in sb.scenes]
    res.add("scene-count", f"{len(scene_labels)} scenes", f"{len(sb.scenes)} scenes", len(sb.scenes) == len(scene_labels))
    start = 0
    for i, sl in enumerate(scene_labels):
        anchor = _text(sl["at"])
        # the first scene at or after the previous one's that holds the anchor; else by order
        k = next((j for j in range(start, len(texts)) if anchor in texts[j]), None)
        if k is None:
            k = next((j for j in range(len(texts)) if anchor in texts[j]), None)
        by_anchor = k is not None
        if k is None and i < len(sb.scenes):
            k = i
        res.add("scene", sl["at"], f"scene {sb.scenes[k].number}" if k is not None else "-", by_anchor)
        if k is None:
            for what in ("kind", "int_ext", "time", "mood"):
                res.add(what, f"{sl['at']}: {what}", "no scene", False)
            continue
        start = k
        scene = sb.scenes[k]
        fs = sets.get(scene.set)
        kinds = [norm(x) for x in _list(sl.get("kind"))]
        got_kind = fs.kind.value if fs else "-"
        g = norm(got_kind.replace("-", " ").replace("_", " "))
        exact = any(g == kd or g in {norm(x) for x in PLACE_SAME.get(kd, ())} for kd in kinds)
        res.add("kind", f"{sl['at']}: kind={'|'.join(kinds)}", got_kind, exact)
        buckets = set().union(*(PLACE_BUCKET.get(kd, set()) for kd in kinds)) if kinds else set()
        if buckets:
            res.add("bucket", f"{sl['at']}: kind≈{'|'.join(sorted(buckets))}", got_kind, got_kind in buckets or exact)
        else:
            res.add("no-bucket", f"{sl['at']}: kind={'|'.join(kinds)} has no LocationKind", got_kind, exact)
        if "int_ext" in sl:
            got = fs.int_ext.value if fs else "-"
            res.add("int_ext", f"{sl['at']}: {'|'.join(_list(sl['int_ext']))}", got, got in _list(sl["int_ext"]))
        if "time" in sl:
            got = fs.time.value if fs else "-"
            res.add("time", f"{sl['at']}: {'|'.join(_list(sl['time']))}", got, got in _list(sl["time"]))
        if "moods" in sl:
            res.add("mood", f"{sl['at']}: {'|'.join(_list(sl['moods']))}", scene.mood.value,
                    scene.mood.value in _list(sl["moods"]))
        have = {p for b in scene.beats for p in getattr(b, "props", ())} | {s.prop for s in scene.shots if s.prop}
        words = set().union(*({p} | PROPS.get(p, set()) for p in have)) if have else set()
        for p in _list(sl.get("props")):
            res.add("prop", f"{sl['at']}: {p}", ", ".join(sorted(have)) or "-", norm(p) in words)
    return res


def score_all(paths: Iterable[Path] | None = None) -> list[Result]:
    return [score(p) for p in story_files(paths)]


# ---- report -----------------------------------------------------------------------------------

ROWS = [
    ("cast", "characters found / expected"),
    ("phantom", "phantoms (cast, nobody in the story)"),
    ("duplicate", "duplicates (one character cast twice)"),
    ("forbidden", "named phantoms avoided / listed"),
    ("attr", "stated attributes honoured / stated"),
    ("attr-missing", "  ... marked vocab: missing, honoured anyway"),
    ("garment-kind-of-missing", "  ... of those garments, the kind at least"),
    ("offscreen", "bodiless voices kept out of frame"),
    ("scene-count", "stories with the expected number of scenes"),
    ("scene", "labelled scenes found by their words"),
    ("kind", "sets of the right kind (exact place)"),
    ("bucket", "sets of the nearest LocationKind today"),
    ("no-bucket", "  places with no LocationKind yet, exact"),
    ("int_ext", "sets with the right INT/EXT"),
    ("time", "sets with the right time of day"),
    ("mood", "scene moods that fit"),
    ("prop", "props named in action, found"),
]


def totals(results: list[Result]) -> dict[str, tuple[int, int]]:
    out: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for r in results:
        for k, (ok, n) in r.tally().items():
            out[k][0] += ok
            out[k][1] += n
    return {k: (v[0], v[1]) for k, v in out.items()}


def _figure(what: str, ok: int, n: int) -> str:
    if what in ("phantom", "duplicate"):
        return f"{n - ok:>4}"
    return f"{ok:>4} / {n:<4} {100 * ok / n:5.1f}%" if n else "   - "


def report(results: list[Result], verbose: bool = False, out=sys.stdout) -> None:
    t = totals(results)
    print(f"understanding: {len(results)} stories", file=out)
    for what, title in ROWS:
        ok, n = t.get(what, (0, 0))
        print(f"  {title:<46} {_figure(what, ok, n)}", file=out)
    by_key: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for r in results:
        for c in r.checks:
            if c.what == "attr":
                key = re.search(r": (\w+)=", c.label).group(1)
                by_key[key][0] += c.ok
                by_key[key][1] += 1
    print("  stated attributes by kind: " + ", ".join(
        f"{k} {ok}/{n}" for k, (ok, n) in sorted(by_key.items(), key=lambda kv: -kv[1][1])), file=out)
    errors = [r for r in results if r.error]
    if errors:
        print(f"  stories that failed to plan: {', '.join(r.story for r in errors)}", file=out)
    # the biggest classes of misses, by kind of check, with the stories they are in
    print("misses by check:", file=out)
    for what, _ in ROWS:
        stories = [r.story.split("_")[0] for r in results if r.misses(what)]
        n = sum(len(r.misses(what)) for r in results)
        if n:
            print(f"  {what:<24} {n:>3} in {len(stories):>2} stories: {' '.join(stories)}", file=out)
    if verbose:
        for r in results:
            ms = r.misses()
            if not ms and not r.error:
                continue
            print(f"\n{r.story}" + (f"  ERROR {r.error}" if r.error else ""), file=out)
            for c in ms:
                print(f"  {c.what:<14} {c.label:<60} got {c.got}", file=out)
    print(json.dumps({k: list(v) for k, v in sorted(t.items())}), file=out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("stories", nargs="*", type=Path, help="stories to score (default: the whole corpus)")
    ap.add_argument("-v", "--verbose", action="store_true", help="list every miss, story by story")
    ap.add_argument("--json", action="store_true", help="print every check as JSON instead")
    args = ap.parse_args(argv)
    t = time.perf_counter()
    results = score_all(args.stories or None)
    if args.json:
        print(json.dumps([{"story": r.story, "error": r.error,
                           "checks": [c.__dict__ for c in r.checks]} for r in results], indent=1))
        return 0
    report(results, verbose=args.verbose)
    print(f"scored in {time.perf_counter() - t:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
