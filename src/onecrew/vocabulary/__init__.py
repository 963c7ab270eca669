"""The one vocabulary of the story: the words for places, times of day, moods, people, looks
(garments, colours, hair) and props, with what each means in the storyboard's terms.

The prose parser, the Fountain parser and the director all read the text through these
tables, so they never disagree about what a word means (whether "pier" is a place, whether it
is outdoors, whether "Grandpa" is a man). Each submodule is data plus the few functions that
look words up; none does I/O or knows about parsing or directing:

    places   place words → set kind, inside or outside
    times    time-of-day phrases → TimeOfDay
    moods    what a scene is about → Mood
    people   nouns and names for people → gender, age, role
    looks    garments, materials, colours, hair, builds → the cast bible's look
    props    things the action names → a prop the previs can draw
"""
