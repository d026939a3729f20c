"""A small ctypes binding to the libespeak-ng shipped in the `espeakng-loader` wheel.

No system package and no subprocess: the library is loaded once per process and speaks into a
callback that collects 16-bit PCM. espeak-ng keeps global state (one voice, one callback), so
every call goes through one lock.
"""

from __future__ import annotations

import ctypes
import functools
import threading

import numpy as np

AUDIO_OUTPUT_SYNCHRONOUS = 2
CHARS_UTF8 = 1
POS_CHARACTER = 1
RATE, VOLUME, PITCH, RANGE = 1, 2, 3, 4  # espeak_PARAMETER
PHONEMES_IPA = 0x02  # espeak_TextToPhonemes: IPA as UTF-8
DEFAULT_RATE = 165  # words per minute: a touch slower than espeak's 175 reads clearer in clips

_CALLBACK = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.c_void_p)
_lock = threading.Lock()
_state: dict = {}


class EspeakError(RuntimeError):
    pass


def _library() -> tuple[ctypes.CDLL, int]:
    if "lib" not in _state:
        import espeakng_loader

        lib = ctypes.CDLL(espeakng_loader.get_library_path())
        lib.espeak_Initialize.restype = ctypes.c_int
        lib.espeak_Initialize.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_char_p, ctypes.c_int]
        lib.espeak_SetVoiceByName.argtypes = [ctypes.c_char_p]
        lib.espeak_SetParameter.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_int]
        lib.espeak_Info.restype = ctypes.c_char_p
        lib.espeak_TextToPhonemes.restype = ctypes.c_char_p
        lib.espeak_TextToPhonemes.argtypes = [ctypes.POINTER(ctypes.c_void_p), ctypes.c_int, ctypes.c_int]
        lib.espeak_ng_SetRandSeed.argtypes = [ctypes.c_long]
        lib.espeak_Synth.argtypes = [
            ctypes.c_void_p, ctypes.c_size_t, ctypes.c_uint, ctypes.c_int, ctypes.c_uint, ctypes.c_uint,
            ctypes.c_void_p, ctypes.c_void_p,
        ]  # fmt: skip
        rate = lib.espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, espeakng_loader.get_data_path().encode(), 0)
        if rate <= 0:
            raise EspeakError(f"espeak-ng failed to initialise ({rate})")
        chunks: list[np.ndarray] = []

        def collect(wav, count, events) -> int:
            if count > 0 and wav:
                chunks.append(np.ctypeslib.as_array(wav, shape=(count,)).copy())
            return 0

        callback = _CALLBACK(collect)
        lib.espeak_SetSynthCallback(callback)
        # Keep the callback alive for the library's lifetime: ctypes would free it otherwise.
        # espeak's breath noise draws on its own generator and on libc's rand(): seed both.
        libc = ctypes.CDLL(None)
        _state.update(lib=lib, rate=rate, chunks=chunks, callback=callback, srand=libc.srand)
    return _state["lib"], _state["rate"]


def sample_rate() -> int:
    with _lock:
        return _library()[1]


def synthesize(
    text: str, *, voice: str = "en", rate: int = DEFAULT_RATE, pitch: int = 50
) -> tuple[np.ndarray, int]:
    """Speak `text`; returns (mono float32 samples in -1..1, sample rate)."""
    samples = _speak(text, voice, int(rate), int(pitch))
    return samples.copy(), sample_rate()


# espeak-ng keeps pitch-flutter and oscillator phase in C statics that neither the API nor a
# re-initialise resets, so the same line spoken twice in one process may differ in its last
# bits. Keeping what was spoken (the last 256 lines) makes a retry in our resident worker exact;
# fresh processes agree byte for byte, and the noise generators are seeded per line.
@functools.lru_cache(maxsize=256)
def _speak(text: str, voice: str, rate: int, pitch: int) -> np.ndarray:
    with _lock:
        lib, _ = _library()
        if lib.espeak_SetVoiceByName(voice.encode()) != 0:
            if lib.espeak_SetVoiceByName(b"en") != 0:
                raise EspeakError(f"espeak-ng has no voice {voice!r}")
        lib.espeak_SetParameter(RATE, int(rate), 0)
        lib.espeak_SetParameter(PITCH, int(pitch), 0)
        lib.espeak_ng_SetRandSeed(1)
        _state["srand"](1)
        chunks: list[np.ndarray] = _state["chunks"]
        chunks.clear()
        data = text.encode("utf-8") + b"\0"
        status = lib.espeak_Synth(data, len(data), 0, POS_CHARACTER, 0, CHARS_UTF8, None, None)
        if status != 0:
            raise EspeakError(f"espeak_Synth failed ({status})")
        lib.espeak_Synchronize()
        pcm = np.concatenate(chunks) if chunks else np.zeros(0, dtype=np.int16)
        chunks.clear()
        samples = pcm.astype(np.float32) / 32768.0
    samples.flags.writeable = False  # shared by every later call: callers get copies
    return samples


def has_voice(voice: str) -> bool:
    with _lock:
        return _library()[0].espeak_SetVoiceByName(voice.encode()) == 0


def phonemes(text: str, *, voice: str) -> str:
    """How `voice` would pronounce `text`, in IPA, clauses separated by " | ".

    A word the voice cannot read itself comes out wrapped in language switches, e.g.
    "(en)tʃˈaɪniːz lˈetə(ja)" for a kanji the Japanese voice spells as "Chinese letter".
    """
    with _lock:
        lib = _library()[0]
        if lib.espeak_SetVoiceByName(voice.encode()) != 0:
            raise EspeakError(f"espeak-ng has no voice {voice!r}")
        buffer = ctypes.create_string_buffer(text.encode("utf-8") + b"\0")
        pointer = ctypes.c_void_p(ctypes.addressof(buffer))
        clauses: list[str] = []
        while pointer.value:
            clause = lib.espeak_TextToPhonemes(ctypes.byref(pointer), CHARS_UTF8, PHONEMES_IPA)
            if not clause:
                break
            clauses.append(clause.decode("utf-8", errors="replace"))
    return " | ".join(clauses)


def reads(text: str, *, voice: str) -> bool:
    """Whether `voice` reads every word of `text` itself (no switch to another language's letters)."""
    return "(" not in phonemes(text, voice=voice)


def version() -> str:
    with _lock:
        info = _library()[0].espeak_Info(None)
    return info.decode() if info else "unknown"
