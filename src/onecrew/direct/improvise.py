"""Improvised lines for a story with no dialogue: "Two women and a man pose for photos at the
beach" is a scene where someone calls "Everyone, smile!", as a video platform would write it.

A scene gets at most two short lines: one from whoever does the scene's first action, keyed by
that action, and, when someone else is there, an answer keyed by the scene's mood. Every line
is marked `improvised`, so the creator sees it and can delete it; the seed picks among the
table's lines, so the same story and seed give the same words.
"""

from __future__ import annotations

from ..model.cast import Character
from ..model.seeds import pick
from ..model.storyboard import ActionBeat, Line
from ..model.vocab import Action as A, Mood
from . import lexicon as lx

# What someone says while doing it. An action with no row says nothing of its own.
BY_ACTION: dict[A, tuple[str, ...]] = {
    A.POSE: ("Everyone, smile!", "Say cheese!", "Big smiles, on three!"),
    A.TAKE_PHOTO: ("Everyone, smile!", "Hold still... got it!", "One more, closer together!"),
    A.WAVE: ("Over here!", "Hey! Hi!"),
    A.POINT: ("Look, over there!", "Do you see that?"),
    A.LOOK_AT: ("Look at that.", "Wow."),
    A.HUG: ("I missed you so much.", "Come here, you."),
    A.KISS: ("I love you.", "Finally."),
    A.GIVE: ("This is for you.", "Here. Take it."),
    A.SHAKE_HANDS: ("Nice to meet you.", "Deal."),
    A.DANCE: ("I love this song!", "Dance with me!"),
    A.LAUGH: ("Stop, I can't breathe!", "That was brilliant!"),
    A.CRY: ("I'm sorry. I'm so sorry.", "It's not fair."),
    A.RUN: ("Come on, faster!", "Run!"),
    A.WALK: ("This way.", "Keep up!"),
    A.PUNCH: ("Get away from me!", "You asked for it!"),
    A.SLAP: ("How dare you!",), A.PUSH: ("Back off!", "Leave me alone!"),
    A.DRINK: ("Cheers!", "To us!"), A.EAT: ("Mmm, this is good.",),
    A.PHONE: ("Hello? Can you hear me?", "It's me. Call me back."),
    A.READ: ("Listen to this.",), A.OPEN: ("What's in here?", "Oh... wow."),
    A.DRIVE: ("Buckle up.", "Almost there."),
    A.FALL: ("Ow! I'm okay, I'm okay.",),
}
# What the others say back, by the scene's mood.
BY_MOOD: dict[Mood, tuple[str, ...]] = {
    Mood.JOYFUL: ("This is perfect!", "Best day ever!", "Again, again!"),
    Mood.CALM: ("It's so peaceful here.", "Nice, isn't it?"),
    Mood.ROMANTIC: ("Stay a little longer.", "I never want this to end."),
    Mood.TENSE: ("We have to go. Now.", "Did you hear that?", "Stay behind me."),
    Mood.SAD: ("I can't believe it's over.", "I miss her."),
    Mood.MYSTERIOUS: ("Something's not right.", "Who's there?"),
    Mood.TRIUMPHANT: ("We did it!", "Yes!"),
    Mood.COMIC: ("Well, that went well.", "Nobody saw that. Right?"),
}


def improvised(beats: tuple, mood: Mood, cast: dict[str, Character], seed: int, scene_id: str) -> tuple:
    """`beats` with up to two improvised lines after the first action that names someone."""
    first = next((i for i, b in enumerate(beats) if isinstance(b, ActionBeat) and b.characters), None)
    if first is None:
        return beats
    beat = beats[first]
    who = [c for c in beat.characters if c in cast]
    if not who:
        return beats
    verbs = [a for _, a in lx.verbs_in(beat.text)]
    # In a group that poses, whoever speaks first is the one holding the camera.
    said = next((BY_ACTION[a] for a in verbs if a in BY_ACTION), None)
    lines: list[Line] = []
    if said:
        lines.append(_line(scene_id, 1, who[0], pick(list(said), seed, "improvise", "action")))
    answerer = who[1] if len(who) > 1 else (who[0] if not lines else None)
    if answerer is not None and mood in BY_MOOD:
        options = [t for t in BY_MOOD[mood] if not lines or t != lines[0].text]
        lines.append(_line(scene_id, len(lines) + 1, answerer, pick(options, seed, "improvise", "mood")))
    return beats[:first + 1] + tuple(lines) + beats[first + 1:]


def _line(scene_id: str, n: int, speaker: str, text: str) -> Line:
    # Ids of their own ("s1-i1"): the breakdown numbers the written beats "s1-a1", "s1-l2".
    return Line(id=f"{scene_id}-i{n}", speaker=speaker, text=text, improvised=True)
