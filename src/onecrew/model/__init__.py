"""The data model at the centre of onecrew. Nothing in here does I/O."""

from .base import Model
from .cast import Character, Look, Outfit, Voice
from .script import Script
from .storyboard import (
    SCHEMA_VERSION,
    ActionBeat,
    AmbienceCue,
    Blocking,
    FilmSet,
    Line,
    MusicCue,
    Scene,
    Shot,
    SoundCue,
    Source,
    Storyboard,
)

__all__ = [
    "SCHEMA_VERSION", "ActionBeat", "AmbienceCue", "Blocking", "Character", "FilmSet", "Line",
    "Look", "Model", "MusicCue", "Outfit", "Scene", "Script", "Shot", "SoundCue", "Source",
    "Storyboard", "Voice",
]
