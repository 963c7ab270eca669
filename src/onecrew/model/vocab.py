"""The film vocabulary every stage shares. Values are what a storyboard file spells."""

from __future__ import annotations

from enum import Enum


class Vocab(str, Enum):
    def __str__(self) -> str:  # "ShotSize.CU" is noise in prompts and errors
        return self.value


class ShotSize(Vocab):
    EWS = "EWS"  # extreme wide: the place, people tiny
    WS = "WS"  # wide: whole bodies with room around them
    FS = "FS"  # full: head to toe
    MS = "MS"  # medium: waist up
    MCU = "MCU"  # medium close-up: chest up
    CU = "CU"  # close-up: the face
    ECU = "ECU"  # extreme close-up: eyes, mouth, a detail
    OTS = "OTS"  # over the shoulder of the listener onto the speaker
    TWO_SHOT = "2S"  # two (or more) characters sharing the frame
    INSERT = "INSERT"  # a prop or detail, no faces


class Angle(Vocab):
    EYE_LEVEL = "eye-level"
    HIGH = "high"
    LOW = "low"
    OVERHEAD = "overhead"
    DUTCH = "dutch"


class CameraMove(Vocab):
    STATIC = "static"
    PAN_LEFT = "pan-left"
    PAN_RIGHT = "pan-right"
    TILT_UP = "tilt-up"
    TILT_DOWN = "tilt-down"
    DOLLY_IN = "dolly-in"
    DOLLY_OUT = "dolly-out"
    TRUCK_LEFT = "truck-left"
    TRUCK_RIGHT = "truck-right"
    HANDHELD = "handheld"


class ShotKind(Vocab):
    """Why the shot is in the cut — the coverage role."""

    ESTABLISHING = "establishing"
    MASTER = "master"
    SINGLE = "single"
    OVER_THE_SHOULDER = "over-the-shoulder"
    REACTION = "reaction"
    INSERT = "insert"
    ACTION = "action"


class Transition(Vocab):
    CUT = "cut"
    DISSOLVE = "dissolve"
    FADE_IN = "fade-in"
    FADE_OUT = "fade-out"
    SMASH_CUT = "smash-cut"
    MATCH_CUT = "match-cut"
    WIPE = "wipe"


class ScreenPosition(Vocab):
    """Horizontal place in frame, left to right as the audience sees it."""

    LEFT = "left"
    CENTER_LEFT = "center-left"
    CENTER = "center"
    CENTER_RIGHT = "center-right"
    RIGHT = "right"

    @property
    def x(self) -> float:
        """Position as a fraction of frame width, for ordering and drawing."""
        return _X[self]


_X = {
    ScreenPosition.LEFT: 0.2,
    ScreenPosition.CENTER_LEFT: 0.35,
    ScreenPosition.CENTER: 0.5,
    ScreenPosition.CENTER_RIGHT: 0.65,
    ScreenPosition.RIGHT: 0.8,
}


class Facing(Vocab):
    """Where the character faces, screen directions as the audience sees them."""

    CAMERA = "camera"
    LEFT = "left"
    RIGHT = "right"
    THREE_QUARTER_LEFT = "three-quarter-left"
    THREE_QUARTER_RIGHT = "three-quarter-right"
    AWAY = "away"

    @property
    def direction(self) -> int:
        """-1 looking screen-left, +1 screen-right, 0 neither."""
        if self in (Facing.LEFT, Facing.THREE_QUARTER_LEFT):
            return -1
        if self in (Facing.RIGHT, Facing.THREE_QUARTER_RIGHT):
            return 1
        return 0


class Plane(Vocab):
    FOREGROUND = "foreground"
    MIDGROUND = "midground"
    BACKGROUND = "background"


class Expression(Vocab):
    NEUTRAL = "neutral"
    HAPPY = "happy"
    SAD = "sad"
    ANGRY = "angry"
    SURPRISED = "surprised"
    AFRAID = "afraid"


