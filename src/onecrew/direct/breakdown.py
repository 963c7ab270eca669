"""Script breakdown: each written scene becomes a set, numbered beats, a mood and its cues."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import script as sc
from ..model.script import split_slugline
from ..model.cast import Character
from ..model.storyboard import ActionBeat, AmbienceCue, FilmSet, Line, MusicCue
from ..model.vocab import Ambience, Expression, Gender, IntExt, LocationKind, Mood, TimeOfDay
from . import lexicon as lx
from ..vocabulary import moods, places, times
from .budget import FilmBudget
from .casting import slug
from .names import NameIndex

# Longest speech one line may hold; longer speeches split at sentence ends. With the handles
# a shot adds, this keeps every dialogue shot under the linter's 20 s, at any speaking rate.
MAX_SPEECH_SECONDS = 14
# Longest text one action beat may hold (about 300 words, far more than a written action
# paragraph); a run-on text is filmed as several beats, split at sentence ends, so that no
# shot's description is a whole book.
MAX_ACTION_CHARS = 2000


@dataclass(frozen=True)
class Breakdown:
    film_set: FilmSet
    beats: tuple[ActionBeat | Line, ...]
    mood: Mood
    music: MusicCue
    ambience: AmbienceCue
    transition_in: str | None  # a transition written before the scene's first beat
    transition_out: str | None  # a transition written after its last


def film_set(scene: sc.ScriptScene, previous: TimeOfDay | None, text: str = "") -> FilmSet:
    """The set a scene is shot on. `text` is the scene's action, read for a place only when the
    heading names none and for a time only when the heading states none."""
    slug_int_ext, slug_place, slug_time = split_slugline(scene.heading)
    place = scene.location.strip() or (slug_place if slug_int_ext else "")  # "Chapter One" is no place
    written = IntExt(scene.int_ext) if scene.int_ext else None
    found = places.place_of(place, written) if place else None
    if found is None and text:
        found = places.place_of(_first_place_sentence(text), written)
    kind = found.kind if found else LocationKind.STAGE
    written_time = scene.time or slug_time
    time = times.of_heading(written_time) if written_time else None
    if time is None and not (written_time and times.carries(written_time)):
        time = times.in_text(text[:_TIME_WINDOW]) if text else None
    time = time or previous or TimeOfDay.DAY
    # The heading's INT/EXT always wins; otherwise the place says (a pier is outdoors).
    int_ext = written or (found.int_ext if found else IntExt.INT)
    name = place.upper() if place else (found.word.upper() if found else "STAGE")
    # INT and EXT of one place are different sets: a house's kitchen is not its porch.
    return FilmSet(id=f"{slug(int_ext.value)}-{slug(name)}-{time.value}", name=name, kind=kind,
                   int_ext=int_ext, time=time,
                   description=f"{int_ext.value.lower()} {name.lower()}, {time.value}")


# How much of a scene's action is read for a time the heading does not state: its opening, not
# a flashback's "that night" two pages in.
_TIME_WINDOW = 600


def _first_place_sentence(text: str) -> str:
    """The first sentence of the action that names a place, for a scene whose heading names none."""
    for sentence in re.split(r"(?<=[.!?])\s+", text[:2000]):
        if places.words_in(sentence):
            return sentence
    return ""


def breakdown(scene: sc.ScriptScene, scene_id: str, ids: dict[str, str],
              cast: dict[str, Character], previous_time: TimeOfDay | None,
              names: NameIndex | None = None, budget: FilmBudget | None = None) -> Breakdown:
    """`ids` maps an upper-cased character name to its cast id; `names` indexes those names
    in that order (the director builds it once for every scene). `budget` is told each beat's
    least length, and stops a story far past the film's limit."""
    names = names or NameIndex(enumerate(ids))
    by_index = list(ids.values())
    genders = {cid: c.look.gender for cid, c in cast.items()}
    beats: list[ActionBeat | Line] = []
    recent = _Recent(genders)  # who each beat was about, for "she", "he", "they"
    transition_in = transition_out = None
    numbered = 0

    def next_id(kind: str) -> str:
        nonlocal numbered
        numbered += 1
        return f"{scene_id}-{kind}{numbered}"

    def say(el: sc.Dialogue, texts: list[str]) -> None:
        speaker = ids[el.character.upper()]
        # Read once per speech, not once per piece of it: a long speech has many pieces.
        emotion = lx.emotion_of(" ".join(filter(None, [el.parenthetical or "", el.text])))
        for text in texts:
            recent.add((speaker,))
            if budget and not el.dual:
                budget.spoken(len(text.split()), cast[speaker].voice.rate_wpm, el.line)
            beats.append(Line(id=next_id("l"), speaker=speaker, text=text, parenthetical=el.parenthetical,
                              extension=el.extension, emotion=emotion or Expression.NEUTRAL, dual=el.dual,
                              sung=el.lyric))

    def pieces(el: sc.Dialogue) -> list[str]:
        rate = cast[ids[el.character.upper()]].voice.rate_wpm
        return _speech_chunks(el.text, max(8, MAX_SPEECH_SECONDS * rate // 60))

    elements = [el for el in scene.elements if not isinstance(el, sc.Dialogue) or el.text.strip()]
    partnered: set[int] = set()
    for i, el in enumerate(elements):
        if i in partnered:
            continue
        if isinstance(el, sc.Transition):
            if beats:
                transition_out = el.text
            else:
                transition_in = el.text
        elif isinstance(el, sc.Dialogue):
            after = elements[i + 1] if i + 1 < len(elements) else None
            if isinstance(after, sc.Dialogue) and after.dual:
                # Two speeches at once: both split into the same number of pieces, heard in
                # pairs, so each pair overlaps and still fits one shot.
                partnered.add(i + 1)
                parts = max(len(pieces(el)), len(pieces(after)))
                for mine, theirs in zip(_even(el.text, parts), _even(after.text, parts)):
                    say(el, [mine])
                    say(after, [theirs])
            else:
                say(el, pieces(el))
        elif isinstance(el, (sc.Action, sc.Lyric)) and not getattr(el, "centered", False):
            text = el.text.strip() if isinstance(el, sc.Action) else f"♪ {el.text.strip()} ♪"
            for piece in _action_pieces(text):
                who = _characters(el, piece, ids, names, by_index) or _pronoun(piece, recent)
                recent.add(who)
                if budget:
                    budget.action(len(piece.split()), len(who), el.line)
                beats.append(ActionBeat(id=next_id("a"), text=piece, characters=who,
                                        props=tuple(lx.props_in(piece))))
    action = " ".join(b.text for b in beats if isinstance(b, ActionBeat))
    fs = film_set(scene, previous_time, action)
    mood = _mood(beats, fs.time)
    key, tempo, instruments = lx.MUSIC[mood]
    ambience = lx.ambience_of(fs.kind, fs.time)
    return Breakdown(
        film_set=fs, beats=tuple(beats), mood=mood,
        music=MusicCue(mood=mood, key=key, tempo_bpm=tempo, instruments=instruments,
                       intensity=0.7 if mood in (Mood.TENSE, Mood.TRIUMPHANT) else 0.45),
        ambience=AmbienceCue(kind=ambience, level_db=-28 if fs.int_ext == IntExt.EXT else -36),
        transition_in=transition_in, transition_out=transition_out)


def _action_pieces(text: str) -> list[str]:
    """The action as beats of at most MAX_ACTION_CHARS: whole sentences while they fit, a
    longer sentence between words, a longer word where it must. Written text is one piece."""
    if len(text) <= MAX_ACTION_CHARS:
        return [text] if text else []
    pieces: list[str] = []
    start = 0
    while len(text) - start > MAX_ACTION_CHARS:
        window = text[start:start + MAX_ACTION_CHARS + 1]  # +1: a break may fall just past it
        ends = [m.end() for m in _SENTENCE_END.finditer(window)]
        cut = start + (ends[-1] if ends else _last_space(window) or MAX_ACTION_CHARS)
        pieces.append(text[start:cut].strip())
        start = cut
        while start < len(text) and text[start].isspace():
            start += 1
    pieces.append(text[start:].strip())
    return [p for p in pieces if p]


_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")


def _last_space(window: str) -> int:
    """Where the last run of spaces in `window` begins (0: none)."""
    m = re.search(r"\s+\S*$", window)
    return m.start() if m else 0


def _characters(el, text: str, ids: dict[str, str], names: NameIndex, by_index: list[str]) -> tuple[str, ...]:
    """Who an action is about: what the parser said, then any cast name the text mentions, in
    reading order (names found at one place in the order `ids` lists them)."""
    said = [ids[n.upper()] for n in getattr(el, "characters", ()) if n.upper() in ids]
    named = sorted((at, i) for i, at in names.first_mentions(text).items())
    return tuple(dict.fromkeys(said + [by_index[i] for _, i in named]))


class _Recent:
    """Who each beat so far was about, kept as the answers `_pronoun` needs, so that looking
    back costs nothing however long the scene: everyone seen, the last group, and the last
    woman and man."""

    def __init__(self, genders: dict[str, Gender]):
        self.genders = genders
        self.everyone: dict[str, None] = {}  # in order of first appearance
        self.group: tuple[str, ...] = ()
        self.last: dict[Gender, str] = {}

    def add(self, who: tuple[str, ...]) -> None:
        self.everyone.update(dict.fromkeys(who))
        if len(who) > 1:
            self.group = who
        firsts: dict[Gender, str] = {}
        for cid in who:  # within one beat, the first-named of each gender
            g = self.genders.get(cid)
            if g is not None:
                firsts.setdefault(g, cid)
        self.last.update(firsts)


def _pronoun(text: str, recent: _Recent) -> tuple[str, ...]:
    """An action that names nobody but says "she", "he" or "they" is about the last such person
    (or group); "everyone" is everybody seen in the scene so far."""
    if re.search(r"\b(?:everyone|everybody|all of them|they all)\b", text, re.I):
        return tuple(recent.everyone)
    m = re.search(r"\b(she|her|he|him|his|they|them)\b", text, re.I)
    if not m:
        return ()
    word = m.group(1).lower()
    if word in ("they", "them"):
        return recent.group
    want = Gender.FEMALE if word in ("she", "her") else Gender.MALE
    return (recent.last[want],) if want in recent.last else ()


MAX_WORD = 200  # characters: longer is no word anyone speaks, and is read as several


def _words(text: str) -> list[str]:
    words = text.split()
    if all(len(w) <= MAX_WORD for w in words):
        return words
    return [w[i:i + MAX_WORD] for w in words for i in range(0, len(w), MAX_WORD)]


def _speech_chunks(text: str, max_words: int) -> list[str]:
    """A long speech split at sentence ends into pieces short enough for one shot."""
    words = _words(text)
    if len(words) <= max_words:
        return [" ".join(words)]
    chunks: list[str] = []
    for sentence in re.split(r"(?<=[.!?…])\s+", " ".join(words)):
        if chunks and len(chunks[-1].split()) + len(sentence.split()) <= max_words:
            chunks[-1] += " " + sentence
        else:
            w = sentence.split()
            chunks += [" ".join(w[i:i + max_words]) for i in range(0, len(w), max_words)]
    return chunks


def _even(text: str, n: int) -> list[str]:
    """`text` in `n` pieces of near-equal length, split between words."""
    words = _words(text)
    cuts = [round(i * len(words) / n) for i in range(n + 1)]
    return [" ".join(words[a:b]) or "…" for a, b in zip(cuts, cuts[1:])]


def _mood(beats, time: TimeOfDay) -> Mood:
    """The scene's mood from what happens in it: where it turns (a party, then bad news), the
    mood it opens with; the turn itself is `mood_turn`'s."""
    return moods.scene_moods(_beat_texts(beats), time)[0]


def _beat_texts(beats) -> list[str]:
    return [((b.parenthetical or "") + " " + b.text) if isinstance(b, Line) else b.text for b in beats]


def mood_turn(beats, time: TimeOfDay) -> tuple[str, Mood] | None:
    """(the id of the beat where the scene's mood turns, the mood from there), or None."""
    _, at, later = moods.scene_moods(_beat_texts(beats), time)
    return (beats[at].id, later) if at is not None and later is not None else None
