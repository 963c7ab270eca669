from onecrew.direct.lexicon import emotion_of, props_in, verbs_in
from onecrew.model.vocab import Action as A, Expression as E


def test_emotion_words_match_whole_words_only():
    assert emotion_of("a woman in a yellow raincoat with a snapshot on the saddle") is None
    assert [emotion_of(t) for t in ["She yells.", "(gruff)", "He laughs", "What?!", "quietly"]] == \
        [E.ANGRY, E.ANGRY, E.HAPPY, E.SURPRISED, E.SAD]


def test_props_are_read_once_in_reading_order():
    assert props_in("Two women and a man pose for photos.") == ["camera"]
    assert props_in("She drops her keys next to a mug and an old photograph.") == ["keys", "mug", "photograph"]
    assert props_in("He stands on the empty road, waiting.") == []


def test_verbs_in_reading_order():
    assert [a for _, a in verbs_in("She stops under the sign, unlocks the door and walks in.")] == [A.OPEN, A.WALK]
    assert [a for _, a in verbs_in("Nora hurries along, then takes a photo")] == [A.WALK, A.TAKE_PHOTO]
