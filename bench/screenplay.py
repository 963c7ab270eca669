"""A deterministic long screenplay for benchmarks: ~1,500 dialogue lines, about 120 pages."""

from __future__ import annotations

import random

PEOPLE = [("MARA", "a tall woman with red hair in a blue dress"), ("BEN", "her brother, 20s, glasses, green hoodie"),
          ("JUNE", "an elderly woman with a grey bun"), ("OSKAR", "a stocky man with a beard in a navy coat"),
          ("LILA", "a girl of ten in a yellow raincoat"), ("DEV", "a slim young man in a white shirt")]
PLACES = ["INT. KITCHEN", "EXT. BEACH", "INT. OFFICE", "EXT. ROOFTOP", "INT. DINER", "EXT. PARK",
          "EXT. STREET", "INT. CAR"]
TIMES = ["DAY", "NIGHT", "SUNSET", "DAWN"]
ACTIONS = ["{a} pours coffee into a mug and slides it to {b}.", "{a} walks to the window.",
           "{a} and {b} laugh.", "{a} picks up the phone, then puts it down.", "{a} stares at {b}.",
           "{a} opens the letter with shaking hands.", "Rain hammers the glass.", "{a} sits.",
           "{a} hugs {b}.", "{a} grabs the keys and runs to the door."]
LINES = ["Where were you last night?", "You know where I was.", "I waited for hours!",
         "That's not fair and you know it.", "Then tell me the truth.", "Fine. I went back to the lighthouse.",
         "Why would you do that?", "Because someone had to.", "We said we'd never go back there.",
         "I know what we said.", "Did you find it?", "I found something. I'm not sure what it is yet.",
         "Show me.", "Not here. Not now.", "You always do this!", "And you always forgive me."]
PARENS = ["quietly", "beat", "smiling", "angry", "to herself", "whispering"]


def screenplay(dialogue_lines: int = 1500, seed: int = 7) -> str:
    rng = random.Random(seed)
    out = ["Title: The Long Night", "Credit: written by", "Author: onecrew bench", "", ""]
    n = 0
    scene = 0
    while n < dialogue_lines:
        scene += 1
        cast = rng.sample(PEOPLE, rng.choice([2, 2, 3]))
        out += [f"{rng.choice(PLACES)} - {rng.choice(TIMES)} #{scene}#", ""]
        a, b = cast[0][0], cast[1][0]
        if scene <= len(PEOPLE):  # introduce people the first time, the way screenwriters do
            out += [f"{a}, {cast[0][1]}, waits. {b}, {cast[1][1]}, arrives.", ""]
        for _ in range(rng.randint(20, 30)):
            if n >= dialogue_lines:
                break
            if rng.random() < 0.2:
                x, y = rng.sample([c[0] for c in cast], 2)
                out += [rng.choice(ACTIONS).format(a=x.title(), b=y.title()), ""]
            speaker = rng.choice(cast)[0]
            out.append(speaker)
            if rng.random() < 0.2:
                out.append(f"({rng.choice(PARENS)})")
            out += [" ".join(rng.choice(LINES) for _ in range(rng.randint(1, 3))), ""]
            n += 1
        out += ["CUT TO:", ""]
    return "\n".join(out) + "\n"


def pages(text: str) -> float:
    """Pages at the industry's ~55 formatted lines a page; long speeches wrap at ~35 chars."""
    lines = sum(max(1, -(-len(ln) // 35)) if ln.strip() else 1 for ln in text.splitlines())
    return lines / 55
