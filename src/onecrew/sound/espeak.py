"""eSpeak NG through ctypes, on the library and data `espeakng_loader` ships.

Synchronous synthesis: a callback collects the 22.05 kHz PCM and the word and phoneme events
(IPA names) with their sample offsets. eSpeak keeps global state, so one lock serialises every
call in the process.
"""

from __future__ import annotations

import _ctypes
import ctypes
import os
import shutil
import tempfile
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterator

import numpy as np

from ..errors import OnecrewError

_OUTPUT_SYNCHRONOUS = 2
_PHONEME_EVENTS, _PHONEME_IPA = 0x1, 0x2
_CHARS_UTF8 = 1
_EV_WORD, _EV_PHONEME, _EV_END = 1, 7, 5
RATE, VOLUME, PITCH, RANGE = 1, 2, 3, 4


class _Id(ctypes.Union):
    _fields_ = [("number", ctypes.c_int), ("name", ctypes.c_char_p), ("string", ctypes.c_char * 8)]


class _Event(ctypes.Structure):
    _fields_ = [("type", ctypes.c_int), ("unique_identifier", ctypes.c_uint),
                ("text_position", ctypes.c_int), ("length", ctypes.c_int),
                ("audio_position", ctypes.c_int), ("sample", ctypes.c_int),
                ("user_data", ctypes.c_void_p), ("id", _Id)]


_Callback = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int,
                             ctypes.POINTER(_Event))


@dataclass(frozen=True)
class Event:
    kind: str  # "word" or "phoneme"
    sample: int  # at the engine's rate
    position: int  # character position in the text, from 1
    length: int  # characters (words only)
    name: str  # IPA (phonemes only)


@dataclass(frozen=True)
class Raw:
    pcm: np.ndarray  # int16 at `rate`
    rate: int
    events: tuple[Event, ...]


class Library:
    """The process's eSpeak NG.

    eSpeak keeps synthesis state in C statics (glottal phase, gain control, pitch flutter) that
    carry over from one utterance to the next, so the same text would not give the same samples
    twice. Each utterance therefore loads a private copy of the library afresh, and unloads it
    after: about a millisecond, and every line is a pure function of its text and voice.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._fd: int | None = None  # the library's image in memory, see _image
        self._pid = 0
        self.rate = 0
        self.version = ""
        self._pcm: list[np.ndarray] = []
        self._events: list[Event] = []
        self._callback = _Callback(self._collect)  # kept alive as long as the library

    def _paths(self) -> tuple[str, str]:
        try:
            import espeakng_loader
            return espeakng_loader.get_library_path(), espeakng_loader.get_data_path()
        except (ImportError, RuntimeError) as e:
            raise OnecrewError(f"eSpeak NG is not available ({e}): reinstall onecrew") from None

    def _image(self, source: str) -> int | None:
        """This process's copy of the library as an anonymous memory file (Linux), or None.

        A memory file has no name in any folder, so a render killed by any signal, SIGKILL
        included, leaves nothing behind (a temporary folder with a copy in it used to leak
        on every kill). A forked child makes its own: its parent's descriptor may be closed."""
        if self._pid == os.getpid():
            return self._fd
        fd = None
        if hasattr(os, "memfd_create") and os.path.isdir("/proc/self/fd"):
            try:
                fd = os.memfd_create("onecrew-espeak")  # close-on-exec: no program inherits it
                with open(source, "rb") as src, open(fd, "wb", closefd=False) as dst:
                    shutil.copyfileobj(src, dst)
            except OSError:
                if fd is not None:
                    os.close(fd)
                fd = None
        self._fd, self._pid = fd, os.getpid()
        return fd

    def _open(self) -> tuple[ctypes.CDLL, str]:
        source, data = self._paths()
        try:
            fd = self._image(source)
            if fd is not None:
                return ctypes.CDLL(f"/proc/self/fd/{fd}"), data
            # No memory files: a copy in a folder of its own that is removed as soon as the
            # library is mapped (an open mapping outlives its file), so only a kill in that
            # millisecond could leave it; the next load copies afresh.
            folder = tempfile.mkdtemp(prefix="onecrew-espeak-")
            try:
                path = os.path.join(folder, "libespeak-ng.so")
                shutil.copyfile(source, path)
                return ctypes.CDLL(path), data
            finally:
                shutil.rmtree(folder, ignore_errors=True)
        except OSError as e:
            raise OnecrewError(f"eSpeak NG could not be loaded: {e}") from None

    @contextmanager
    def _loaded(self) -> Iterator[ctypes.CDLL]:
        lib, data = self._open()
        try:
            lib.espeak_Initialize.restype = ctypes.c_int
            lib.espeak_Info.restype = ctypes.c_char_p
            lib.espeak_SetVoiceByName.argtypes = [ctypes.c_char_p]
            lib.espeak_SetParameter.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_int]
            lib.espeak_ng_SetRandSeed.argtypes = [ctypes.c_long]
            lib.espeak_Synth.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_uint, ctypes.c_int,
                                         ctypes.c_uint, ctypes.c_uint, ctypes.c_void_p, ctypes.c_void_p]
            rate = lib.espeak_Initialize(_OUTPUT_SYNCHRONOUS, 0, data.encode(),
                                         _PHONEME_EVENTS | _PHONEME_IPA)
            if rate <= 0:
                raise OnecrewError("eSpeak NG failed to start: its data folder is missing or broken")
            lib.espeak_SetSynthCallback(self._callback)
            self.rate, self.version = rate, (lib.espeak_Info(None) or b"").decode()
            yield lib
        finally:
            try:
                lib.espeak_Terminate()
            finally:
                _ctypes.dlclose(lib._handle)

    def start(self) -> None:
        """Load once to learn the rate and version."""
        with self._lock, self._loaded():
            pass

    def _collect(self, wav, n, events) -> int:
        if n > 0 and wav:
            self._pcm.append(np.ctypeslib.as_array(wav, (n,)).copy())
        i = 0
        while events[i].type != 0:
            e = events[i]
            if e.type == _EV_WORD:
                self._events.append(Event("word", e.sample, e.text_position, e.length, ""))
            elif e.type == _EV_PHONEME:
                name = bytes(e.id.string).split(b"\0")[0].decode("utf-8", "replace")
                self._events.append(Event("phoneme", e.sample, e.text_position, 0, name))
            i += 1
        return 0

    def synth(self, text: str, variant: str, params: dict[int, int], seed: int = 1) -> Raw:
        with self._lock, self._loaded() as lib:
            if lib.espeak_SetVoiceByName(variant.encode()) != 0:
                raise OnecrewError(f"eSpeak NG has no voice {variant!r}")
            for key, value in params.items():
                lib.espeak_SetParameter(key, int(value), 0)
            lib.espeak_ng_SetRandSeed(seed)  # breath noise is pseudo-random
            self._pcm, self._events = [], []
            data = text.encode("utf-8") + b"\0"
            buf = ctypes.create_string_buffer(data, len(data))
            status = lib.espeak_Synth(buf, len(data), 0, 1, 0, _CHARS_UTF8, None, None)
            if status != 0:
                raise OnecrewError(f"eSpeak NG could not speak {text[:40]!r} (status {status})")
            pcm = np.concatenate(self._pcm) if self._pcm else np.zeros(0, np.int16)
            events, self._pcm, self._events = tuple(self._events), [], []
            return Raw(pcm, self.rate, events)


LIBRARY = Library()
