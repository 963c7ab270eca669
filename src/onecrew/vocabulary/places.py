"""Place words → set kind and whether the place is outdoors.

One table that the prose parser, the Fountain heading reader and the director all read, so a
"pier" is the same place, outdoors, wherever it is written. Data first, then the two lookups.

How a phrase picks its kind ("old warehouse by the river", "GRAND HOTEL BALLROOM"):
  * a phrase is cut at prepositions ("by", "of", "behind", ...) and the first piece that
    names a place is the place ("the deck of the fishing boat" is the deck, not "the boat";
    "a kitchen in his mansion" is the kitchen);
  * within a piece, the most specific word wins (a room beats a building beats a generic word
    like "room" or "hall"); between equals, the last word wins, as in English compounds the
    last noun is the head ("beach house" is a house, "hotel ballroom" a ballroom);
  * where the text says INT or EXT, a word whose kind fits it beats one that does not
    ("INT. MOUNTAIN CABIN" is the cabin, "EXT. MOUNTAIN CABIN" the mountain).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..model.vocab import IntExt, LocationKind as K

# Rank: 3 a room or a specific spot, 2 a building or a landscape, 1 a generic word that only
# names a place when nothing more specific does.
ROOM, PLACE, GENERIC = 3, 2, 1

# kind: (outdoors by default, {rank: "word, word, multi word"}). Plurals are added below.
_TABLE: dict[K, tuple[bool, dict[int, str]]] = {
    K.POLICE_STATION: (False, {PLACE: "police station, precinct, station house, police headquarters, "
                               "police department, squad room, police precinct, sheriff's office, police hq"}),
    K.INTERROGATION_ROOM: (False, {ROOM: "interrogation room, interview room, interrogation, holding room"}),
    K.COURTROOM: (False, {PLACE: "courtroom, court room, courthouse, law court, tribunal"}),
    K.PRISON: (False, {PLACE: "prison, jail, gaol, penitentiary, cell block, prison cell, jail cell, cellblock",
                       ROOM: "visiting room"}),
    K.HOSPITAL: (False, {PLACE: "hospital, clinic, infirmary, medical centre, medical center",
                         ROOM: "ward, hospital ward, emergency room, operating room, operating theatre, icu, "
                               "intensive care, hospital room, maternity ward, a&e, sickbay"}),
    K.LABORATORY: (False, {PLACE: "lab, laboratory"}),
    K.CLASSROOM: (False, {PLACE: "school, schoolhouse, college, university, academy",
                          ROOM: "classroom, lecture hall, lecture theatre, schoolroom, staff room"}),
    K.LIBRARY: (False, {PLACE: "library, archive, archives, reading room"}),
    K.CHURCH: (False, {PLACE: "church, chapel, cathedral, temple, mosque, synagogue, abbey, monastery, "
                              "basilica, parish, shrine", ROOM: "altar, nave, aisle, pews, vestry"}),
    K.CEMETERY: (True, {PLACE: "cemetery, graveyard, churchyard, burial ground, grave, gravesite, "
                               "graveside, tomb, crypt, mausoleum"}),
    K.BANK: (False, {PLACE: "bank", ROOM: "vault, bank vault, teller"}),
    K.SHOP: (False, {PLACE: "shop, store, supermarket, grocery, grocery store, bakery, bookshop, bookstore, "
                            "boutique, pharmacy, chemist, corner shop, convenience store, mall, shopping centre, "
                            "shopping mall, department store, florist, butcher's, pawnshop, pawn shop, "
                            "newsagent, kiosk, deli, salon, barbershop, laundromat, gift shop, toy shop"}),
    K.CAFE: (False, {PLACE: "cafe, café, coffee shop, coffeehouse, coffee house, tea room, tearoom, teahouse, "
                            "tea shop, espresso bar"}),
    K.RESTAURANT: (False, {PLACE: "restaurant, diner, bistro, canteen, cafeteria, pizzeria, brasserie, "
                                  "trattoria, steakhouse, noodle bar, sushi bar, food court",
                           ROOM: "dining hall, mess hall"}),
    K.BALLROOM: (False, {ROOM: "ballroom, banquet hall, reception hall, wedding hall, function room, "
                               "dance hall, great hall, gala"}),
    K.HOTEL: (False, {PLACE: "hotel, motel, inn, hostel, guesthouse, resort", ROOM: "lobby, reception, foyer"}),
    K.BAR: (False, {PLACE: "bar, pub, tavern, club, nightclub, saloon, jazz club, speakeasy, karaoke bar, "
                           "karaoke, cocktail bar, wine bar, disco, casino, lounge bar"}),
    K.KITCHEN: (False, {ROOM: "kitchen, kitchenette, pantry, scullery"}),
    K.BEDROOM: (False, {ROOM: "bedroom, hotel room, motel room, dorm, dorm room, dormitory, nursery, "
                              "guest room, master bedroom, bedside, bunk"}),
    K.LIVING_ROOM: (False, {ROOM: "living room, sitting room, front room, lounge, parlour, parlor, den, "
                                  "family room, dining room, drawing room, study"}),
    K.BATHROOM: (False, {ROOM: "bathroom, washroom, restroom, toilet, toilets, lavatory, shower, "
                               "ladies' room, men's room, locker room, changing room"}),
    K.HALLWAY: (False, {ROOM: "hallway, corridor, stairwell, staircase, landing, elevator, lift, hall closet, "
                              "entrance hall, vestibule"}),
    K.HOME: (False, {PLACE: "house, home, apartment, flat, cottage, cabin, mansion, penthouse, farmhouse, "
                            "loft, villa, bungalow, townhouse, bedsit, homestead, manor, palace, castle, "
                            "chalet, hut, caravan, trailer, igloo, tent, beach house, lake house",
                     ROOM: "attic, porch, doorstep, front door, driveway, veranda, verandah",
                     GENERIC: "room, place, building, indoors, inside"}),
    K.OFFICE: (False, {PLACE: "office, boardroom, headquarters, newsroom, studio, agency, firm, "
                              "call centre, call center, embassy, city hall, town hall, ministry",
                       ROOM: "conference room, meeting room, cubicle, reception desk, server room, "
                             "control room, break room, executive suite, corner office"}),
    K.WAREHOUSE: (False, {PLACE: "warehouse, factory, garage, basement, cellar, workshop, hangar, depot, "
                                 "mill, shed, barn, storeroom, store room, stockroom, plant, boiler room, "
                                 "loading dock, bunker, sawmill, foundry, abattoir"}),
    K.TRAIN_STATION: (True, {PLACE: "train station, railway station, station, platform, subway station, "
                                    "metro station, tube station, bus station, bus terminal, railway, "
                                    "station platform, train platform, tracks"}),
    K.TRAIN: (False, {PLACE: "train, carriage, subway, metro, underground train, compartment, sleeper car, "
                             "dining car, subway car, subway train, train carriage, express, railcar, "
                             "plane, airplane, aeroplane, airliner, aircraft, jet"}),
    K.TRAM: (False, {PLACE: "tram, streetcar, trolley, trolleybus, tramcar, cable car"}),
    K.BUS: (False, {PLACE: "bus, minibus, school bus, double-decker, night bus, coach bus"}),
    K.AIRPORT: (False, {PLACE: "airport, terminal, runway, tarmac, airfield, departure lounge, "
                               "departures hall, departures, arrivals hall, arrivals, check-in, "
                               "departure gate, baggage claim"}),
    K.PARKING_LOT: (True, {PLACE: "parking lot, car park, parking garage, parking structure, gas station, "
                                  "petrol station, service station, filling station, motorway services"}),
    K.ALLEY: (True, {PLACE: "alley, alleyway, backstreet, back street, back alley, side street, underpass, "
                            "passageway, lane"}),
    K.STREET: (True, {PLACE: "street, city street, avenue, sidewalk, pavement, square, plaza, crossing, "
                             "intersection, boulevard, downtown, market, marketplace, bus stop, street corner, "
                             "corner, bridge, high street, main street, neighbourhood, neighborhood, block, "
                             "city, town, village, suburb, crosswalk, promenade, piazza, bazaar",
                      GENERIC: "road, highway, motorway, freeway, outside, outdoors, roadside, kerb, curb"}),
    K.ROOFTOP: (True, {PLACE: "roof, rooftop, rooftops, terrace, balcony, fire escape, roof garden, "
                              "skyscraper top, water tower"}),
    K.PARK: (True, {PLACE: "park, playground, city park, public garden, zoo, fairground, funfair, "
                           "amusement park, picnic, bandstand, skatepark, campsite, campground, stadium, "
                           "football pitch, pitch, sports field, golf course, tennis court, racetrack"}),
    K.GARDEN: (True, {PLACE: "garden, gardens, backyard, back yard, front yard, yard, courtyard, greenhouse, "
                             "allotment, lawn, patio, flowerbed, rose garden, vegetable patch, hedge maze"}),
    K.FOREST: (True, {PLACE: "forest, woods, woodland, jungle, grove, clearing, trail, rainforest, "
                             "thicket, pine forest, treeline, undergrowth, swamp, marsh, bayou"}),
    K.FIELD: (True, {PLACE: "field, meadow, farm, countryside, prairie, pasture, farmyard, hillside, hill, "
                            "hills, wheat field, cornfield, ranch, moor, moors, heath, valley, plain, plains, "
                            "orchard, savanna, steppe"}),
    K.VINEYARD: (True, {PLACE: "vineyard, vineyards, winery, vines, grapevines, wine estate"}),
    K.LAKE: (True, {PLACE: "lake, river, riverbank, river bank, riverside, pond, canal, waterfall, stream, "
                           "lakeside, lakeshore, creek, brook, towpath, reservoir, lagoon"}),
    K.MOUNTAIN: (True, {PLACE: "mountain, mountains, summit, peak, cliff, cliffs, cliff edge, clifftop, "
                               "ridge, canyon, gorge, mountainside, mountain pass, crag, cave, volcano, "
                               "base camp, trailhead, rock face"}),
    K.DESERT: (True, {PLACE: "desert, dunes, sand dunes, oasis, wasteland, badlands, salt flats, mesa, "
                             "scrubland, outback"}),
    K.SNOW: (True, {PLACE: "snow, snowfield, tundra, glacier, ice, ice field, frozen lake, ski slope, "
                           "ski slopes, ski resort, snowdrift, arctic, antarctic, ice rink, snowy field"}),
    K.BEACH: (True, {PLACE: "beach, shore, seaside, coast, seashore, coastline, sand, sands, cove, bay, "
                            "shoreline, surf, beachfront, seafront, water's edge, sea, ocean"}),
    K.HARBOUR: (True, {PLACE: "harbour, harbor, docks, dock, quay, quayside, marina, port, wharf, shipyard, "
                              "waterfront, dockyard, boatyard, harbour wall, harbor wall, fish market, "
                              "fishing port, seawall, sea wall, breakwater"}),
    K.PIER: (True, {PLACE: "pier, jetty, boardwalk, landing stage, end of the pier"}),
    K.LIGHTHOUSE: (True, {PLACE: "lighthouse", ROOM: "lamp room, lantern room, lighthouse gallery"}),
    K.BOAT_DECK: (True, {PLACE: "deck, boat, ship, yacht, ferry, trawler, fishing boat, sailboat, "
                                "steamer, tugboat, barge, raft, canoe, rowboat, dinghy, lifeboat, cruise ship, "
                                "submarine, bow, stern, gangplank, wheelhouse, cabin cruiser, tanker, galley"}),
    K.CAR: (False, {PLACE: "car, taxi, cab, truck, van, limo, limousine, convertible, pickup, pickup truck, "
                           "jeep, suv, sedan, hatchback, police car, cop car, squad car, patrol car, "
                           "getaway car, ambulance, lorry, minivan, camper van, rv",
                    ROOM: "front seat, back seat, backseat, passenger seat, driver's seat, driver seat"}),
    K.STAGE: (False, {PLACE: "stage, theatre, theater, auditorium, concert hall, opera house, cinema, "
                             "backstage, music hall, arena, circus, studio stage"}),
}

# Words whose INT/EXT differs from their kind's: a porch is the outside of a home, a lamp
# room the inside of a lighthouse, a greenhouse is indoors.
_INDOORS = {"lamp room", "lantern room", "greenhouse", "cave", "wheelhouse", "galley", "tent",
            "igloo", "hut", "station house", "ice rink", "bus station", "subway station", "metro station",
            "tube station", "submarine", "hallway", "caravan", "trailer"}
_OUTDOORS = {"porch", "doorstep", "front door", "driveway", "veranda", "verandah", "outside", "outdoors",
             "lighthouse gallery", "zoo", "stadium", "picnic", "campsite", "campground", "tracks",
             "market", "marketplace", "bazaar", "roadside", "tarmac", "runway", "airfield", "raft",
             "canoe", "rowboat", "dinghy"}
# A word that is no place when the next word is one of these ("cell phone", "park bench" is
# still the park; "bar of soap" is no bar).
_NOT_BEFORE = {"bar": ("of", "code", "stool"), "club": ("soda", "sandwich"), "court": ("order", "case"),
               "plant": ("pot",), "sand": ("paper",), "deck": ("of cards", "chair"),
               "block": ("of", "letters"), "express": ("delivery",), "stage": ("fright", "whisper", "name"),
               "lift": ("you", "him", "her", "it", "the", "a"), "shower": ("of",), "corner": ("of her", "of his")}

# Kinds the previs draws as open sky (the others as an interior or a vehicle).
OUTDOOR_KINDS: frozenset[K] = frozenset(k for k, (out, _) in _TABLE.items() if out) | {K.STREET, K.BEACH, K.PARK,
                                                                                    K.ROOFTOP}

# Cuts a phrase into pieces; the first piece that names a place is the place.
_CUT = re.compile(r"\s*\b(?:by|near|behind|beside|next to|of|off|at|in|on|inside|outside of|overlooking|"
                  r"above|below|under|across from|opposite|facing|with|from|and|where|while|on the edge of|"
                  r"at the end of|along)\b\s*|[,;:()/—–]|\s[-–]\s", re.I)


@dataclass(frozen=True)
class Place:
    kind: K
    int_ext: IntExt  # what the place is by itself; a heading's INT/EXT overrides it
    word: str  # the words that named it
    rank: int


def _entries() -> dict[str, tuple[K, int, bool]]:
    out: dict[str, tuple[K, int, bool]] = {}
    for kind, (outdoors, ranks) in _TABLE.items():
        for rank, words in ranks.items():
            for w in (x.strip().lower() for x in words.split(",")):
                if not w:
                    continue
                ext = (outdoors or w in _OUTDOORS) and w not in _INDOORS
                for form in {w, _plural(w)}:
                    out.setdefault(form, (kind, rank, ext))
    return out


def _plural(w: str) -> str:
    if w.endswith(("s", "sh", "ch", "x")):
        return w + "es"
    if w.endswith("y") and w[-2:-1] not in "aeiou":
        return w[:-1] + "ies"
    return w + "s"


WORDS: dict[str, tuple[K, int, bool]] = _entries()
_WORD_RE = re.compile(r"(?<![\w'])(?:" + "|".join(sorted(map(re.escape, WORDS), key=len, reverse=True))
                      + r")(?![\w'])", re.I)


def _norm(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").split())


def words_in(text: str) -> list[tuple[int, int, str]]:
    """(start, end, word) for every place word in `text`, longest phrases first, no overlaps."""
    out = []
    low = text.lower().replace("’", "'")
    for m in _WORD_RE.finditer(low):
        w = _norm(m.group(0))
        nxt = low[m.end():m.end() + 12].lstrip()
        if any(nxt.startswith(b + " ") or nxt == b for b in _NOT_BEFORE.get(w, ())):
            continue
        out.append((m.start(), m.end(), w))
    return out


# A heading's dashes or slashes name a place within a place ("HOUSE - KITCHEN"): every part
# is a candidate, and the more specific (then the later) wins.
_PARTS = re.compile(r"\s+[-–—]+\s+|\s*[–—/|]\s*")


@lru_cache(maxsize=4096)
def place_of(phrase: str, int_ext: IntExt | None = None) -> Place | None:
    """The place a phrase names ("old warehouse by the river" → warehouse), or None."""
    best = None
    for j, part in enumerate(_PARTS.split(phrase or "")):
        for piece in _CUT.split(part or ""):
            found = words_in(piece or "")
            for i, (_, _, w) in enumerate(found):
                kind, rank, ext = WORDS[w]
                fits = int_ext is None or int_ext == IntExt.INT_EXT or (int_ext == IntExt.EXT) == ext
                key = (fits, rank, j, i)  # fits the heading, specific, then the later (the head noun)
                if best is None or key > best[0]:
                    best = (key, Place(kind, IntExt.EXT if ext else IntExt.INT, w, rank))
            if found:
                break  # the first piece of a part that names a place is that part's place
    return best[1] if best else None


def kind_of(phrase: str, int_ext: IntExt | None = None, default: K = K.STAGE) -> K:
    p = place_of(phrase, int_ext)
    return p.kind if p else default


def outdoors(kind: K) -> bool:
    return kind in OUTDOOR_KINDS


def int_ext_of(word: str) -> IntExt | None:
    """INT or EXT for one place word (as the prose parser finds it), None for no place word."""
    e = WORDS.get(_norm(word))
    return None if e is None else (IntExt.EXT if e[2] else IntExt.INT)
