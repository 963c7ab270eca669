"""The sound stage: voices, score, ambience, spot effects and the mix, all at 48 kHz.

Every track is a pure function of time — `render(start, stop)` of any range gives the samples a
whole-film render would have there — so the film streams to the encoder in chunks and memory
does not grow with its length.
"""
