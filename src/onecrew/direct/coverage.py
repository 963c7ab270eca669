"""Coverage: a scene's beats become a shot list, the way a director breaks a scene down.

Screen direction is decided once per scene: characters take places left-to-right in the
order they appear, every shot keeps that order, and every look points the way that order says,
so the camera never crosses the 180° line.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace
from fractions import Fraction

from ..model.cast import Character
from ..model.seeds import derive, pick
from ..model.storyboard import ActionBeat, Blocking, Line, SoundCue
from ..model.time import frames
from ..model.vocab import (
    Action, Angle, CameraMove, Expression, Facing, Gender, Mood, Plane, ScreenPosition as Pos, ShotKind,
    ShotSize as Size,
)
from . import lexicon as lx
from .names import NameIndex

_MOOD_FACE = {Mood.JOYFUL: Expression.HAPPY, Mood.COMIC: Expression.HAPPY,
              Mood.ROMANTIC: Expression.HAPPY, Mood.TRIUMPHANT: Expression.HAPPY,
              Mood.SAD: Expression.SAD, Mood.TENSE: Expression.AFRAID}
_REACTS = {Expression.ANGRY: Expression.AFRAID, Expression.SURPRISED: Expression.SURPRISED,
           Expression.SAD: Expression.SAD, Expression.HAPPY: Expression.HAPPY,
           Expression.AFRAID: Expression.AFRAID, Expression.NEUTRAL: Expression.SURPRISED}
_SLOTS = {1: [Pos.CENTER], 2: [Pos.CENTER_LEFT, Pos.CENTER_RIGHT], 3: [Pos.LEFT, Pos.CENTER, Pos.RIGHT],
          4: [Pos.LEFT, Pos.CENTER_LEFT, Pos.CENTER_RIGHT, Pos.RIGHT], 5: list(Pos)}
# Members of a group each get a performance of their own.
_GROUP = {
    Action.POSE: [(Action.TAKE_PHOTO, "frames the photo and calls out 'smile!'"),
                  (Action.POSE, "strikes a pose, hand on hip, chin up"),
                  (Action.LAUGH, "laughs and throws an arm around a friend"),
                  (Action.WAVE, "waves both arms at the lens"),
                  (Action.POINT, "points out at the horizon for the picture")],
}
_COMPANIONS = [(Action.LAUGH, "laughs along"), (Action.LOOK_AT, "watches, amused"),
               (Action.POINT, "points something out"), (Action.WAVE, "waves"),
               (Action.TALK, "chats with the others")]
_ALONGSIDE = ["leads the way", "keeps pace beside them", "lags behind, looking around",
              "hurries to catch up", "walks backwards, talking"]
_TOGETHER = ["first to do it", "a beat after the others", "glancing at the others", "with a small smile",
             "last, unhurried"]
# What the one acted on does, in words for the prompt; {who} is the doer.
_ANSWERED = {Action.RECEIVE: "takes it from {who}", Action.KISS: "kisses {who} back",
             Action.HUG: "hugs {who} back", Action.SHAKE_HANDS: "shakes {who}'s hand",
             Action.DANCE: "dances with {who}", Action.RECOIL: "reels back from {who}",
             Action.PUNCH: "fights {who} back"}
_WHOLE_BODY = {Action.PUSH, Action.PUNCH, Action.DANCE, Action.HUG}  # seen head to toe
_OBJECT = re.compile(r"\b(her|him)\b", re.I)
SECONDS = {"establishing": 3.5, "insert": 2.0, "reaction": 1.5}
MAX_TAKE = 16  # seconds of speech one dialogue shot may hold, handles aside
MAX_IN_FRAME = 24  # people a master frames; a crowd of speakers beyond that is seen in part


@dataclass
class Draft:
    """A shot before it has an id, a seed or a prompt."""

    kind: ShotKind
    size: Size
    duration: int
    subject: tuple[str, ...] = ()
    in_frame: tuple[Blocking, ...] = ()
    lines: tuple[str, ...] = ()
    move: CameraMove = CameraMove.STATIC
    angle: Angle = Angle.EYE_LEVEL
    prop: str | None = None
    sfx: tuple[SoundCue, ...] = ()
    description: str = ""


@dataclass
class SceneCoverage:
    cast: dict[str, Character]
    mood: Mood
    fps: int
    seed: int
    # The cast's names, to find in the text; the director builds it once for all scenes.
    names: NameIndex | None = None
    order: list[str] = field(default_factory=list)  # left-to-right screen order for the scene
    # Who we know is here, most recent last: a dict, so that moving someone to the end is
    # not a search of everyone in a crowd scene.
    present: dict[str, None] = field(default_factory=dict)
    shots: list[Draft] = field(default_factory=list)
    mastered: set[frozenset[str]] = field(default_factory=set)
    unseen: set[str] = field(default_factory=set)  # heard off-screen and not seen since
    # Voices with no body in this scene (a radio, a phone's far end, a narrator): heard, never
    # framed; on the line only so that whoever answers them looks off the right way.
    voices: frozenset[str] = frozenset()
    place_shots: int = 0
    exterior: bool = True
    _places: dict[str, int] = field(default_factory=dict)  # each one's index in `order`
    _unseen_changes: int = 0  # counts changes to `unseen`, so `_people` can reuse its answer
    _people_memo: tuple | None = None

    def __post_init__(self) -> None:
        if self.names is None:
            self.names = NameIndex((cid, c.name) for cid, c in self.cast.items())
        self.unseen |= self.voices

    # -- screen direction -------------------------------------------------------------------
    def line_up(self, cid: str) -> None:
        """On the line, after everyone already on it."""
        if cid not in self._places:
            self._places[cid] = len(self.order)
            self.order.append(cid)

    def arrive(self, cids) -> None:
        for c in cids:
            if c in self.voices:  # a voice never arrives: nobody is there to see
                continue
            self.line_up(c)
            self._unsee(c)
            self.present.pop(c, None)
            self.present[c] = None

    def _unsee(self, cid: str) -> None:
        if cid in self.unseen and cid not in self.voices:
            self.unseen.discard(cid)
            self._unseen_changes += 1

    def rank(self, cid: str) -> int:
        """Place on the line: first to appear stands left, second right, later ones between."""
        i = self._places[cid]
        return {0: 0, 1: 1000}.get(i, i)

    def mentions(self, text: str) -> dict[str, int]:
        """cast id → where the text first names them."""
        return self.names.first_mentions(text)

    def toward(self, cid: str, target: str | None, profile: bool = False) -> Facing:
        if target is None or target == cid or target not in self._places:
            return Facing.CAMERA
        right = self.rank(target) > self.rank(cid)
        if profile:
            return Facing.RIGHT if right else Facing.LEFT
        return Facing.THREE_QUARTER_RIGHT if right else Facing.THREE_QUARTER_LEFT

    def group(self, cids, acting: dict[str, tuple[Action, str, Expression]],
              look_at: dict[str, str | None]) -> tuple[Blocking, ...]:
        ranked = sorted(cids, key=self.rank)
        n = len(ranked)
        slots = _SLOTS.get(n) or [list(Pos)[min(4, i * 5 // n)] for i in range(n)]
        return tuple(
            Blocking(character=c, position=slots[i], facing=self.toward(c, look_at.get(c), profile=n == 2),
                     action=acting[c][0], performance=acting[c][1], expression=acting[c][2],
                     looking_at=look_at.get(c))
            for i, c in enumerate(ranked))

    def single(self, cid: str, action: Action, performance: str, expression: Expression,
               look: str | None) -> Blocking:
        facing = self.toward(cid, look)
        pos = {1: Pos.CENTER_LEFT, -1: Pos.CENTER_RIGHT}.get(facing.direction, Pos.CENTER)
        return Blocking(character=cid, position=pos, facing=facing, action=action,
                        performance=performance, expression=expression, looking_at=look)

    def listener(self, speaker: str, previous: str | None) -> str | None:
        if previous and previous != speaker:
            return previous
        return next((c for c in reversed(self.present) if c != speaker), None)

    def face(self, text: str) -> Expression:
        return lx.emotion_of(text) or _MOOD_FACE.get(self.mood, Expression.NEUTRAL)

    def sec(self, seconds: float | Fraction) -> int:
        return frames(seconds, self.fps)

    # -- shots --------------------------------------------------------------------------------
    def establish(self, place: str, exterior: bool, key: str) -> None:
        self.exterior = exterior
        move = pick([CameraMove.PAN_RIGHT, CameraMove.DOLLY_IN, CameraMove.PAN_LEFT, CameraMove.STATIC],
                    self.seed, key, "establishing-move")
        self.shots.append(Draft(ShotKind.ESTABLISHING, Size.EWS if exterior else Size.WS,
                                self.sec(SECONDS["establishing"]),
                                move=move, angle=Angle.HIGH if exterior else Angle.EYE_LEVEL,
                                description=f"Establishing: {place}"))

    def action(self, beat: ActionBeat, alone_in_scene: bool) -> None:
        who = [c for c in beat.characters if c not in self.voices]
        self.arrive(who)
        seconds = min(8.0, 2.0 + 0.2 * len(beat.text.split()))
        if who and self._stage_pairs(beat, who, seconds):
            return
        if not who:  # the place itself: rain, a jukebox, gulls — framed a new way each time
            self.place_shots += 1
            sizes = (Size.FS, Size.WS, Size.EWS) if self.exterior else (Size.FS, Size.MS, Size.WS)
            size = sizes[(self.place_shots - 1) % len(sizes)]
            self.shots.append(Draft(ShotKind.ACTION, size, self.sec(seconds),
                                    move=pick([CameraMove.PAN_RIGHT, CameraMove.STATIC], self.seed, beat.id),
                                    description=beat.text))
        else:
            acting = self._acting(beat, who)
            primary = acting[who[0]][0]
            move = self._move(primary, beat.id)
            if len(who) == 1:
                c = who[0]
                look = next((t for t in reversed(self.present) if t != c), None) \
                    if primary in (Action.LOOK_AT, Action.POINT, Action.WAVE) else None
                size = Size.FS if primary in lx.MOVING else Size.MS if primary in lx.HANDS else Size.MCU
                self.shots.append(Draft(ShotKind.ACTION, size, self.sec(seconds), (c,),
                                        (self.single(c, *acting[c], look),), move=move,
                                        description=beat.text))
            else:
                self.shots.append(Draft(ShotKind.ACTION, Size.WS if len(who) > 2 else Size.FS,
                                        self.sec(seconds), tuple(who),
                                        self.group(who, acting, _looks(who, acting, self.mentions(beat.text))),
                                        move=move, description=beat.text))
                if len(who) > 2 or alone_in_scene:  # a group beat earns a look at each member
                    for i, c in enumerate(who):
                        a, perf, face = acting[c]
                        self.shots.append(Draft(ShotKind.SINGLE, (Size.MS, Size.MCU)[i % 2],
                                                self.sec(2.5), (c,), (self.single(c, a, perf, face, None),),
                                                move=CameraMove.STATIC,
                                                description=f"{self.cast[c].name} {perf}"))
        self._insert(beat)

    # -- two people: one acts on the other -----------------------------------------------------
    def _stage_pairs(self, beat: ActionBeat, who: list[str], seconds: float) -> bool:
        """An action one person does to another (a kiss, a slap, handing over a ring) frames
        both: the doer doing it, the other answering (kissing back, taking it, reeling). Each
        such verb of the beat, up to two, is its own shot of the pair; the prop goes in
        between. False when the beat has none, or nobody to do it to."""
        pairs = self._pairs(beat, who)
        if not pairs:
            return False
        face = self.face(beat.text)
        perf = _first_sentence(beat.text)
        prop = beat.props[0] if beat.props else None
        fight = bool(lx.FIGHTING.search(beat.text))
        for k, (doer, action, other) in enumerate(pairs):
            self.arrive([other])
            answer = action if fight and action == Action.PUNCH else lx.ANSWER[action]
            theirs = _ANSWERED.get(answer, "{who}").format(who=self.cast[doer].name)
            hurt = answer == Action.RECOIL
            acting = {doer: (action, perf, face),
                      other: (answer, theirs, Expression.SURPRISED if hurt else face)}
            held = {doer: prop, other: prop} if action == Action.GIVE and prop else {}
            size = (Size.FS if action in _WHOLE_BODY else Size.TWO_SHOT) if k == 0 else Size.MS
            group = tuple(b.model_copy(update={"prop": held[b.character]}) if b.character in held else b
                          for b in self.group([doer, other], acting, {doer: other, other: doer}))
            self.shots.append(Draft(ShotKind.ACTION, size, self.sec(seconds if k == 0 else 2.5),
                                    tuple(sorted((doer, other), key=self.rank)), group,
                                    move=self._move(action, f"{beat.id}-{k}"), description=beat.text))
            if k == 0:
                self._insert(beat)
        return True

    def _pairs(self, beat: ActionBeat, who: list[str]) -> list[tuple[str, Action, str]]:
        """(doer, action, the one it is done to) for each two-person verb in the beat, in
        reading order, at most two with different actions. The doer is the last of `who` named
        before the verb (or the beat's first); the other, the first person named after it in the
        sentence, by name or as "her"/"him", or else the other of a pair."""
        text = beat.text
        named = self.mentions(text)
        ends = _SentenceEnds(text)
        out: list[tuple[str, Action, str]] = []
        for at, action in lx.verbs_in(text):
            if action not in lx.ANSWER or any(a == action for _, a, _ in out):
                continue
            before = [(p, c) for c, p in named.items() if c in who and p < at]
            doer = max(before)[1] if before else who[0]
            other = self._object(text, at, ends.after(at), doer, named, who)
            if other is not None and other != doer and other not in self.voices:
                out.append((doer, action, other))
            if len(out) == 2:
                break
        return out

    def _object(self, text: str, at: int, end: int, doer: str, named: dict[str, int],
                who: list[str]) -> str | None:
        after = sorted((p, c) for c, p in named.items() if at < p < end and c != doer)
        m = _OBJECT.search(text, at, end)
        if m and (not after or m.start() < after[0][0]):
            want = Gender.FEMALE if m.group(1).lower() == "her" else Gender.MALE
            # the latest one of that gender on the scene's line, then anyone cast
            for c in list(reversed(self.present)) + [c for c in self.order if c not in self.present]:
                if c != doer and c not in self.voices and self.cast[c].look.gender == want:
                    return c
        if after:
            return after[0][1]
        rest = [c for c in who if c != doer]
        return rest[0] if len(rest) == 1 else None

    def _insert(self, beat: ActionBeat) -> None:
        for prop in beat.props[:1]:
            shutter = (SoundCue(name="camera shutter", at=self.sec(1)),) if prop == "camera" else ()
            self.shots.append(Draft(ShotKind.INSERT, Size.INSERT, self.sec(SECONDS["insert"]),
                                    prop=prop, sfx=shutter, move=CameraMove.DOLLY_IN,
                                    description=f"Insert: the {prop}"))

    def _acting(self, beat: ActionBeat, who: list[str]) -> dict[str, tuple[Action, str, Expression]]:
        """Each character's action is the first verb after their name in their own sentence.
        A group that shares one written verb keeps it, each with a performance of their own;
        a group the text gives nothing to do gets distinct business."""
        verbs = lx.verbs_in(beat.text)
        starts = [pos for pos, _ in verbs]
        face = self.face(beat.text)
        perf = _first_sentence(beat.text)
        named = self.mentions(beat.text)
        ends = _SentenceEnds(beat.text)
        out: dict[str, tuple[Action, str, Expression]] = {}
        for c in who:
            at = named.get(c)
            if at is None:  # named by a pronoun or as a group: the beat's first verb
                action = verbs[0][1] if verbs else Action.IDLE
            else:  # the verb after the name; in "She looks at Jack", Jack only receives it
                i = bisect_right(starts, at)  # the first verb after the name ...
                action = verbs[i][1] if i < len(verbs) and starts[i] < ends.after(at) else Action.IDLE
            # A laugh is happy however softly it is done; tears are sad.
            out[c] = (action, perf, {Action.LAUGH: Expression.HAPPY, Action.CRY: Expression.SAD}.get(action, face))
        if len(who) < 2 or len({a for a, _, _ in out.values()}) > 1:
            return out
        primary = out[who[0]][0]
        start = derive(self.seed, beat.id, "group") % len(who)
        if primary in _GROUP:  # posing for photos: someone has to take them
            roles = [_GROUP[primary][(i + start) % len(_GROUP[primary])] for i in range(len(who))]
        elif primary == Action.IDLE:
            roles = [_COMPANIONS[(i + start) % len(_COMPANIONS)] for i in range(len(who))]
        else:
            variants = _ALONGSIDE if primary in lx.MOVING else _TOGETHER
            roles = [(primary, f"{perf} — {variants[(i + start) % len(variants)]}") for i in range(len(who))]
        return {c: (a, p, out[c][2] if a == primary else face) for c, (a, p) in zip(who, roles)}

    def _move(self, action: Action, key: str) -> CameraMove:
        if action in lx.MOVING:
            return pick([CameraMove.TRUCK_RIGHT, CameraMove.TRUCK_LEFT], self.seed, key, "move")
        if self.mood == Mood.TENSE:
            return CameraMove.HANDHELD
        return pick([CameraMove.STATIC, CameraMove.STATIC, CameraMove.DOLLY_IN], self.seed, key, "move")

    def dialogue(self, run: list[Line]) -> None:
        """A conversation: a master of everyone in it sets the geography, then shot/reverse-shot,
        with a reaction after a strong line (never two within three shots)."""
        units = self._units(run)
        talkers = list(dict.fromkeys(ln.speaker for u in units if not _offscreen(u) for ln in u
                                     if ln.speaker not in self.voices))
        self._people_memo = None
        previous: str | None = None
        covered = 0  # coverage shots so far in this conversation
        since_reaction = 9
        for unit in units:
            speakers = list(dict.fromkeys(ln.speaker for ln in unit))
            speaker = speakers[0]
            # Nobody spoke yet: the first line is addressed to the next one who will answer.
            upcoming = None if previous else next((c for c in talkers if c != speaker), None)
            listener = self._addressee(unit, speaker) or self.listener(speaker, previous or upcoming)
            offscreen = _offscreen(unit) or not self.voices.isdisjoint(speakers)
            if offscreen:
                self._hear(speakers)
            else:
                self.arrive(speakers)
            if listener and listener in self.unseen:
                self.line_up(listener)  # eyeline only
            elif listener:
                self.arrive([listener])
            shown = listener if listener and listener not in self.unseen else None
            people = self._people(talkers, shown if shown and not offscreen else None)
            take = _Take(unit, speakers, shown, listener, self.sec(self._unit_seconds(unit) + Fraction(3, 5)),
                         {ln.speaker: ln.emotion if ln.emotion != Expression.NEUTRAL else self.face(ln.text)
                          for ln in unit},
                         " / ".join(f"{self.cast[ln.speaker].name}: “{ln.text}”" for ln in unit))
            if offscreen:
                self._voice_shot(take)
            elif len(people) > 1 and (people not in self.mastered or len(speakers) > 1):
                self.mastered.add(people)
                self._master(take, people, talkers)
            else:
                self._single_or_ots(take, covered)
                covered += 1
            since_reaction += 1
            if shown and shown not in speakers and not offscreen and since_reaction >= 3 \
                    and _strong(unit[-1]):
                since_reaction = 0
                self._reaction(shown, speaker, unit[-1])
            previous = speaker

    def _hear(self, speakers: list[str]) -> None:
        if not self.unseen.issuperset(speakers):
            self.unseen.update(speakers)
            self._unseen_changes += 1

    def _people(self, talkers: list[str], shown: str | None) -> frozenset[str]:
        """Everyone in the conversation who is seen, and the listener on screen. Built again
        only when someone is heard off-screen or seen again (or a new listener joins), so a
        conversation of thousands is not thousands of sets of thousands. `_people_memo` is
        emptied when a conversation starts: it holds this conversation's answers."""
        changes, seen, joined = self._people_memo or (None, frozenset(), {})
        if changes != self._unseen_changes:
            seen, joined = frozenset(c for c in talkers if c not in self.unseen), {}
            self._people_memo = (self._unseen_changes, seen, joined)
        if not shown or shown in seen:
            return seen
        if shown not in joined:  # only the latest is kept: one set per listener would be n²
            joined.clear()
            joined[shown] = seen | {shown}
        return joined[shown]

    def _addressee(self, unit: list[Line], speaker: str) -> str | None:
        """Someone named in the line itself ("Thanks, Rita.") who is in the scene."""
        text = " ".join(ln.text for ln in unit)
        named = [(p, c) for c, p in self.mentions(text).items() if c != speaker and c in self._places]
        return min(named)[1] if named else None

    def _voice_shot(self, t: "_Take") -> None:
        """The voice is heard over whoever is on screen — a narrator who is in the scene is seen,
        lips still — and over the place when nobody is."""
        speaker = t.speakers[0]
        narrator = speaker if speaker in self.present and _voice_over(t.unit) else None
        watcher = t.shown if t.shown and t.shown not in t.speakers else narrator
        if not watcher:
            self.shots.append(Draft(ShotKind.ACTION, Size.WS, t.duration, lines=t.ids,
                                    move=CameraMove.PAN_RIGHT, description=t.said))
            return
        doing = (Action.IDLE, "lost in thought") if watcher == narrator else (Action.LISTEN, "listens")
        b = self.single(watcher, *doing, self.face(t.unit[0].text), None)
        self.shots.append(Draft(ShotKind.REACTION, Size.MCU, t.duration, (watcher,), (b,),
                                lines=t.ids, description=t.said))

    def _master(self, t: "_Take", people: frozenset[str], talkers: list[str]) -> None:
        """Everyone in the conversation (or both voices of a dual line) in one frame."""
        if len(t.speakers) > 1:
            cast = t.speakers
        else:
            cast = [c for c in self.order if c in people] + [c for c in talkers if c not in self._places]
        cast = _framed(cast, {t.speakers[0], t.listener})
        for c in cast:  # on the line before they speak
            self.line_up(c)
        speaker = t.speakers[0]
        acting = {c: (Action.TALK, _delivery(t.unit, c), t.face[c]) if c in t.speakers
                  else (Action.LISTEN, "listens", self.face(t.unit[0].text)) for c in cast}
        # Speakers address the listener (two voices at once address each other); listeners
        # watch whoever speaks first.
        others = {c: next((o for o in t.speakers if o != c), None) for c in t.speakers}
        look = {c: (others[c] or t.listener) if c in t.speakers else speaker for c in cast}
        self.shots.append(Draft(ShotKind.MASTER, Size.TWO_SHOT if len(cast) == 2 else Size.WS, t.duration,
                                tuple(sorted(cast, key=self.rank)), self.group(cast, acting, look),
                                lines=t.ids, description=t.said))

    def _single_or_ots(self, t: "_Take", n: int) -> None:
        """Shot/reverse-shot in matching pairs: two over-the-shoulders, then two singles, then
        two wider singles; a close-up for what the line itself feels."""
        speaker, listener = t.speakers[0], t.shown
        emotional = any(ln.emotion in (Expression.ANGRY, Expression.SAD, Expression.AFRAID)
                        for ln in t.unit if ln.speaker == speaker)
        talk = self.single(speaker, Action.TALK, _delivery(t.unit, speaker), t.face[speaker], t.listener)
        angle = {Expression.ANGRY: Angle.LOW, Expression.AFRAID: Angle.HIGH}.get(t.face[speaker], Angle.EYE_LEVEL)
        if listener and n // 2 % 3 == 0:
            side = Pos.RIGHT if self.rank(listener) > self.rank(speaker) else Pos.LEFT
            fg = Blocking(character=listener, position=side, plane=Plane.FOREGROUND,
                          facing=self.toward(listener, speaker, profile=True), action=Action.LISTEN,
                          performance="listens, back to camera", expression=self.face(t.unit[0].text),
                          looking_at=speaker)
            self.shots.append(Draft(ShotKind.OVER_THE_SHOULDER, Size.OTS, t.duration, (speaker,),
                                    (fg, talk), lines=t.ids, angle=angle, description=t.said))
            return
        size = Size.CU if emotional else (Size.MCU, Size.MCU, Size.MS)[n // 2 % 3]
        move = CameraMove.DOLLY_IN if emotional and derive(self.seed, t.ids[0]) % 2 else CameraMove.STATIC
        self.shots.append(Draft(ShotKind.SINGLE, size, t.duration, (speaker,), (talk,),
                                lines=t.ids, angle=angle, move=move, description=t.said))

    def _reaction(self, listener: str, speaker: str, line: Line) -> None:
        react = _REACTS[line.emotion if line.emotion != Expression.NEUTRAL else self.face(line.text)]
        b = self.single(listener, Action.LAUGH if react == Expression.HAPPY else Action.LISTEN,
                        f"reacts to {self.cast[speaker].name}", react, speaker)
        self.shots.append(Draft(ShotKind.REACTION, Size.CU, self.sec(SECONDS["reaction"]), (listener,), (b,),
                                description=f"{self.cast[listener].name} reacts"))

    def _units(self, run: list[Line]) -> list[list[Line]]:
        """Consecutive lines of one speaker share a shot while it stays under MAX_TAKE seconds;
        a dual line always joins the line it is spoken over."""
        units: list[list[Line]] = []
        for ln in run:
            cur = units[-1] if units else None
            same = cur is not None and ln.speaker == cur[-1].speaker and not cur[-1].dual \
                and self._unit_seconds(cur + [ln]) <= MAX_TAKE
            if cur is not None and (ln.dual or same):
                cur.append(ln)
            else:
                units.append([ln])
        return units

    def _unit_seconds(self, unit: list[Line]) -> Fraction:
        """Lines play one after another, except a dual line, which overlaps the one before it."""
        spans: list[Fraction] = []
        for ln in unit:
            if ln.dual and spans:
                spans[-1] = max(spans[-1], self._speech_seconds(ln))
            else:
                spans.append(self._speech_seconds(ln))
        return sum(spans, Fraction(0))

    def _speech_seconds(self, line: Line) -> Fraction:
        """A words-per-second estimate from the speaker's voice; the sound stage replaces it."""
        words = max(1, len(line.text.split()))
        rate = self.cast[line.speaker].voice.rate_wpm
        pause = Fraction(3, 10) if line.parenthetical else 0
        return Fraction(words * 60, rate) + Fraction(7, 20) + pause


@dataclass(frozen=True)
class _Take:
    """One unit of a conversation as the camera will cover it."""

    unit: list[Line]
    speakers: list[str]
    shown: str | None  # the listener, when they are on screen
    listener: str | None  # whom the speaker addresses, on screen or not
    duration: int
    face: dict[str, Expression]
    said: str

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(ln.id for ln in self.unit)


def _framed(cast: list[str], wanted: set) -> list[str]:
    """At most MAX_IN_FRAME of `cast`, in its order: those `wanted` (who speaks, whom they
    address) and the first of the rest. A conversation among thousands is not one frame of
    thousands of faces."""
    if len(cast) <= MAX_IN_FRAME:
        return cast
    room = MAX_IN_FRAME - len(wanted.intersection(cast))
    out = []
    for c in cast:
        if c in wanted:
            out.append(c)
        elif room > 0:
            out.append(c)
            room -= 1
    return out


def _voice_over(unit: list[Line]) -> bool:
    return any(ln.extension and re.search(r"V\.?O", ln.extension, re.I) for ln in unit)


def _offscreen(unit: list[Line]) -> bool:
    return any(_heard_off(ln) for ln in unit)


def _heard_off(ln: Line) -> bool:
    """Marked as heard, not seen: V.O., O.S., O.C. (Fountain's extensions), or a parenthetical
    that puts the voice elsewhere ("(from the hall)", "(over the intercom)")."""
    return bool(ln.extension and _OFF_EXT.search(ln.extension)) or \
        bool(ln.parenthetical and _OFF_PAREN.search(ln.parenthetical))


_OFF_EXT = re.compile(r"V\.?O|O\.?S|O\.?C", re.I)
_OFF_PAREN = re.compile(r"\b(?:off(?:-?screen)?|from (?:the|another|next|upstairs|downstairs|outside)\b|"
                        r"over the (?:radio|phone|intercom|speakers?|tannoy|loudspeakers?|PA)\b)", re.I)
# An action beat that only says where a voice comes from ("A voice on the radio says.", "Mum
# calls from the hall."): the person it names is heard there, not seen.
_VOICE_BEAT = re.compile(r"\bvoices?\b|\b(?:calls?|called|calling|shouts?|shouted|yells?|yelled|says?|said|"
                         r"cries|cried)\s+(?:out\s+)?from\b|\bfrom (?:the|another|next door|upstairs|downstairs|"
                         r"outside)\b|\b(?:on|over|through) the (?:radio|phone|line|intercom|speakers?|tannoy|"
                         r"loudspeakers?|PA|walkie-talkie)\b|\b(?:narrat\w+|announce\w*)\b", re.I)


def bodiless(beats, names: NameIndex | None = None) -> frozenset[str]:
    """Who in a scene is only a voice: everyone whose every line there is heard off (marked so,
    or next to a beat that says where the voice comes from) and whom no other action names.
    A voice that later walks in is named by that action, and has a body. With `names` (the
    cast's), an action counts only where it names them in words: a "she" after a voice's
    line is someone on screen, not the announcer."""
    off: dict[str, bool] = {}  # speaker → every line so far heard off
    voice_beats: set[int] = set()
    for i, b in enumerate(beats):
        if not isinstance(b, Line):
            continue
        near = [j for j in (i - 1, i + 1) if 0 <= j < len(beats) and isinstance(beats[j], ActionBeat)
                and (not beats[j].characters or b.speaker in beats[j].characters)
                and _VOICE_BEAT.search(beats[j].text)]
        voice_beats.update(near)
        off[b.speaker] = off.get(b.speaker, True) and (_heard_off(b) or bool(near))
    seen: set[str] = set()
    for i, b in enumerate(beats):
        if isinstance(b, ActionBeat) and i not in voice_beats and b.characters:
            named = names.first_mentions(b.text) if names is not None else b.characters
            seen.update(c for c in b.characters if c in named or c not in off)
    return frozenset(c for c, heard in off.items() if heard and c not in seen)


def _strong(line: Line) -> bool:
    return "!" in line.text or line.emotion in (Expression.ANGRY, Expression.SURPRISED, Expression.AFRAID)


def _delivery(unit: list[Line], speaker: str) -> str:
    paren = next((ln.parenthetical for ln in unit if ln.speaker == speaker and ln.parenthetical), None)
    return f"speaks ({paren})" if paren else "speaks"


def _looks(who: list[str], acting, named: dict[str, int]) -> dict[str, str | None]:
    """Whom each character looks at in a group shot: a look, a point, a wave or a word is aimed
    at the next character the text names after them ("Mara looks at Ben"). `named`: where the
    text names each character."""
    found: dict[str, str | None] = {}
    at = {c: named.get(c) for c in who}
    order = sorted((p, o) for o, p in at.items() if p is not None)  # once, not once per member
    places = [p for p, _ in order]
    for c in who:
        if acting[c][0] in (Action.LOOK_AT, Action.POINT, Action.WAVE, Action.TALK, Action.HUG,
                            Action.KISS, Action.PUSH, Action.PUNCH) and at[c] is not None:
            i = bisect_right(places, at[c])  # the first named after them (never themselves)
            found[c] = order[i][1] if i < len(order) else None
    return found


_END = re.compile(r"[.!?](?:\s|$)")


class _SentenceEnds:
    """Where the sentence holding a position ends, found with one pass over the text (when
    first asked) instead of one search per character per verb. A match can start only at a
    mark, never inside another match, so the first match at or after a position is the
    first of all the matches that starts there or later."""

    def __init__(self, text: str):
        self.text = text
        self.starts: list[int] | None = None
        self.ends: list[int] = []

    def after(self, at: int) -> int:
        if self.starts is None:
            found = [m.span() for m in _END.finditer(self.text)]
            self.starts, self.ends = [a for a, _ in found], [b for _, b in found]
        i = bisect_left(self.starts, at)
        return self.ends[i] if i < len(self.ends) else len(self.text)


def _first_sentence(text: str) -> str:
    s = re.split(r"(?<=[.!?])\s", " ".join(text.split()), maxsplit=1)[0]
    return s if len(s) <= 140 else s[:137].rstrip() + "…"


_STEP = {Size.EWS: Size.WS, Size.WS: Size.FS, Size.FS: Size.MS, Size.MS: Size.MCU,
         Size.MCU: Size.CU, Size.CU: Size.MCU, Size.ECU: Size.CU, Size.OTS: Size.MCU,
         Size.TWO_SHOT: Size.MS, Size.INSERT: Size.ECU}


def no_jump_cuts(shots: list[Draft]) -> list[Draft]:
    """Same subject at the same size back to back reads as a glitch: step the size. Stricter
    than the linter's rule, a subject also avoids the sizes of its own last two shots in the
    scene, so a character seen three times is seen three ways. Then a scene of five shots or
    more is seen in at least three sizes (see `varied`)."""
    step = _STEP
    out: list[Draft] = []
    seen: dict[tuple, list[Size]] = {}  # each subject's sizes so far in the scene
    for d in shots:
        key = (frozenset(d.subject), d.prop)
        recent = seen.setdefault(key, [])[-2:]
        for _ in range(3):  # bounded: CU and MCU step into each other
            if d.kind == ShotKind.OVER_THE_SHOULDER or d.size not in recent:
                break
            d = replace(d, size=step[d.size])
        while out and jump(out[-1].subject, out[-1].size, out[-1].prop, d.subject, d.size, d.prop):
            d = replace(d, size=step[d.size])
        seen[key].append(d.size)
        out.append(d)
    return varied(out)


def varied(shots: list[Draft]) -> list[Draft]:
    """Five shots or more all in one or two sizes read as one flat angle, however the blocking
    changes: step action shots, from the scene's end back, one size closer until three sizes
    are seen, never where that would make a jump cut. Masters, establishing shots, over-the-
    shoulders and inserts keep theirs: the grammar gives them their size."""
    if len(shots) < 5:
        return shots
    out = list(shots)
    fixed = (ShotKind.ESTABLISHING, ShotKind.MASTER, ShotKind.OVER_THE_SHOULDER, ShotKind.INSERT)
    for i in reversed(range(len(out))):
        if len({d.size for d in out}) >= 3:
            break
        d = out[i]
        if d.kind in fixed or d.size == Size.INSERT:
            continue
        new = replace(d, size=_STEP[d.size])
        before = out[i - 1] if i else None
        after = out[i + 1] if i + 1 < len(out) else None
        if (before and jump(before.subject, before.size, before.prop, new.subject, new.size, new.prop)) or \
                (after and jump(new.subject, new.size, new.prop, after.subject, after.size, after.prop)):
            continue
        out[i] = new
    return out


def jump(subject_a, size_a, prop_a, subject_b, size_b, prop_b) -> bool:
    """The linter's definition too: one rule, two users. No people and no prop means the
    subject is the place itself, which can jump as well."""
    return size_a == size_b and set(subject_a) == set(subject_b) and prop_a == prop_b
