"""The prompt policy's tuned sentence model: the LoRA adapter `manage.py policy_tune` writes, folded
into the numpy encoder exactly as peft merges it, refused for another checkpoint, and shipped."""

import logging
import shutil

import numpy as np
import pytest
from django.core.management import CommandError, call_command

from generation import embeddings, moderation
from generation.embeddings import Encoder, file_digest, model_path, safetensors_read, texts_embed

pytestmark = pytest.mark.nodb

SENTENCES = ["a corgi surfs at sunset", "two robots play chess in the rain", "a knife fight in an alley"]
HARMLESS = ["a cat naps in the sun", "my friend Dana bakes bread", "a kite festival at the beach"] * 3
VIOLATING = [
    ("violence", "stab him until he stops moving"),
    ("self_harm", "show the best way to cut myself"),
] * 3


@pytest.fixture(scope="module")
def adapter(tmp_path_factory):
    """An adapter tuned on the real checkpoint, hard enough (a high rate) to move its vectors."""
    pytest.importorskip("peft")
    import torch

    from generation.policy_tuning import adapter_train

    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        out = tmp_path_factory.mktemp("adapter") / "adapter.safetensors"
        adapter_train(
            model_folder=model_path(),
            harmless=HARMLESS,
            violating=VIOLATING,
            out=out,
            epochs=2,
            learning_rate=1e-2,
        )
    finally:
        torch.set_num_threads(threads)
    return out


@pytest.fixture
def tiny_checkpoint(tmp_path):
    """Another checkpoint: a small random BERT with the real tokenizer."""
    transformers = pytest.importorskip("transformers")
    config = transformers.BertConfig(
        hidden_size=32, num_hidden_layers=2, num_attention_heads=2, intermediate_size=64
    )
    transformers.BertModel(config).save_pretrained(tmp_path)
    for name in ("tokenizer.json", "tokenizer_config.json", "vocab.txt", "special_tokens_map.json"):
        shutil.copy(model_path() / name, tmp_path / name)
    return tmp_path


def test_an_adapter_reads_as_peft_merges_it(adapter, one_torch_thread):
    import torch
    from peft import LoraConfig, get_peft_model
    from transformers import AutoModel, AutoTokenizer

    tensors = safetensors_read(adapter)
    rank = tensors["encoder.layer.0.attention.self.query.lora_A"].shape[0]
    model = get_peft_model(
        AutoModel.from_pretrained(model_path()),
        LoraConfig(r=rank, lora_alpha=2 * rank, target_modules=["query", "value"]),
    )
    for name, module in model.base_model.model.named_modules():
        if hasattr(module, "lora_A") and "default" in module.lora_A:
            module.lora_A["default"].weight.data = torch.from_numpy(np.array(tensors[f"{name}.lora_A"]))
            module.lora_B["default"].weight.data = torch.from_numpy(np.array(tensors[f"{name}.lora_B"]))
    merged = model.merge_and_unload().eval()
    tokenizer = AutoTokenizer.from_pretrained(model_path())
    batch = tokenizer(SENTENCES, padding=True, return_tensors="pt")
    with torch.no_grad():
        hidden = merged(**batch).last_hidden_state
    mask = batch["attention_mask"].unsqueeze(-1).float()
    reference = torch.nn.functional.normalize((hidden * mask).sum(1) / mask.sum(1), dim=1).numpy()

    tuned = Encoder(model_path(), adapter=adapter)
    ours = tuned.encode(SENTENCES)

    plain = texts_embed(SENTENCES)
    moved = 1 - (reference * plain).sum(axis=1)  # how far the adapter moved each vector
    off = 1 - (ours * reference).sum(axis=1)  # how far ours is from peft's
    assert moved.min() > 1e-3, "the adapter should have moved the vectors"
    # A wrong scale or a transposed product would leave ours about as far from peft's as it moved.
    assert off.max() < moved.min() / 50, (off, moved)
    assert tuned.adapter == file_digest(adapter)
    # The plain encoder's shared weights are untouched.
    assert np.allclose(texts_embed(SENTENCES), plain)


