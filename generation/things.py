"""What a shot shows: its subjects (who acts) and its props (what they hold, ride, play, eat…).

A small reading of English good enough for prompts: noun phrases are found between the words
the lexicon knows (counts, verbs, prepositions, stopwords and scene words); a phrase before the
first verb, or right before a verb ("…, and a cat meows"), is a subject; any other is a prop,
placed by the verb or preposition that introduced it. Each noun gets a sprite by meaning
(generation.sprites), or none when nothing matches well enough: then the engine falls back to
its drawn figures for subjects and leaves the prop out, rather than draw a wrong thing.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import lexicon, sprites

# The person glyphs (people, professions, fantasy people): a subject phrase shows an animal or a
# robot before a person it also names.
PEOPLE_CODEPOINTS = ("1F9D1", "1F468", "1F469", "1F466", "1F467", "1F474", "1F475", "1F476", "1F9D2", "1F9D3",
                     "1F9D4", "1F471", "1F473", "1F472", "1F470", "1F935", "1F478", "1F934", "1F46E", "1F477",
                     "1F482", "1F575", "1F385", "1F936", "1F9D9", "1F9DA", "1F9DB", "1F9DC", "1F9DD", "1F9DE",
                     "1F9DF", "1F9B8", "1F9B9", "1F47C", "1F930", "1F931", "1FAC3", "1FAC4", "1F920", "1F3C4",
                     "1F3CA", "1F3C3", "1F6B4", "1F483", "1F57A", "1F9CD", "1F9CE", "1F6B6")  # fmt: skip
MAX_COUNT = 12  # "a hundred ducks" plans twelve; the engine draws what fits

# Glyphs that go on the head or body when held "with" or "in": "a cat in a hat".
WEARABLE = frozenset(
    {"top hat", "cowboy hat face", "billed cap", "crown", "glasses", "sunglasses", "goggles", "headphone",
     "scarf", "necktie", "t-shirt", "jeans", "dress", "kimono", "bikini", "coat", "lab coat", "safety vest",
     "military helmet", "graduation cap", "woman’s hat", "ring", "gloves", "socks", "running shoe",
     "hiking boot", "woman’s boot", "ballet shoes", "flat shoe", "backpack", "high-heeled shoe",
     "rescue worker’s helmet", "bow", "ribbon", "gem stone", "magic wand", "sari", "one-piece swimsuit",
     "shorts", "briefs", "thong sandal", "hair pick", "folding hand fan", "purse", "handbag", "clutch bag"}
)  # fmt: skip
# What one can be "in" and go along with: "a dog in a car" rides it; "a vampire in a castle" is
# beside it.
VEHICLES = frozenset(
    {"automobile", "taxi", "bus", "police car", "racing car", "pickup truck", "delivery truck", "tractor",
     "fire engine", "ambulance", "sport utility vehicle", "oncoming automobile", "trolleybus", "minibus",
     "locomotive", "tram", "ship", "sailboat", "speedboat", "motor boat", "canoe", "ferry", "passenger ship",
     "airplane", "small airplane", "helicopter", "rocket", "flying saucer", "hot air balloon",
     "roller coaster", "shopping cart", "manual wheelchair", "motorized wheelchair", "bathtub", "tent"}
)  # fmt: skip
# Aquatic and flying beings: what they do when the prompt doesn't say.
SWIMMERS = frozenset(
    {"fish", "tropical fish", "blowfish", "shark", "dolphin", "whale", "spouting whale", "octopus", "squid",
     "jellyfish", "seal", "shrimp", "lobster", "crab", "mermaid", "merperson", "merman", "otter", "turtle"}
)  # fmt: skip
# (Ducks, geese and dragons walk unless the prompt says they fly.)
FLIERS = frozenset(
    {"bird", "eagle", "dove", "owl", "parrot", "bat", "butterfly", "honeybee", "bee", "ghost", "fairy",
     "angel", "baby angel", "airplane", "small airplane", "helicopter", "flying saucer", "rocket",
     "flying disc", "kite", "hot air balloon", "swan", "phoenix", "mosquito", "fly", "ladybug", "crow",
     "black bird"}
)  # fmt: skip


@dataclass(frozen=True)
class Thing:
    """One subject or prop of a shot."""

    noun: str  # singular and lower case as typed ("kitten"), or a cameo's "@handle"
    count: int
    sprite: sprites.Sprite | None
    role: str  # "subject" or "prop"
    motion: str = ""  # subjects: fly, walk, run, swim, surf, ride, dance, jump, spin, fall, sleep, eat, play…
    relation: str = ""  # props: held, worn, ridden, below, beside, above, played, eaten
    owner: int = 0  # props: index of the subject it belongs to in its shot

    def as_dict(self) -> dict:
        out = {
            "noun": self.noun,
            "count": self.count,
            "sprite": self.sprite.as_dict() if self.sprite else None,
        }
        if self.role == "subject":
            out["motion"] = self.motion
        else:
            out["relation"] = self.relation
        return out


@dataclass
class _Phrase:
    words: list[str]  # the nouns, as typed
    count: int | None
    motion: str  # from a participle before it: "a flying dragon"
    relation: str  # from the preposition before it
    subject: bool
    start: int  # token index of its first noun
    determined: bool  # after "a", "the", a number or a possessive: surely a noun phrase


def things_read(text: str, *, scene_words: frozenset[str]) -> tuple[list[Thing], list[Thing], list[str]]:
    """(subjects, props, verbs' motions in order) of one shot's text (quotes and cues removed)."""
    tokens = _merged([m.group() for m in lexicon.WORD.finditer(text)])
    lower = [t.lower() for t in tokens]
    phrases: list[_Phrase] = []
    motions: list[tuple[int, str]] = []  # (token index, motion) of the verbs
    relations: list[tuple[int, str]] = []  # (token index, the relation its objects take)
    verbs: list[tuple[int, str]] = []  # (token index, the verb's base form)
    count: int | None = None
    prep = ""
    participle = ""
    current: _Phrase | None = None
    seen_verb = False

    def close() -> None:
        nonlocal current
        if current is not None:
            phrases.append(current)
            current = None

    skip = 0
    for i, word in enumerate(lower):
        previous = lower[i - 1] if i else ""
        if skip:
            skip -= 1
            continue
        if word == "~":  # an event or idea that looks like a thing ("a pool party"): it took the "a"
            close()
            count, prep, participle = None, "", ""
            continue
        if word in lexicon.CONTAINERS and _next(lower, i) == "of":
            close()
            count, skip = 1, 1  # "a bowl of noodles", "a bouquet of roses": one thing to show
            continue
        if word.startswith("@"):
            close()
            phrases.append(_Phrase([word], count, participle, prep, not seen_verb and not prep, i, True))
            count, prep, participle = None, "", ""
            continue
        if word.isdigit():
            close()
            count = min(int(word), MAX_COUNT) or None
            continue
        if word in lexicon.NUMBERS and (word not in lexicon.COLLECTIVES or _next(lower, i) == "of"):
            close()
            count = lexicon.NUMBERS[word] if word not in ("a", "an") or count is None else count
            skip = 1 if word in lexicon.COLLECTIVES else 0  # "a family of ducks": the "of" is no place
            continue
        action = lexicon.verb(word) or _unknown_verb(word, current)
        # After "a", "the" (past any describing words) a verb-looking word is a noun: "a neon party".
        describes = (
            previous in lexicon.NUMBERS
            or previous in _DETERMINERS
            or (current is None and _determined(lower, i))
        )
        if (
            action is not None
            and lexicon.is_participle(word)
            and (describes or current is None and _noun_next(lower, i) and _clause_start(lower, i))
        ):
            participle = action[1]  # "a flying dragon": the dragon flies
            continue
        if action is not None and not describes:
            close()
            motion = action[1]
            if action[0] in lexicon.TRANSITIVE_MOTIONS and _object_next(lower, i):
                motion = lexicon.TRANSITIVE_MOTIONS[action[0]]
            motions.append((i, motion))
            relations.append((i, action[2]))
            verbs.append((i, action[0]))
            seen_verb, prep, participle = True, "", ""
            continue
        if word in lexicon.PREPOSITIONS:
            close()
            prep = lexicon.PREPOSITIONS[word]
            continue
        if word in lexicon.AUDIENCE and not _determined(lower, i, loose=False):
            close()  # "waves at the camera": the viewer, not a thing in the scene
            continue
        if word in lexicon.STOPWORDS or word in scene_words or len(word) < 2 and word not in ("i",):
            close()
            if word in scene_words:
                prep = ""  # "at the beach": the place is the scene, not a thing
            continue
        if current is None:
            subject = not prep and (not seen_verb or _verb_follows(lower, i))
            determined = count is not None or _determined(lower, i)
            current = _Phrase([], count, participle, prep, subject, i, determined)
            count, participle = None, ""
        current.words.append(tokens[i])
        if " " in word and word.endswith("ing"):
            # A glyph named for someone doing something ("man juggling"): the doing is the verb.
            close()
            action = lexicon.verb(word.split()[-1]) or (word, "idle", "held")
            motions.append((i, action[1]))
            relations.append((i, action[2]))
            verbs.append((i, action[0]))
            seen_verb = True
    close()

    subjects: list[Thing] = []
    props: list[Thing] = []
    owner_at: list[tuple[int, int]] = []  # (token index, subject index) to find a prop's owner
    for phrase in phrases:
        found = _nouns(phrase)
        if not found or not phrase.determined and all(sprite is None for _, sprite, _ in found):
            continue  # an unknown word with nothing saying it is a noun: maybe a verb we don't know
        if phrase.subject:
            head = _head(found)
            noun, sprite, plural = head
            number = phrase.count or (lexicon.PLURAL_COUNT if plural else 1)
            motion = phrase.motion or _motion_after(motions, phrase.start)
            # The phrase's other nouns say what kind it is ("a cat DJ", "a paper boat"): not shown.
            subjects.append(Thing(noun, number, sprite, "subject", motion=motion))
            owner_at.append((phrase.start, len(subjects) - 1))
        else:
            owner = next((s for at, s in reversed(owner_at) if at < phrase.start), 0)
            relation = phrase.relation or _relation_before(relations, phrase.start) or "beside"
            # "a wooden desk", "a baseball bat": the last noun is the thing; the others describe it.
            noun, sprite, plural = found[-1]
            sense = lexicon.SENSES.get(_verb_before(verbs, phrase.start), {}).get(noun)
            if sense is not None:
                sprite = sprites.sprite_named(sense) or sprite
            number = phrase.count or (lexicon.PLURAL_COUNT if plural else 1)
            props.append(_prop(noun, number, sprite, relation, owner))
    return subjects, props, [motion for _, motion in motions]


def _merged(tokens: list[str]) -> list[str]:
    """Two words that name one thing become one token: "ice cream", "fire truck", "old man"."""
    out: list[str] = []
    i = 0
    while i < len(tokens):
        if i + 1 < len(tokens) and tokens[i][0].isalpha() and tokens[i + 1][0].isalpha():
            pair = f"{tokens[i]} {tokens[i + 1]}"
            if pair.lower() in lexicon.NOT_THINGS:
                out.append("~")
                i += 2
                continue
            first = pair.lower().split()[0]
            grammar = first in lexicon.NUMBERS or first in _DETERMINERS or first in lexicon.PREPOSITIONS
            if not grammar and sprites.sprite_exact(pair) is not None:
                out.append(pair)
                i += 2
                continue
        out.append(tokens[i])
        i += 1
    return out


def _head(found: list[tuple[str, sprites.Sprite | None, bool]]) -> tuple[str, sprites.Sprite | None, bool]:
    """The noun a subject phrase shows: an animal, robot or creature before a person ("a cat DJ",
    "a robot chef", "a baby dragon"), else its last noun ("a movie star")."""
    beings = [f for f in found if f[1] is not None and f[1].animate]
    creatures = [f for f in beings if not f[1].codepoint.startswith(PEOPLE_CODEPOINTS)]
    if creatures:
        return creatures[0]
    return beings[-1] if beings else found[-1]


def _unknown_verb(word: str, current: _Phrase | None) -> tuple[str, str, str] | None:
    """A verb the lexicon doesn't know, by its form: "a shark circling", "the doggo zooms".

    An -ing or -ed word, or an -s word right after a noun, is taken for a verb unless it is
    the exact name of something drawable ("a ring", "pancakes").
    """
    if len(word) < 5 or word in lexicon.NOT_VERBS:
        return None
    if word.endswith(("ing", "ed")) or (
        current is not None and word.endswith("s") and not word.endswith("ss")
    ):
        base, _ = lexicon.singular(word)
        for candidate in (word, base):
            match = sprites.sprite_match(candidate)
            if match is not None and match.exact:
                return None
        return word, "idle", "beside"
    return None


def _next(words: list[str], i: int) -> str:
    return words[i + 1] if i + 1 < len(words) else ""


def _verb_follows(words: list[str], i: int) -> bool:
    """Whether the noun phrase starting at i is followed by a verb: "…, and a cat meows"."""
    for word in words[i + 1 : i + 5]:
        if lexicon.verb(word) is not None and not lexicon.is_participle(word):
            return True
        if word in lexicon.PREPOSITIONS or word in ("and", "then", "while"):
            return False
    return False


_DETERMINERS = frozenset("the his her their its my our your this that these those some".split())


def _determined(words: list[str], i: int, *, loose: bool = True) -> bool:
    """Whether a determiner comes before position i, past any describing words ("the" only
    counts when loose: "the camera" is the viewer's, "an old camera" a thing)."""
    j = i - 1
    while (
        j >= 0
        and words[j] in lexicon.STOPWORDS
        and words[j] not in _DETERMINERS
        and words[j] not in lexicon.NUMBERS
    ):
        j -= 1
    if j < 0 or not loose and words[j] == "the":
        return False
    return words[j] in _DETERMINERS or words[j] in lexicon.NUMBERS or words[j].isdigit()


def _clause_start(words: list[str], i: int) -> bool:
    """Nothing but describing words before position i since the clause began: "flying dragons…"."""
    return i == 0 or words[i - 1] in lexicon.STOPWORDS or words[i - 1] in lexicon.PREPOSITIONS


def _noun_next(words: list[str], i: int) -> bool:
    following = _next(words, i)
    return (
        bool(following)
        and following not in lexicon.STOPWORDS
        and lexicon.verb(following) is None
        and (following not in lexicon.PREPOSITIONS)
    )


def _object_next(words: list[str], i: int) -> bool:
    """Whether a noun phrase follows a verb directly: "spins records", "flies a kite"."""
    following = _next(words, i)
    return (
        bool(following)
        and following not in lexicon.PREPOSITIONS
        and following
        not in ("and", "then", "while", "around", "away", "up", "down", "high", "low", "fast", "slowly")
    )


def _motion_after(motions: list[tuple[int, str]], start: int) -> str:
    return next((motion for at, motion in motions if at > start), "")


def _verb_before(verbs: list[tuple[int, str]], start: int) -> str:
    return next((verb for at, verb in reversed(verbs) if at < start), "")


def _relation_before(relations: list[tuple[int, str]], start: int) -> str:
    return next((relation for at, relation in reversed(relations) if at < start), "")


def _nouns(phrase: _Phrase) -> list[tuple[str, sprites.Sprite | None, bool]]:
    """The phrase's things: two-word names first ("hot dog", "teddy bear"), then single words.

    A phrase that names nothing we can draw still yields its last word (its head) with no
    sprite, so the plan says what was asked even when it can't show it.
    """
    words = phrase.words
    out: list[tuple[str, sprites.Sprite | None, bool]] = []
    i = 0
    while i < len(words):
        if words[i].startswith("@"):
            out.append((words[i].lower(), None, False))
            i += 1
            continue
        if i + 1 < len(words):
            pair = f"{words[i]} {words[i + 1]}"
            named = sprites.sprite_exact(pair)  # the exact tables only: no model run per pair
            if named is not None:
                base, plural = lexicon.singular(words[i + 1])
                out.append((f"{words[i].lower()} {base}", named, plural))
                i += 2
                continue
        word = words[i].lower()
        base, plural = lexicon.singular(words[i])
        typed = sprites.sprite_match(words[i]) if plural else None
        if word in lexicon.PLURAL_AS_ONE or (typed and typed.exact and typed.sprite.name.split()[-1] == word):
            # "sunglasses", "pancakes", "french fries", "the drums": one thing
            match = typed or sprites.sprite_match(base)
            out.append((word, match.sprite if match else None, False))
        else:
            if (
                plural
                and sprites.sprite_exact(base) is None
                and sprites.sprite_exact(words[i][:-1]) is not None
            ):
                base = words[i][:-1].lower()  # "cookies" -> "cookie", not "cooky"
            match = sprites.sprite_match(base) or typed
            if match is not None:
                out.append((base, match.sprite, plural))
        i += 1
    if not out and words:
        base, plural = lexicon.singular(words[-1])
        out.append((base, None, plural))
    if not phrase.determined and len(out) == 1 and out[0][0] in lexicon.SAME_PLURAL:
        out[0] = (out[0][0], out[0][1], True)  # "fish swimming around a reef": a school of them
    return out


def _prop(noun: str, count: int, sprite: sprites.Sprite | None, relation: str, owner: int) -> Thing:
    name = sprite.name if sprite else ""
    if relation == "inside":
        relation = "ridden" if name in VEHICLES else "worn" if name in WEARABLE else "beside"
    if name in WEARABLE and relation in ("held", "ridden", "beside"):
        relation = "worn"
    elif relation == "beside" and (noun in lexicon.SKY_THINGS or name in lexicon.SKY_THINGS):
        relation = "above"
    return Thing(noun, count, sprite, "prop", relation=relation, owner=owner)


def motion_default(thing: Thing, *, sky: bool, water: bool) -> str:
    """What a subject does when no verb says: fish swim, birds fly, the rest stand."""
    name = thing.sprite.name if thing.sprite else thing.noun
    if name in SWIMMERS or thing.noun in SWIMMERS:
        return "swim"
    if sky or name in FLIERS:
        return "fly"
    if water and name in ("duck", "swan", "goose"):
        return "swim"
    return "idle"
