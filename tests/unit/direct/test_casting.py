from onecrew.direct.casting import cast, resolve_look
from onecrew.model.cast import Build, HairStyle, Height
from onecrew.model.script import ScriptCharacter
from onecrew.model.vocab import AgeGroup, Gender


def test_the_text_fixes_what_it_says():
    lk = resolve_look("Mara", "a tall woman with red hair in a blue dress", None, seed=1)
    assert (lk.gender, lk.height, lk.hair_color) == (Gender.FEMALE, Height.TALL, "red")
    assert (lk.outfit.top, lk.outfit.top_color, lk.outfit.bottom) == ("dress", "blue", "")
    lk = resolve_look("Old Tom", "an elderly, stocky bald man with a grey beard in a green sweater and jeans, glasses", None, 1)
    assert (lk.gender, lk.age, lk.build, lk.hair_style, lk.facial_hair) == \
        (Gender.MALE, AgeGroup.ELDERLY, Build.HEAVY, HairStyle.BALD, "beard")
    assert (lk.outfit.top, lk.outfit.top_color, lk.outfit.bottom, lk.outfit.accessory) == \
        ("sweater", "green", "jeans", "glasses")
    # "her" points at someone else; the noun decides
    assert resolve_look("Ben", "her younger brother", None, 1).gender == Gender.MALE


def test_what_the_text_leaves_open_comes_from_the_seed():
    looks = {resolve_look("Kim", "", None, seed).model_dump_json() for seed in range(12)}
    assert len(looks) > 6
    assert resolve_look("Kim", "", None, 4) == resolve_look("Kim", "", None, 4)


def test_the_cast_is_distinct_and_stable():
    people = (ScriptCharacter(name="Woman 1", gender="female"), ScriptCharacter(name="Woman 2", gender="female"),
              ScriptCharacter(name="Man", gender="male"))
    a = cast(people, seed=9)
    assert [c.id for c in a] == ["woman-1", "woman-2", "man"]
    assert len({c.look.outfit.top_color for c in a}) == 3
    assert len({(c.voice.gender, c.voice.variant) for c in a}) == 3
    assert len({c.voice.description for c in a}) == 3
    assert a[0].voice.description.endswith("female voice") and a[2].voice.description.endswith(" male voice")
    assert [c.voice.gender for c in a] == [Gender.FEMALE, Gender.FEMALE, Gender.MALE]
    # adding a character later never changes the earlier ones
    assert cast(people + (ScriptCharacter(name="Dog"),), seed=9)[:3] == a


def test_voice_matches_the_text():
    (kid, elder) = cast((ScriptCharacter(name="Pip", description="a little girl"),
                         ScriptCharacter(name="Gran", description="an old woman")), seed=0)
    assert kid.voice.age == AgeGroup.CHILD and elder.voice.age == AgeGroup.ELDERLY
    assert kid.voice.pitch > elder.voice.pitch
    assert kid.voice.gender == elder.voice.gender == Gender.FEMALE



def test_words_inside_other_words_say_nothing():
    from onecrew.direct.casting import resolve_look as look
    assert look("A", "a middle-aged man", None, 0).age == AgeGroup.MIDDLE_AGED
    assert look("A", "a young woman in a gold dress, holding a cold drink", None, 0).age == AgeGroup.YOUNG_ADULT
    for seed in range(8):  # these phrases say nothing about height or build: the seed decides, as with no text
        assert look("A", "a woman with short red hair", None, seed).height == look("A", "a woman", None, seed).height
        assert look("A", "a man with a big smile, something on his mind", None, seed).build == \
            look("A", "a man", None, seed).build
    assert all(look("A", "a man with short red hair", None, s).hair_style == HairStyle.SHORT for s in range(3))
    assert look("A", "a short man", None, 0).height == Height.SHORT
    assert look("A", "a bearded man with curly hair and braids", None, 0).facial_hair == "beard"
    assert look("Kid", "a boy", None, 0).age == AgeGroup.CHILD


def test_ids_for_names_of_any_script():
    from onecrew.direct.casting import slug
    assert slug("Zoë Park") == "zoe-park"
    a, b = slug("КУХНЯ"), slug("СПАЛЬНЯ")
    assert a != b and a.startswith("x") and len(a) == 7
    assert slug("Café Москва").startswith("cafe-")
