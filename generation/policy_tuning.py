"""Tuning the prompt policy's sentence model on its examples: a LoRA adapter for all-MiniLM-L6-v2.

The policy's classifier reads sentence vectors. With the plain model's vectors it learnt the
examples well and carried over to prompts by new writers much less well; tuning a low-rank
adapter on the attention's query and value layers, with a classification head on the pooled
vector as the web process pools it, moved the vectors themselves toward what the policy cares
about (docs/performance.md#the-prompt-policy). Only the adapter is kept (about 300 KB for rank
8); generation/embeddings.py folds it into the weights, so reading a prompt costs what it did.

Needs torch, transformers and peft, which `make test` installs and `make run` does not: the adapter
is made once, by whoever changes the examples, and shipped beside them.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Sequence
from pathlib import Path

logger = logging.getLogger(__name__)

TARGETS = ("query", "value")
SCALE_PER_RANK = 2.0  # lora_alpha = 2 * rank, as LoRA's authors used


def adapter_train(
    *,
    model_folder: Path,
    harmless: Sequence[str],
    violating: Sequence[tuple[str, str]],
    out: Path,
    epochs: int = 4,
    rank: int = 8,
    learning_rate: float = 5e-4,
    seed: int = 0,
    sources: Sequence[str] = (),
) -> dict[str, float]:
    """Fit the adapter (and a head it is then thrown away with) on the examples and write it to
    `out` as safetensors: for each tuned layer `<module>.lora_A` (rank, in) and `<module>.lora_B`
    (out, rank), and in the metadata the scale, the sha256 of the checkpoint it was tuned for and
    `sources` (where the examples came from, for whoever reads the file later).
    Returns the last epoch's mean loss, the number of examples and the seconds taken."""
    import torch
    from peft import LoraConfig, get_peft_model
    from safetensors.numpy import save_file
    from transformers import AutoModel, AutoTokenizer

    from .embeddings import file_digest
    from .moderation import meaning_text

    started = time.monotonic()
    random.seed(seed)
    torch.manual_seed(seed)
    tokenizer = AutoTokenizer.from_pretrained(model_folder)
    model = get_peft_model(
        AutoModel.from_pretrained(model_folder),
        LoraConfig(r=rank, lora_alpha=SCALE_PER_RANK * rank, lora_dropout=0.1, target_modules=list(TARGETS)),
    )
    # Read as the policy reads them (generation.moderation.meaning_text: @handles as names).
    texts = [meaning_text(text) for text in (*harmless, *(prompt for _, prompt in violating))]
    labels = ["ok"] * len(harmless) + [category for category, _ in violating]
    classes = sorted(set(labels))
    targets = torch.tensor([classes.index(label) for label in labels])
    head = torch.nn.Linear(model.config.hidden_size, len(classes))
    trained = [p for p in model.parameters() if p.requires_grad] + list(head.parameters())
    optimizer = torch.optim.AdamW(trained, lr=learning_rate, weight_decay=0.01)
    batch = 32
    steps = epochs * -(-len(texts) // batch)
    schedule = torch.optim.lr_scheduler.OneCycleLR(
        optimizer, max_lr=learning_rate, total_steps=steps, pct_start=0.1
    )

    def pooled(chunk: list[str]) -> torch.Tensor:
        # As the web process reads a prompt: mean over the tokens, then unit length.
        encoded = tokenizer(chunk, padding=True, truncation=True, max_length=256, return_tensors="pt")
        hidden = model(**encoded).last_hidden_state
        mask = encoded["attention_mask"].unsqueeze(-1).float()
        return torch.nn.functional.normalize((hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9), dim=-1)

    # Batches of prompts of about one length, as transformers' Trainer does with group_by_length:
    # a batch is padded to its longest prompt, and a paragraph in a batch of fragments made every
    # step cost what a batch of paragraphs does (three times the time per epoch).
    lengths = [len(ids) for ids in tokenizer(texts, truncation=True, max_length=256)["input_ids"]]

    def batches() -> list[torch.Tensor]:
        order = torch.randperm(len(texts)).tolist()
        mega = batch * 50
        groups = [sorted(order[i : i + mega], key=lambda j: -lengths[j]) for i in range(0, len(order), mega)]
        out = [torch.tensor(g[i : i + batch]) for g in groups for i in range(0, len(g), batch)]
        return [out[i] for i in torch.randperm(len(out)).tolist()]

    loss_mean = 0.0
    for epoch in range(epochs):
        model.train()
        total = 0.0
        for picked in batches():
            # Unit vectors give logits in [-|w|, |w|]: a temperature lets the head be confident.
            logits = head(pooled([texts[i] for i in picked]) * 20.0)
            loss = torch.nn.functional.cross_entropy(logits, targets[picked])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            schedule.step()
            total += loss.item() * len(picked)
        loss_mean = total / len(texts)
        logger.info("policy adapter: epoch %d of %d, loss %.4f", epoch + 1, epochs, loss_mean)

    tensors, scale = {}, None
    for name, module in model.base_model.model.named_modules():
        if hasattr(module, "lora_A") and "default" in module.lora_A:
            tensors[f"{name}.lora_A"] = module.lora_A["default"].weight.detach().numpy().copy()
            tensors[f"{name}.lora_B"] = module.lora_B["default"].weight.detach().numpy().copy()
            scale = float(module.scaling["default"])
    out.parent.mkdir(parents=True, exist_ok=True)
    metadata = {
        "base_sha256": file_digest(Path(model_folder) / "model.safetensors"),
        "scale": repr(scale),
        "rank": str(rank),
        "epochs": str(epochs),
        "examples": str(len(texts)),
        "sources": ", ".join(sources),
    }
    save_file(tensors, str(out), metadata=metadata)
    return {"loss": loss_mean, "examples": float(len(texts)), "seconds": time.monotonic() - started}
