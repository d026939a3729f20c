"""The words the planner understands: counts, verbs (as motions and relations), prepositions.

Kept apart from the planner so that what it knows can be read (and extended) at a glance.
English only: prompts in other languages still get scenes from their quoted lines' speakers and
the cameo handles, and fall back to the figures.
"""

from __future__ import annotations

import re
from functools import lru_cache

NUMBERS = {
    "a": 1, "an": 1, "one": 1, "single": 1, "lone": 1, "two": 2, "both": 2, "pair": 2, "couple": 2,
    "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "dozen": 12, "few": 3, "several": 3, "some": 3, "many": 5,
    "lots": 5, "bunch": 5, "group": 5, "crowd": 6, "herd": 5, "flock": 5, "school": 5, "pack": 5,
    "team": 5, "family": 4, "trio": 3, "quartet": 4, "twin": 2, "twins": 2, "hundred": 12, "thousand": 12,
}  # fmt: skip
# "a group of", "a pair of": the count word comes before "of", the noun after it.
COLLECTIVES = frozenset(
    "pair couple bunch group crowd herd flock school pack team family trio quartet lots".split()
)
PLURAL_COUNT = 3
# "a bowl of noodles", "a bouquet of roses": one of what follows, shown as itself.
CONTAINERS = frozenset(
    "stack bowl plate box bag bouquet pile cup mug glass bottle jar basket slice piece tray bucket pot can "
    "ball "
    "carton plateful handful".split()
)
# Plural words that name one thing.
PLURAL_AS_ONE = frozenset(
    "drums headphones glasses sunglasses goggles pants jeans shorts scissors binoculars fries noodles "
    "pancakes spaghetti".split()
)
# Nouns with one form for both numbers: without "a" or a count they mean several.
SAME_PLURAL = frozenset("fish sheep deer shrimp moose bison salmon squid".split())
# Words for whoever watches: "waves at the camera" shows no camera.
AUDIENCE = frozenset("camera viewer viewers audience screen lens".split())
# Two words that look like things but name an event or an idea.
NOT_THINGS = frozenset({"royal ball", "masquerade ball", "red carpet", "rock music", "pop music", "rock band",
                        "rock star", "bank holiday", "river bank", "pool party"})  # fmt: skip
# What a noun is as the object of a verb: "playing cricket" is the game, not the insect; the
# mouse one clicks is a computer's.
SENSES = {
    "play": {"cricket": "cricket game", "keyboard": "musical keyboard", "keys": "musical keyboard",
             "pool": "pool 8 ball", "drums": "drum", "drum": "drum", "cards": "joker"},
    "click": {"mouse": "computer mouse"},
    "type": {"keyboard": "keyboard"},
}  # fmt: skip  # "ducks swim": more than one, and three reads as "some" in a frame

# What each verb makes its subject do, and what it makes of its object. The object relations:
# held (in a hand), worn (on the head or body), ridden (the subject sits on it and moves with
# it), below (the subject stands or sits on it), beside (next to it), above (over the head),
# played (an instrument or a game in front), eaten (held at the mouth).
_VERBS: dict[str, tuple[str, str]] = {}
for _motion, _relation, _words in (
    ("fly", "held", "fly soar glide hover flutter flap"),
    ("float", "beside", "float drift levitate"),
    ("walk", "beside", "walk stroll wander march stride hike explore strut tiptoe waddle patrol"),
    ("run", "beside", "run race chase sprint jog rush flee dash hurry gallop"),
    ("swim", "beside", "swim dive paddle snorkel splash"),
    ("surf", "ridden", "surf"),
    ("ride", "ridden", "ride drive pedal sail skate ski snowboard steer pilot cruise"),
    ("dance", "beside", "dance boogie groove party celebrate shimmy"),
    ("jump", "beside", "jump hop leap bounce skip vault climb"),
    ("spin", "beside", "spin twirl whirl pirouette somersault flip rotate"),
    ("fall", "beside", "fall tumble slip trip plunge topple"),
    ("sleep", "below", "sleep nap snooze doze dream"),
    ("eat", "eaten", "eat munch chew bite nibble devour drink sip taste feast lick gobble slurp"),
    ("play", "played", "play strum jam perform drum conduct"),
    ("sing", "held", "sing rap hum serenade"),
    ("wave", "held", "wave"),
    (
        "idle",
        "held",
        "hold carry grab lift hug throw catch toss juggle wield swing read paint "
        "cook bake bring kick push pull build fix open blow",
    ),
    ("idle", "worn", "wear don"),
    (
        "idle",
        "beside",
        "lean watch stare look meet greet feed pet find visit sit stand lie rest wait talk "
        "chat say says tell speak laugh smile cry think ponder kiss peck click pose relax guard fight "
        "battle hunt sniff admire love",
    ),
):
    for _word in _words.split():
        _VERBS[_word] = (_motion, _relation)

