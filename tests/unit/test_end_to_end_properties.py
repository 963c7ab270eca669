"""Any text through the whole planning path: a storyboard that round-trips, or a clean
OnecrewError — never a crash."""

from hypothesis import HealthCheck, given, settings, strategies as st

from onecrew.direct.director import direct
from onecrew.errors import OnecrewError
from onecrew.parse.fountain import parse_fountain
from onecrew.parse.prose import parse_prose
from onecrew.parse.storyboard_file import dump_storyboard, load_storyboard
from grammar import violations

fragments = st.sampled_from([
    "Mara", "BEN", "she", "he", "they", "walks to the door.", "laughs.", '"Hello," said Mara.', '"No!" Ben shouted.',
    "At the beach at sunset,", "In the kitchen, night.", "INT. OFFICE - DAY", "EXT. PARK - NIGHT", "\n\n", "\n",
    "(quietly)", "^", "CUT TO:", "> THE END <", "Two women and a man", "pose for photos", "with a camera.",
    "[[note]]", "/* cut */", "~la la", "* * *", "# One", "picks up the phone.", "@McQueen", "  ", "“Why?” she asked.",
])
texts = st.one_of(st.text(max_size=300), st.lists(fragments, max_size=40).map(" ".join))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts, fountain=st.booleans(), seed=st.integers(0, 2**62))
def test_any_text_plans_or_fails_cleanly(text, fountain, seed):
    script = (parse_fountain if fountain else parse_prose)(text)
    try:
        sb = direct(script, seed=seed)
    except OnecrewError as e:
        assert "nothing to film" in str(e)
        return
    saved = dump_storyboard(sb)
    assert load_storyboard(saved) == sb
    assert violations(sb) == []
