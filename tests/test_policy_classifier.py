"""The meaning reader's classifier: the fit kept for every process, and the one shipped for a fresh
install (the rest of the prompt policy: test_moderation.py). Apart, so that its minute of
embedding the examples starts at once beside the other tests instead of after them."""

from pathlib import Path

import pytest


@pytest.fixture(scope="module")
def policy_cache(tmp_path_factory) -> Path:
    """One cache folder for the tests below: the examples' vectors (over a minute to make) are made
    once, not once per test; what each test checks is the classifier's own file."""
    return tmp_path_factory.mktemp("policy-cache")


@pytest.mark.nodb  # the other process reads prompts with no figures: no database
def test_the_kept_classifier_reads_as_scikit_learns_and_is_fitted_once_for_all_processes(
    settings, policy_cache
):
    import os
    import subprocess
    import sys

    import numpy as np
    from sklearn.linear_model import LogisticRegression

    from generation import moderation
    from generation.embeddings import texts_embed

    settings.SORA_CACHE_DIR = str(policy_cache)
    moderation.classifier.cache_clear()
    moderation.reference_vectors.cache_clear()
    shipped, moderation.SHIPPED_CLASSIFIER = moderation.SHIPPED_CLASSIFIER, policy_cache / "none.npz"
    try:
        kept = moderation.classifier()
        (path,) = policy_cache.glob("policy-classifier-*.npy")
        violating, v, h = moderation.reference_vectors()
        labels = [c for c, _ in violating] + ["ok"] * len(h)
        fitted = LogisticRegression(C=moderation.CLASSIFIER_C, max_iter=5000).fit(np.vstack([v, h]), labels)
        prompts = ["a man stabs a stranger in an alley", "a corgi surfs a wave", "my friend Sam's birthday"]
        for vector in texts_embed(prompts):
            expected = fitted.predict_proba(vector[None, :])[0]
            assert np.allclose(kept.probabilities(vector), expected, atol=1e-6)

        # Another process loads the kept weights: no fit, and scikit-learn is never imported.
        script = (
            "import django, pathlib, sys; django.setup()\n"
            "from generation import moderation\n"
            "from generation.moderation import prompt_check\n"
            "moderation.SHIPPED_CLASSIFIER = pathlib.Path('/nonexistent/policy_classifier.npz')\n"
            "verdict = prompt_check('a corgi surfs a wave at sunset')\n"
            "print(verdict.reason.startswith('its meaning'), 'sklearn' in sys.modules)\n"
        )
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "sora.settings", "SORA_CACHE_DIR": str(policy_cache)}
        command = [sys.executable, "-c", script]
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=True, timeout=120)
        assert done.stdout.split()[-2:] == ["True", "False"], done.stdout + done.stderr
        assert list(policy_cache.glob("policy-classifier-*.npy")) == [path]
    finally:
        moderation.SHIPPED_CLASSIFIER = shipped
        moderation.classifier.cache_clear()
        moderation.reference_vectors.cache_clear()


@pytest.mark.nodb  # reads files and vectors only: CI runs it once, with the embedded defaults
def test_the_shipped_classifier_is_current_and_a_fresh_install_reads_with_it_at_once(
    settings, tmp_path, policy_cache
):
    import numpy as np

    from generation import moderation

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
    # It reads as a fit made here from the same examples (within what lbfgs's stopping tolerance
    # leaves between two fits of vectors made in other batches: about a thousandth).
    settings.SORA_CACHE_DIR = str(policy_cache)
    fresh = moderation.Classifier(classes, moderation.classifier_fit(classes))
    prompts = ["a man stabs a stranger in an alley", "a corgi surfs a wave", "my friend Sam's birthday"]
    shipped_reader = moderation.Classifier(classes, weights)
    for vector in moderation.policy_encoder().encode([moderation.meaning_text(p) for p in prompts]):
        assert np.allclose(shipped_reader.probabilities(vector), fresh.probabilities(vector), atol=5e-3)