class Action(Vocab):
    """The performance library the renderers know. Anything richer goes in `performance`."""

    IDLE = "idle"
    TALK = "talk"
    LISTEN = "listen"
    WALK = "walk"
    RUN = "run"
    TURN = "turn"
    SIT = "sit"
    STAND_UP = "stand-up"
    WAVE = "wave"
    POINT = "point"
    POSE = "pose"
    TAKE_PHOTO = "take-photo"
    LOOK_AT = "look-at"
    LAUGH = "laugh"
    CRY = "cry"
    DRINK = "drink"
    EAT = "eat"
    HUG = "hug"
    KISS = "kiss"
    PUSH = "push"
    PUNCH = "punch"
    DODGE = "dodge"
    FALL = "fall"
    READ = "read"
    WRITE = "write"
    PHONE = "phone"
    DRIVE = "drive"
    DANCE = "dance"
    HOLD = "hold"
    OPEN = "open"
    # Between two people (issue 10), additive: the one acted on has an action of their own.
    GIVE = "give"  # hands something over
    RECEIVE = "receive"  # takes what is handed over
    SLAP = "slap"
    SHAKE_HANDS = "shake-hands"
    RECOIL = "recoil"  # pushed, hit or slapped: staggers back


class LocationKind(Vocab):
    BEACH = "beach"
    STREET = "street"
    HOME = "home"
    OFFICE = "office"
    BAR = "bar"
    PARK = "park"
    ROOFTOP = "rooftop"
    CAR = "car"  # a car's interior
    STAGE = "stage"  # a bare stage: only when nothing else fits
    # Added for issue 10 (additive: the nine above keep their values and meaning). "street" is
    # the city street, "home" a home with no named room, "car" the inside of a car.
    POLICE_STATION = "police-station"
    INTERROGATION_ROOM = "interrogation-room"
    COURTROOM = "courtroom"
    PRISON = "prison"  # a cell, a cell block
    HOSPITAL = "hospital"
    LABORATORY = "laboratory"
    CLASSROOM = "classroom"
    LIBRARY = "library"
    CHURCH = "church"
    CEMETERY = "cemetery"
    BANK = "bank"
    SHOP = "shop"
    CAFE = "cafe"
    RESTAURANT = "restaurant"
    BALLROOM = "ballroom"  # a banquet or wedding hall
    HOTEL = "hotel"  # lobby, reception
    KITCHEN = "kitchen"
    BEDROOM = "bedroom"
    LIVING_ROOM = "living-room"
    BATHROOM = "bathroom"
    HALLWAY = "hallway"  # corridor, stairwell, lift
    WAREHOUSE = "warehouse"  # factory, garage, basement
    TRAIN_STATION = "train-station"  # platform, subway station
    TRAIN = "train"  # a train or subway carriage
    TRAM = "tram"
    BUS = "bus"
    AIRPORT = "airport"
    PARKING_LOT = "parking-lot"
    ALLEY = "alley"
    GARDEN = "garden"
    FOREST = "forest"
    FIELD = "field"  # meadow, farm, countryside
    VINEYARD = "vineyard"
    LAKE = "lake"  # lake, river bank, pond
    MOUNTAIN = "mountain"
    DESERT = "desert"
    SNOW = "snow"  # a snowfield, a frozen landscape
    HARBOUR = "harbour"  # docks, marina, port
    PIER = "pier"
    LIGHTHOUSE = "lighthouse"
    BOAT_DECK = "boat-deck"


class IntExt(Vocab):
    INT = "INT"
    EXT = "EXT"
    INT_EXT = "INT/EXT"


class TimeOfDay(Vocab):
    DAWN = "dawn"
    DAY = "day"
    SUNSET = "sunset"
    NIGHT = "night"


class Mood(Vocab):
    JOYFUL = "joyful"
    CALM = "calm"
    ROMANTIC = "romantic"
    TENSE = "tense"
    SAD = "sad"
    MYSTERIOUS = "mysterious"
    TRIUMPHANT = "triumphant"
    COMIC = "comic"


class Ambience(Vocab):
    WAVES = "waves"
    TRAFFIC = "traffic"
    ROOM_TONE = "room-tone"
    OFFICE_HUM = "office-hum"
    CROWD = "crowd"
    WIND = "wind"
    BIRDS = "birds"
    NIGHT_INSECTS = "night-insects"
    ENGINE = "engine"
    SILENCE = "silence"


class Gender(Vocab):
    FEMALE = "female"
    MALE = "male"
    UNSPECIFIED = "unspecified"


class AgeGroup(Vocab):
    CHILD = "child"
    TEEN = "teen"
    YOUNG_ADULT = "young-adult"
    ADULT = "adult"
    MIDDLE_AGED = "middle-aged"
    ELDERLY = "elderly"
