"""Which language a line of dialogue is in, from its script and (for Latin script) its words.

Cheap on purpose: a line is a few words, and the answer only picks a voice. Words in a script
other than the line's own are left out of what is spoken (a voice reading a script it does not
know spells it out letter by letter: "Arabic meem, Arabic ra…"); the subtitle keeps them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# The first word of a letter's Unicode name -> an espeak-ng language that reads that script.
SCRIPTS = {
    "ARABIC": "ar", "HEBREW": "he", "CYRILLIC": "ru", "GREEK": "el", "DEVANAGARI": "hi",
    "BENGALI": "bn", "GURMUKHI": "pa", "GUJARATI": "gu", "ORIYA": "or", "TAMIL": "ta", "TELUGU": "te",
    "KANNADA": "kn", "MALAYALAM": "ml", "SINHALA": "si", "THAI": "th", "MYANMAR": "my",
    "GEORGIAN": "ka", "ARMENIAN": "hy", "ETHIOPIC": "am", "HANGUL": "ko", "HIRAGANA": "ja",
    "KATAKANA": "ja", "CJK": "cmn",
}  # fmt: skip
# Letters that only some languages of a script use.
_HINTS = {
    "fa": "پچژگ", "ur": "ٹڈڑںےھ", "uk": "іїєґ", "bg": "ъ",
}  # fmt: skip
_HINTS_FOR = {"ar": ("fa", "ur"), "ru": ("uk",)}
# Latin script: frequent short words of a language, and letters it alone uses here.
_LATIN_WORDS = {
    "en": "the and you is are to of it this that what my your i we be so not with have was do".split(),
    "es": "el la los las que es y de no un una por para con está estoy muy hola qué gracias".split(),
    "fr": "le la les est et de un une je tu vous nous pas que qui très bien avec ça c'est oui".split(),
    "de": "der die das und ist nicht ich du wir ein eine mit auf sehr danke ja nein hallo".split(),
    "it": "il lo gli che è e di non un una per sono sei molto grazie ciao".split(),
    "pt": "o os as que é e de não um uma com muito obrigado olá você está".split(),
    "nl": "de het een en is niet ik jij wij met op zeer dank ja nee hallo".split(),
}
_LATIN_LETTERS = {"es": "ñ¿¡", "fr": "çœêèë", "de": "ßäöü", "pt": "ãõ", "it": "ìò"}


@dataclass(frozen=True)
class Reading:
    language: str  # "en", "ar", "cmn", …; "" when nothing in the line can be read aloud
    text: str  # what to speak: the line without words of other scripts, emoji or symbols


def script_of(char: str) -> str:
    """The script of a letter ("LATIN", "ARABIC", …); "" for digits, punctuation, symbols."""
    if not char.isalpha():
        return ""
    name = unicodedata.name(char, "")
    return name.split(" ", 1)[0] if name else ""


def read(text: str) -> Reading:
    """The language of `text` and the part of it a voice of that language can read."""
    words = text.split()
    counts: dict[str, int] = {}
    for word in words:
        for char in word:
            script = script_of(char)
            if script:
                key = "JAPANESE" if script in ("HIRAGANA", "KATAKANA") else script
                counts[key] = counts.get(key, 0) + 1
    if not counts:
        return Reading("", "")
    main = max(counts, key=lambda script: counts[script])
    if main == "CJK" and counts.get("JAPANESE"):
        main = "JAPANESE"  # kana beside kanji: Japanese

    def keep(word: str) -> bool:
        scripts = {script_of(c) for c in word} - {""}
        allowed = {"CJK", "HIRAGANA", "KATAKANA"} if main in ("CJK", "JAPANESE") else {main}
        return bool(scripts) and scripts <= allowed or not scripts and any(c.isdigit() for c in word)

    kept = " ".join(_speakable(word) for word in words if keep(word)).strip()
    if not kept:
        return Reading("", "")
    if main == "LATIN":
        return Reading(_latin_language(kept), kept)
    language = "ja" if main == "JAPANESE" else SCRIPTS.get(main, "")
    for hint in _HINTS_FOR.get(language, ()):
        if any(c in _HINTS[hint] for c in kept):
            language = hint
            break
    return Reading(language, kept if language else "")


def _speakable(word: str) -> str:
    # Emoji and other symbols would be read out by name ("party popper"): keep letters,
    # digits, marks (vowel signs, accents) and punctuation.
    return "".join(c for c in word if unicodedata.category(c)[0] in "LNMP" or c in "'’")


def _latin_language(text: str) -> str:
    """English unless another language's words or letters clearly outnumber it."""
    tokens = re.findall(r"[\w'’]+", text.lower())
    scores = {lang: sum(token in vocabulary for token in tokens) for lang, vocabulary in _LATIN_WORDS.items()}
    for lang, letters in _LATIN_LETTERS.items():
        scores[lang] += sum(c in letters for c in text.lower())
    best = max(scores, key=lambda lang: scores[lang])
    if best != "en" and scores[best] >= 2 and scores[best] > scores["en"]:
        return best
    return "en"