# A motion verb with a direct object often means something else: a DJ "spins records", a kid
# "flies a kite".
TRANSITIVE_MOTIONS = {"spin": "play", "fly": "idle", "drop": "idle", "float": "idle"}

IRREGULAR_VERBS = {
    "flew": "fly", "flown": "fly", "ran": "run", "swam": "swim", "swum": "swim", "rode": "ride",
    "ridden": "ride", "drove": "drive", "driven": "drive", "fell": "fall", "fallen": "fall",
    "ate": "eat", "eaten": "eat", "drank": "drink", "sat": "sit", "stood": "stand", "held": "hold",
    "wore": "wear", "worn": "wear", "slept": "sleep", "spun": "spin", "sang": "sing", "sung": "sing",
    "threw": "throw", "caught": "catch", "fought": "fight", "built": "build", "brought": "bring",
    "lay": "lie", "lying": "lie", "dove": "dive", "leapt": "leap", "bit": "bite", "met": "meet",
    "found": "find", "fed": "feed", "told": "tell", "said": "say", "thought": "think", "swung": "swing",
    "skateboards": "skate", "skateboarding": "skate", "skateboarded": "skate",
}  # fmt: skip

# Nouns that look like verb forms: "a DJ spins records", "the waves", "her dance moves".
NOT_VERBS = frozenset("records drums waves books lights flights".split())

# Where a thing sits relative to the one before it.
PREPOSITIONS = {
    "with": "held", "holding": "held", "on": "below", "onto": "below", "atop": "below", "upon": "below",
    "in": "inside", "inside": "inside", "into": "beside", "aboard": "inside",
    "beside": "beside", "near": "beside", "by": "beside", "next": "beside", "behind": "beside",
    "around": "beside", "toward": "beside", "towards": "beside", "past": "beside", "at": "beside",
    "across": "beside", "along": "beside", "against": "beside", "from": "beside", "to": "beside",
    "over": "beside", "above": "above", "under": "above", "beneath": "above", "below": "above",
    "underneath": "above", "for": "beside", "of": "beside", "like": "beside", "through": "beside",
}  # fmt: skip

# Words never looked up as things: grammar, feelings, qualities, colours, sizes, manners. The
# sentence model would otherwise find the nearest glyph for "friendly" or "huge".
STOPWORDS = frozenset(
    """
    a an the this that these those his her its their our my your some any each every no all both
    and or but so yet nor then than as if when while where who whom whose which what why how
    is are was were be been being am has have had do does did will would can could shall should
    may might must it he she they them him we us you i me there here very really just also too
    not never always only even still again almost quite rather more most less much many few
    up down out off away back around together alone slowly quickly fast gently softly loudly
    happily sadly proudly suddenly finally first last next other another same own such
    big small tiny huge giant large little tall short long wide narrow massive enormous mini
    old young new ancient modern adult elderly
    happy sad angry excited scared brave shy proud calm sleepy hungry grumpy cheerful curious
    friendly cute funny silly lazy clever wise wild tame fluffy fuzzy furry shiny sparkly glowing
    beautiful pretty ugly cool hot cold warm wet dry dark bright colorful colourful vivid pale
    red orange yellow green blue purple pink brown black white gray grey golden silver rainbow
    neon retro vintage futuristic cyberpunk magical mystical epic cinematic dramatic dreamy cozy
    cosy majestic tiny heroic legendary mighty fearless gigantic miniature fancy elegant
    slow-motion timelapse closeup close-up shot scene view angle footage video clip style
    background foreground moment day time way kind sort lot bit thing things stuff something
    everything nothing anything someone everyone anyone nobody somebody
    mood vibe vibes feeling feelings idea ideas meaning concept dream dreams memory memories
    love joy hope fear peace freedom happiness sadness entropy philosophy life death truth
    beauty chaos energy magic power spirit soul mind thought infinity eternity silence patience
    thoughts story stories adventure
    journey world universe nature reality future past present history today tomorrow yesterday
    monday tuesday wednesday thursday friday saturday sunday morning afternoon noon
    make makes made making turn turns turned turning add adds added adding let lets get gets got
    go goes went going come comes came coming become becomes became keep keeps kept set sets
    show shows showed showing start starts started starting begin begins began stop stops
    """.split()
)