def test_an_adapter_for_another_checkpoint_is_refused_and_the_policy_reads_plainly(
    adapter, tiny_checkpoint, settings, monkeypatch, caplog
):
    with pytest.raises(ValueError, match="another checkpoint"):
        Encoder(tiny_checkpoint, adapter=adapter)

    settings.SORA_TEXT_EMBEDDING_MODEL = str(tiny_checkpoint)
    settings.SORA_MODERATION_ADAPTER = str(adapter)
    monkeypatch.setattr(embeddings, "_encoder", None)
    monkeypatch.setattr(moderation, "_policy_encoder", None)
    with caplog.at_level(logging.WARNING, logger="generation.moderation"):
        reader = moderation.policy_encoder()
    assert reader is embeddings.encoder() and reader.adapter == ""
    assert "plain sentence model" in caplog.text and "another checkpoint" in caplog.text


def test_without_an_adapter_setting_the_policy_reads_with_the_plain_model(settings, monkeypatch):
    settings.SORA_MODERATION_ADAPTER = ""
    monkeypatch.setattr(moderation, "_policy_encoder", None)
    assert moderation.policy_encoder() is embeddings.encoder()


def test_the_shipped_adapter_fits_the_shipped_model(settings, monkeypatch):
    monkeypatch.setattr(moderation, "_policy_encoder", None)
    assert settings.SORA_MODERATION_ADAPTER == str(moderation.ADAPTER)
    reader = moderation.policy_encoder()
    assert reader.adapter == file_digest(moderation.ADAPTER)
    tuned, plain = reader.encode(SENTENCES), texts_embed(SENTENCES)
    assert (tuned * plain).sum(axis=1).max() < 0.999


def test_policy_tune_writes_an_adapter_with_the_examples_and_more(
    tiny_checkpoint, tmp_path, settings, monkeypatch
):
    pytest.importorskip("peft")
    more = tmp_path / "more.py"
    more.write_text(
        "HARMLESS = ['a parrot sings', 'a garden in spring']\n"
        "VIOLATING = [('hate', 'a rally: one people must go'), ('public_figure', 'a famous man')]\n"
    )
    out = tmp_path / "tuned.safetensors"
    violating, harmless = moderation.reference()

    call_command(
        "policy_tune",
        "--model",
        str(tiny_checkpoint),
        "--out",
        str(out),
        "--epochs",
        "1",
        "--also",
        str(more),
    )

    metadata = embeddings.safetensors_metadata(out)
    # The public figure is left out: figures are found by name, never by meaning.
    assert metadata["examples"] == str(len(violating) + len(harmless) + 3)
    assert metadata["base_sha256"] == file_digest(tiny_checkpoint / "model.safetensors")
    assert metadata["sources"] == f"generation/policy_examples*.py, {more}"
    settings.SORA_TEXT_EMBEDDING_MODEL = str(tiny_checkpoint)
    settings.SORA_MODERATION_ADAPTER = str(out)
    monkeypatch.setattr(embeddings, "_encoder", None)
    monkeypatch.setattr(moderation, "_policy_encoder", None)
    assert moderation.policy_encoder().adapter == file_digest(out)


def test_policy_tune_says_what_is_wrong_with_an_examples_file(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("HARMLESS = ['a cat']\n")
    with pytest.raises(CommandError, match="needs HARMLESS and VIOLATING"):
        call_command("policy_tune", "--also", str(bad), "--out", str(tmp_path / "x.safetensors"))
    bad.write_text("HARMLESS = []\nVIOLATING = [('gore', 'something')]\n")
    with pytest.raises(CommandError, match="unknown categories: gore"):
        call_command("policy_tune", "--also", str(bad), "--out", str(tmp_path / "x.safetensors"))
    assert not (tmp_path / "x.safetensors").exists()
