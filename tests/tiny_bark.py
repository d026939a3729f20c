"""A tiny random Bark (1 layer, hidden 16) with the real token-id layout, built offline.

Bark's three GPTs share one id space with fixed offsets baked into transformers' generation
code (text ids + 10,048, a text pad of 129,595, an infer token of 129,599, coarse codes after
10,000 semantic ids, ...), so the vocabularies keep their real sizes while everything else
shrinks. The tokenizer is a BertTokenizerFast over a small character-level WordPiece vocab:
Bark uses bert-base-multilingual-cased ids, and any id below its 119,547 fits the layout.
Its speech is noise, which is all the tests need: real loading, generation and timing code.
"""

from __future__ import annotations

import json
import string
from pathlib import Path

import numpy as np

SEMANTIC_VOCAB = 10_000  # semantic token ids; eos/pad is 10,000
CODEBOOK_SIZE = 1024
PRESETS = ("v2/en_speaker_0", "v2/en_speaker_1")


def build_tiny_bark(folder: Path, *, presets: tuple[str, ...] = PRESETS) -> Path:
    """Save a tiny random BarkModel and its BarkProcessor in `folder`; return it."""
    import torch
    from transformers import (
        BarkCoarseConfig,
        BarkConfig,
        BarkFineConfig,
        BarkModel,
        BarkProcessor,
        BarkSemanticConfig,
        BertTokenizerFast,
        EncodecConfig,
    )
    from transformers.models.bark.generation_configuration_bark import (
        BarkCoarseGenerationConfig,
        BarkFineGenerationConfig,
        BarkSemanticGenerationConfig,
    )

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    small = {"num_layers": 1, "num_heads": 2, "hidden_size": 16, "block_size": 1024}
    config = BarkConfig(
        semantic_config=BarkSemanticConfig(input_vocab_size=129_600, output_vocab_size=10_048, **small),
        coarse_acoustics_config=BarkCoarseConfig(input_vocab_size=12_096, output_vocab_size=12_096, **small),
        fine_acoustics_config=BarkFineConfig(
            input_vocab_size=1056, output_vocab_size=1056, n_codes_total=8, n_codes_given=1, **small
        ),
        # 24 kHz with a hop of 8·5·4·2 = 320 samples gives Bark's 75 codec frames a second;
        # 6 kbps at that rate is the 8 codebooks the fine model fills.
        codec_config=EncodecConfig(
            sampling_rate=24_000,
            target_bandwidths=[6.0],
            codebook_size=CODEBOOK_SIZE,
            hidden_size=16,
            num_filters=4,
            num_lstm_layers=1,
            upsampling_ratios=[8, 5, 4, 2],
        ),
    )
    torch.manual_seed(0)
    model = BarkModel(config).eval()
    model.save_pretrained(folder)
    # The nested generation config the hub checkpoints ship: BarkModel.generate reads its three
    # sub-configs from it. Written as JSON because BarkGenerationConfig cannot save itself here.
    nested = {
        "semantic_config": BarkSemanticGenerationConfig().to_diff_dict(),
        "coarse_acoustics_config": BarkCoarseGenerationConfig().to_diff_dict(),
        "fine_acoustics_config": BarkFineGenerationConfig().to_diff_dict(),
        "sample_rate": 24_000,
        "codebook_size": CODEBOOK_SIZE,
    }
    (folder / "generation_config.json").write_text(json.dumps(nested, indent=2), encoding="utf-8")

    vocab = {token: index for index, token in enumerate(_vocab())}
    tokenizer = BertTokenizerFast(vocab=vocab, do_lower_case=False)
    BarkProcessor(tokenizer=tokenizer).save_pretrained(folder)
    if presets:
        _write_presets(folder, presets)
    return folder


def _vocab() -> list[str]:
    specials = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
    chars = string.ascii_letters + string.digits + string.punctuation + "♪¡¿éèàçñü"
    return specials + list(chars) + [f"##{char}" for char in chars]


def _write_presets(folder: Path, presets: tuple[str, ...]) -> None:
    """Random speaker prompts in the layout BarkProcessor reads (speaker_embeddings_path.json)."""
    rng = np.random.default_rng(0)
    index: dict[str, dict[str, str]] = {"repo_or_path": str(folder)}
    for preset in presets:
        arrays = {
            "semantic_prompt": rng.integers(0, SEMANTIC_VOCAB, 60),
            "coarse_prompt": rng.integers(0, CODEBOOK_SIZE, (2, 90)),
            "fine_prompt": rng.integers(0, CODEBOOK_SIZE, (8, 90)),
        }
        index[preset] = {}
        for key, array in arrays.items():
            relative = f"speaker_embeddings/{preset}_{key}.npy"
            (folder / relative).parent.mkdir(parents=True, exist_ok=True)
            np.save(folder / relative, array.astype(np.int64), allow_pickle=False)
            index[preset][key] = relative
    (folder / "speaker_embeddings_path.json").write_text(json.dumps(index), encoding="utf-8")
