"""What the user hands in is read bounded and checked before any parsing."""

import io
import os
import sys
import threading
import time

import pytest

from onecrew.errors import OnecrewError
from onecrew.parse import parse_script
from onecrew.parse import source
from onecrew.parse.source import MAX_BYTES, SourceText, read_source


def _error(arg: str) -> str:
    with pytest.raises(OnecrewError) as e:
        read_source(arg)
    return e.value.line()


def test_devices_are_refused_without_reading():
    start = time.perf_counter()
    assert _error("/dev/zero") == "/dev/zero: is a device or a socket, not a file"
    assert _error("/dev/urandom") == "/dev/urandom: is a device or a socket, not a file"
    assert time.perf_counter() - start < 1


class _Endless(io.RawIOBase):
    """`yes abc`: a stream that never ends, counting what was taken from it."""

    def __init__(self):
        self.taken = 0

    def readable(self):
        return True

    def readinto(self, b):
        b[:] = b"abc\n" * (len(b) // 4) + b"a" * (len(b) % 4)
        self.taken += len(b)
        return len(b)


def test_stdin_is_read_to_the_limit_and_no_further(monkeypatch):
    endless = _Endless()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(endless)))
    assert _error("-") == "<stdin>: is larger than 50 MB"
    assert endless.taken <= MAX_BYTES + 1 + io.DEFAULT_BUFFER_SIZE


def test_a_pipe_is_read_bounded(tmp_path, monkeypatch):
    monkeypatch.setattr(source, "MAX_BYTES", 1000)  # the same code path, without 50 MB of writing
    fifo = tmp_path / "story"
    os.mkfifo(fifo)

    def writer():
        try:
            with open(fifo, "wb") as f:
                while True:
                    f.write(b"Mara waves. " * 100)
        except BrokenPipeError:
            pass  # the reader stopped at its limit and closed: what we want
    t = threading.Thread(target=writer, daemon=True)
    t.start()
    assert _error(str(fifo)) == f"{fifo}: is larger than 0 MB"
    t.join(5)
    assert not t.is_alive()


def test_a_small_pipe_is_read(tmp_path):
    fifo = tmp_path / "story"
    os.mkfifo(fifo)
    threading.Thread(target=lambda: fifo.write_bytes(b"Mara waves at Ben."), daemon=True).start()
    assert read_source(str(fifo)).text == "Mara waves at Ben."


def test_a_nul_anywhere_is_binary_and_names_its_line(tmp_path):
    f = tmp_path / "story.txt"
    f.write_bytes(b"Mara waves.\n" * 2000 + b"Ben \x00 laughs.\n")  # past the first 8 KB
    assert _error(str(f)) == f"{f}:2001: is a binary file, not text"


def test_other_control_characters_in_a_story_read_as_spaces(tmp_path):
    f = tmp_path / "story.fountain"
    f.write_bytes("INT. ROOM\t- DAY\n\nMara\x1b[31m waves.\x0c\n\nMARA\n(soft\tly)\nHi\x85there.\n".encode())
    text = read_source(str(f)).text
    assert "\x1b" not in text and "\x0c" not in text and "\x85" not in text and "\t" in text
    script = parse_script(read_source(str(f)))
    assert script.scenes[0].heading == "INT. ROOM - DAY"  # the tab: a space on one line


def test_a_control_character_in_a_file_name_is_refused(tmp_path):
    f = tmp_path / "a\nb.txt"
    f.write_text("Mara waves.")
    assert _error(str(f)).endswith(": has a control character in its name: rename the file")


def _parse(text: str, kind: str = "prose", name: str = "s.txt"):
    return parse_script(SourceText(name, text, kind, ""))


@pytest.mark.parametrize("text,kind,expected", [
    ("INT. ROOM - DAY #" + "A" * 40 + "#\n\nMara waves.\n", "fountain",
     "s.txt:1: the scene number 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'... is 40 characters long; at most 16"),
    ("INT. " + "ROOM " * 60 + "- DAY\n\nMara waves.\n", "fountain",
     "s.txt:1: the scene heading 'INT. ROOM ROOM ROOM ROOM ROOM '... is 310 characters long; at most 200"),
    ("INT. ROOM - DAY\n\n" + "MARA" * 40 + "\nHello.\n", "fountain",
     "s.txt:3: the character name 'MARAMARAMARAMARAMARAMARAMARAMA'... is 160 characters long; at most 80"),
])
def test_what_would_not_fit_a_storyboard_names_its_line(text, kind, expected):
    with pytest.raises(OnecrewError) as e:
        _parse(text, kind)
    assert e.value.line() == expected


@pytest.mark.parametrize("size", [20_000, 1_000_000])
def test_a_long_paragraph_parses_in_about_linear_time(size):
    words = "Mara walks to the sea and waves at Ben who laughs "
    start = time.perf_counter()
    _parse((words * (size // len(words) + 1))[:size])
    assert time.perf_counter() - start < (2 if size < 100_000 else 20)  # 1 MB took 3 s here
