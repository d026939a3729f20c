"""The meaning reader's classifier: the fit kept for every process, and the one shipped for a fresh
install (the rest of the prompt policy: test_moderation.py).

Reading all ~12,000 examples takes minutes of CPU, so neither test does: the fitting and keeping
are checked on a sample of the examples (the mechanism does not depend on how many), and the
shipped fit by its key, which digests everything a fit depends on, plus how it reads a sample of
the examples. `manage.py policy_classifier` refits on them all.
"""

import json
import os
import random
import subprocess
import sys

import numpy as np
import pytest

from generation import moderation

SAMPLE = 300  # examples of each side


def examples_sample(seed: int = 7) -> tuple[list[tuple[str, str]], list[str]]:
    violating, harmless = moderation.reference()
    rng = random.Random(seed)
    return rng.sample(violating, SAMPLE), rng.sample(harmless, SAMPLE)


@pytest.mark.nodb  # the other process reads prompts with no figures: no database
def test_the_kept_classifier_reads_as_scikit_learns_and_is_fitted_once_for_all_processes(
    settings, tmp_path, monkeypatch
):
    from sklearn.linear_model import LogisticRegression

    from generation.embeddings import texts_embed

    sample = examples_sample()
    (tmp_path / "examples.json").write_text(json.dumps(sample))  # for the other process
    monkeypatch.setattr(moderation, "reference", lambda: sample)
    settings.SORA_CACHE_DIR = str(tmp_path / "cache")
    moderation.classifier.cache_clear()
    moderation.reference_vectors.cache_clear()
    shipped, moderation.SHIPPED_CLASSIFIER = moderation.SHIPPED_CLASSIFIER, tmp_path / "none.npz"
    try:
        kept = moderation.classifier()
        (path,) = (tmp_path / "cache").glob("policy-classifier-*.npy")
        violating, v, h = moderation.reference_vectors()
        assert len(v) == len(h) == SAMPLE
        labels = [c for c, _ in violating] + ["ok"] * len(h)
        fitted = LogisticRegression(C=moderation.CLASSIFIER_C, max_iter=5000).fit(np.vstack([v, h]), labels)
        prompts = ["a man stabs a stranger in an alley", "a corgi surfs a wave", "my friend Sam's birthday"]
        for vector in texts_embed(prompts):
            expected = fitted.predict_proba(vector[None, :])[0]
            assert np.allclose(kept.probabilities(vector), expected, atol=1e-6)

        # Another process (with the same examples) loads the kept weights: no fit, and
        # scikit-learn is never imported.
        examples = tmp_path / "examples.json"
        script = (
            "import django, json, pathlib, sys; django.setup()\n"
            "from generation import moderation\n"
            "from generation.moderation import prompt_check\n"
            f"violating, harmless = json.loads(pathlib.Path({str(examples)!r}).read_text())\n"
            "moderation.reference = lambda: ([tuple(e) for e in violating], harmless)\n"
            "moderation.SHIPPED_CLASSIFIER = pathlib.Path('/nonexistent/policy_classifier.npz')\n"
            "verdict = prompt_check('a corgi surfs a wave at sunset')\n"
            "print(verdict.reason.startswith('its meaning'), 'sklearn' in sys.modules)\n"
        )
        env = dict(os.environ, DJANGO_SETTINGS_MODULE="sora.settings", SORA_CACHE_DIR=settings.SORA_CACHE_DIR)
        command = [sys.executable, "-c", script]
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=True, timeout=120)
        assert done.stdout.split()[-2:] == ["True", "False"], done.stdout + done.stderr
        assert list((tmp_path / "cache").glob("policy-classifier-*.npy")) == [path]
    finally:
        moderation.SHIPPED_CLASSIFIER = shipped
        moderation.classifier.cache_clear()
        moderation.reference_vectors.cache_clear()


@pytest.mark.nodb  # reads files and vectors only: CI runs it once, with the embedded defaults
def test_the_shipped_classifier_is_current_and_a_fresh_install_reads_with_it_at_once(settings, tmp_path):
    # The key digests C, the adapter (which names the checkpoint it was tuned on) and every example.
    classes, key = moderation._classifier_key()
    with np.load(moderation.SHIPPED_CLASSIFIER, allow_pickle=False) as shipped:
        assert str(shipped["key"]) == key, "the examples or adapter changed: run manage.py policy_classifier"
        weights = shipped["weights"]
    settings.SORA_CACHE_DIR = str(tmp_path)
    moderation.classifier.cache_clear()
    try:
        assert np.array_equal(moderation.classifier().weights, weights)
        assert list(tmp_path.iterdir()) == []  # nothing fitted, nothing kept
    finally:
        moderation.classifier.cache_clear()

    # And the weights are a fit of these examples in this class order: they read a sample of them
    # as labelled about as often as on the whole set (87% here: 300 of each side), where the same
    # weights with their classes shifted by one read 1.5% right.
    violating, harmless = examples_sample()
    labelled = violating + [("ok", text) for text in harmless]
    vectors = moderation.policy_encoder().encode([moderation.meaning_text(text) for _, text in labelled])
    for rows, least, most in ((weights, 0.8, 1.0), (np.roll(weights, 1, axis=0), 0.0, 0.1)):
        reader = moderation.Classifier(classes, rows)
        read = [classes[int(np.argmax(reader.probabilities(vector)))] for vector in vectors]
        right = np.mean([label == category for label, (category, _) in zip(read, labelled, strict=True)])
        assert least <= right <= most, right
