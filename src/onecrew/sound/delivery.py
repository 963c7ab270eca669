"""How a line is delivered: the character's voice shaded by the line's emotion and parenthetical.

Engine-neutral numbers — semitones, a pitch-range factor, words per minute, a gain — that each
voice engine maps onto what it can do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import OnecrewError
from ..model.cast import Voice
from ..model.vocab import AgeGroup, Expression


@dataclass(frozen=True)
class Delivery:
    pitch: float  # semitones from the engine's default for the voice's gender
    range: float  # pitch movement, 1 = the voice's natural intonation, 0 = monotone
    rate_wpm: float
    gain_db: float  # level relative to a normal speaking level
    whisper: bool = False


# (semitones, range factor, rate factor, gain dB)
_AGE = {
    AgeGroup.CHILD: (5.0, 1.2, 1.0, 0.0),
    AgeGroup.TEEN: (2.0, 1.1, 1.03, 0.0),
    AgeGroup.YOUNG_ADULT: (0.5, 1.0, 1.0, 0.0),
    AgeGroup.ADULT: (0.0, 1.0, 1.0, 0.0),
    AgeGroup.MIDDLE_AGED: (-0.8, 0.95, 0.97, 0.0),
    AgeGroup.ELDERLY: (-1.0, 0.85, 0.92, -1.0),
}

_EMOTION = {
    Expression.NEUTRAL: (0.0, 1.0, 1.0, 0.0),
    Expression.HAPPY: (2.0, 1.45, 1.06, 1.0),
    Expression.SAD: (-2.5, 0.5, 0.82, -3.0),
    Expression.ANGRY: (1.5, 1.5, 1.14, 4.0),
    Expression.SURPRISED: (3.5, 1.9, 1.0, 2.0),
    Expression.AFRAID: (3.0, 1.3, 1.18, -1.0),
}

# A parenthetical's words, first match wins per row; rows combine ("(quietly, slowly)").
_PARENTHETICAL: list[tuple[str, tuple[float, float, float, float]]] = [
    (r"shout\w*|yell\w*|scream\w*|bellow\w*|roar\w*|loud\w*|calling|calls out", (3.0, 1.6, 1.08, 6.0)),
    (r"quiet\w*|soft\w*|gentl\w*|murmur\w*|mutter\w*|under (?:her|his|their) breath|low\w*|mumbl\w*",
     (-1.0, 0.7, 0.95, -5.0)),
    (r"slow\w*|hesitant\w*|pause\w*|drawl\w*|tired\w*", (0.0, 0.9, 0.8, 0.0)),
    (r"fast|quick\w*|hurried\w*|rapid\w*|breathless\w*|urgent\w*", (0.5, 1.1, 1.2, 0.0)),
    (r"dry|dryly|deadpan|flat\w*|monoton\w*|sarcas\w*", (-0.5, 0.45, 1.0, 0.0)),
    (r"laugh\w*|giggl\w*|cheer\w*|beam\w*|bright\w*", (1.5, 1.3, 1.05, 1.0)),
    (r"cry\w*|sob\w*|tear\w*|choked|broken", (-1.5, 0.7, 0.85, -2.0)),
    (r"nervous\w*|trembl\w*|shak\w*|stammer\w*|stutter\w*", (2.0, 1.2, 1.1, -1.0)),
]
_PARENTHETICAL_RES = [(re.compile(rf"\b(?:{p})\b", re.I), v) for p, v in _PARENTHETICAL]
_WHISPER = re.compile(r"\bwhisper\w*|\bsotto voce\b|\bhush\w*|\bbreath(?:y|ily)\b", re.I)


def delivery(voice: Voice, emotion: Expression = Expression.NEUTRAL,
             parenthetical: str | None = None) -> Delivery:
    if not isinstance(voice, Voice):
        raise OnecrewError(f"a line needs a cast Voice to be spoken in, not {type(voice).__name__}")
    try:
        emotion = Expression(emotion)
    except ValueError:
        raise OnecrewError(f"unknown emotion {emotion!r}: use one of "
                           f"{', '.join(e.value for e in Expression)}") from None
    if parenthetical is not None and not isinstance(parenthetical, str):
        raise OnecrewError(f"a parenthetical is text, not {type(parenthetical).__name__}")
    rows = [_AGE[voice.age], _EMOTION[emotion]]
    whisper = False
    if parenthetical:
        whisper = bool(_WHISPER.search(parenthetical))
        rows += [v for rx, v in _PARENTHETICAL_RES if rx.search(parenthetical)]
        if whisper:
            rows.append((0.0, 0.8, 0.95, -7.0))
    pitch, rng, rate, gain = voice.pitch, 1.0, float(voice.rate_wpm), 0.0
    for dp, dr, rr, dg in rows:
        pitch, rng, rate, gain = pitch + dp, rng * dr, rate * rr, gain + dg
    return Delivery(pitch=max(-14.0, min(14.0, pitch)), range=max(0.0, min(2.0, rng)),
                    rate_wpm=max(70.0, min(320.0, rate)), gain_db=max(-12.0, min(8.0, gain)),
                    whisper=whisper)