# Things that are drawn above the subject's head by default: they belong in the air.
SKY_THINGS = frozenset(
    "sun moon star stars cloud clouds rainbow balloon balloons kite airplane plane helicopter ufo "
    "rocket comet bird birds butterfly bee fireworks lightning".split()
)


def _stem(word: str) -> str:
    """A verb form's base: flies -> fly, dancing -> dance, spinning -> spin, jumped -> jump."""
    if word in IRREGULAR_VERBS:
        return IRREGULAR_VERBS[word]
    if word in _VERBS:
        return word
    candidates = []
    if word.endswith("ies") or word.endswith("ied"):
        candidates.append(word[:-3] + "y")
    if word.endswith("es"):
        candidates.append(word[:-2])
    if word.endswith("s"):
        candidates.append(word[:-1])
    if word.endswith("ing"):
        base = word[:-3]
        candidates += [base, base + "e"]
        if len(base) > 2 and base[-1] == base[-2]:
            candidates.append(base[:-1])
    if word.endswith("ed"):
        base = word[:-2]
        candidates += [base, word[:-1]]
        if len(base) > 2 and base[-1] == base[-2]:
            candidates.append(base[:-1])
    return next((c for c in candidates if c in _VERBS), "")


@lru_cache(maxsize=4096)
def verb(word: str) -> tuple[str, str, str] | None:
    """(base, motion, object relation) if `word` is a form of a verb we know, else None."""
    word = word.lower()
    if word in NOT_VERBS:
        return None
    base = _stem(word)
    if not base:
        return None
    motion, relation = _VERBS[base]
    return base, motion, relation


def is_participle(word: str) -> bool:
    """'flying', 'dancing': a verb form that can describe a noun ("a flying dragon")."""
    return word.endswith("ing") and verb(word) is not None


_IRREGULAR_PLURALS = {
    "people": "person", "men": "man", "women": "woman", "children": "child", "kids": "kid",
    "mice": "mouse", "geese": "goose", "teeth": "tooth", "feet": "foot", "wolves": "wolf",
    "knives": "knife", "leaves": "leaf", "elves": "elf", "dwarves": "dwarf", "loaves": "loaf",
    "fish": "fish", "sheep": "sheep", "deer": "deer", "octopi": "octopus", "cacti": "cactus",
    "fungi": "fungus", "dice": "die", "oxen": "ox", "police": "police",
}  # fmt: skip
_NOT_PLURAL = frozenset(
    "bus octopus cactus walrus platypus hippopotamus glass grass chess dress boss cross "
    "compass class gas lens news series species bonus virus circus asparagus hummus "
    "hibiscus citrus iris canvas atlas bias mattress princess goddess actress waitress "
    "hostess witness lioness fortress harness moss kiss physics mathematics".split()
)


def singular(word: str) -> tuple[str, bool]:
    """(singular form, whether the word was plural): robots -> (robot, True)."""
    lower = word.lower()
    if lower in _IRREGULAR_PLURALS:
        base = _IRREGULAR_PLURALS[lower]
        return base, base != lower or lower in ("people",)
    if (
        len(lower) < 4
        or lower in _NOT_PLURAL
        or not lower.endswith("s")
        or lower.endswith(("ss", "us", "is"))
    ):
        return lower, False
    if lower.endswith("ies") and len(lower) > 4:
        return lower[:-3] + "y", True
    if lower.endswith(("ches", "shes", "xes", "zes", "sses", "oes")):
        return lower[:-2], True
    return lower[:-1], True


WORD = re.compile(r"@[A-Za-z0-9_]+|[A-Za-z][A-Za-z'-]*|\d+")
