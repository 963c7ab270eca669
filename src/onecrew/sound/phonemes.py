"""IPA phonemes (as eSpeak NG and Piper name them) onto the animation set of mouth shapes."""

from __future__ import annotations

from ..render.backend import Viseme

# Stress, length, syllable and tie marks and combining diacritics say nothing about the mouth.
_MARKS = str.maketrans("", "", ":ˈˌːˑ.‿͡‖|-_ʲʰʷˠˤ̩̯̥̃̊̚")

_WHOLE = {
    "aɪ": Viseme.AI, "aʊ": Viseme.AI, "eɪ": Viseme.E, "ɔɪ": Viseme.O, "oʊ": Viseme.O,
    "əʊ": Viseme.O, "ɪə": Viseme.EE, "eə": Viseme.E, "ʊə": Viseme.U, "tʃ": Viseme.ETC,
    "dʒ": Viseme.ETC, "aɪə": Viseme.AI, "aʊə": Viseme.AI,
}

_FIRST = {
    **dict.fromkeys("pbmɱ", Viseme.MBP),
    **dict.fromkeys("fvʋ", Viseme.FV),
    **dict.fromkeys("ltdnθðɾɫɬɮʔ", Viseme.L),
    **dict.fromkeys("ijɪyʏ", Viseme.EE),
    **dict.fromkeys("eɛəɚɜɝɘ", Viseme.E),
    **dict.fromkeys("aɑæɐʌɶ", Viseme.AI),
    **dict.fromkeys("oɔɒøœɤ", Viseme.O),
    **dict.fromkeys("uʊwʍɯɵʉ", Viseme.U),
    **dict.fromkeys("kgɡŋsszʃʒxɣχhɦrɹɻʁçʝcɟɲʎʀ", Viseme.ETC),
}


def viseme(phoneme: str) -> Viseme:
    """The mouth shape of an IPA phoneme ("ˈaɪ" → AI, "m" → MBP); silence and pauses rest."""
    core = (phoneme or "").translate(_MARKS).strip()
    if not core:
        return Viseme.REST
    if core in _WHOLE:
        return _WHOLE[core]
    for ch in core:
        if ch in _FIRST:
            return _FIRST[ch]
    return Viseme.ETC
