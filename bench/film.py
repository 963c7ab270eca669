"""Film benchmarks (issue 3): each prints a ratio of two measurements taken in this run.

1. real-time factor of the demo film at 1280x720, 24 fps (target >= 10x);
2. the whole pipeline vs a bare encode of the same number of frames, same settings, same
   number of processes (target <= 1.5x);
3. peak memory of a ~10-minute film vs a ~1-minute film (target <= 1.2x);
4. our assembly vs a moviepy assembly of the same shot clips, audio and subtitles (target >= 5x).

`python bench/film.py [--skip-memory] [--skip-moviepy]`
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
from multiprocessing import get_context
from pathlib import Path

import av
import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
ONECREW = str(Path(sys.executable).parent / "onecrew")


def tree_rss(pid: int) -> int:
    """Resident memory of a process and all its descendants, in bytes."""
    total, todo = 0, [pid]
    children: dict[int, list[int]] = {}
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                ppid = int(open(f"/proc/{d}/stat").read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError):
                continue
            children.setdefault(ppid, []).append(int(d))
    while todo:
        p = todo.pop()
        todo += children.get(p, [])
        try:
            for line in open(f"/proc/{p}/status"):
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
        except OSError:
            pass
    return total


def run_make(story: Path, out: Path, *extra: str) -> tuple[float, int]:
    """Wall seconds and the peak summed RSS of the process tree (sampled every 50 ms)."""
    t = time.perf_counter()
    proc = subprocess.Popen([ONECREW, "make", str(story), "-o", str(out), "-q", *extra])
    peak = 0
    while proc.poll() is None:
        peak = max(peak, tree_rss(proc.pid))
        time.sleep(0.05)
    wall = time.perf_counter() - t
    if proc.returncode:
        sys.exit(f"onecrew make failed on {story}")
    return wall, peak


def film_frames(out: Path) -> tuple[int, int]:
    with av.open(str(out / "film.mp4")) as c:
        v = c.streams.video[0]
        return v.frames, int(v.average_rate)


_SAMPLE: np.ndarray | None = None  # set before the pool forks: the children inherit it unpickled


def _encode_part(args) -> float:
    from onecrew.media.video import VideoWriter
    path, n, fps = args
    frames = _SAMPLE
    h, w = frames.shape[1:3]
    t = time.perf_counter()
    with VideoWriter(Path(path), w, h, fps) as out:
        for i in range(n):
            out.write(frames[i % len(frames)])
    return time.perf_counter() - t


def bare_encode(sample: np.ndarray, n: int, fps: int, workers: int, tmp: Path) -> float:
    """Encode n frames with the segment settings, split over `workers` processes as the
    renderer splits shots. The frames are a run of the film's own consecutive frames, played
    forwards and backwards, so the encoder sees real pictures with the film's own motion."""
    global _SAMPLE
    _SAMPLE = sample
    parts = [(str(tmp / f"bare{i}.mp4"), n // workers + (i < n % workers), fps) for i in range(workers)]
    t = time.perf_counter()
    with get_context("fork").Pool(workers) as pool:
        pool.map(_encode_part, parts)
    return time.perf_counter() - t


def sample_frames(path: Path, count: int = 72) -> np.ndarray:
    """`count` consecutive frames from the middle of the film, then the same run reversed."""
    out = []
    with av.open(str(path)) as c:
        first = c.streams.video[0].frames // 2
        for i, f in enumerate(c.decode(video=0)):
            if i >= first:
                out.append(f.to_ndarray(format="rgba"))
            if len(out) == count:
                break
    return np.stack(out + out[::-1])


def story_of(minutes: float, scenes: int = 5) -> str:
    """A screenplay of about `minutes` of film: the same five scenes (places, times, cast and
    so music, ambience and sets) whatever the length; only the number of lines in each grows.
    So two lengths differ in length alone, which is what the memory ratio is about."""
    import random
    from screenplay import LINES, PEOPLE, PLACES, TIMES
    # measured: ~47 s of establishing and action shots in all, then ~4 s of film per line
    per_scene = max(1, round((minutes * 60 - 47) / 4.05 / scenes))
    out = ["Title: Length", ""]
    for k in range(scenes):
        pick = random.Random(k)  # each scene's setting depends on its number only
        cast = pick.sample(PEOPLE, 2)
        out += [f"{PLACES[k % len(PLACES)]} - {pick.choice(TIMES)}", "",
                f"{cast[0][0]}, {cast[0][1]}, waits. {cast[1][0]}, {cast[1][1]}, arrives.", ""]
        say = random.Random(100 + k)
        for i in range(per_scene):
            out += [cast[i % 2][0], " ".join(say.choice(LINES) for _ in range(2)), ""]
    return "\n".join(out) + "\n"


def assembly(out: Path, tmp: Path, moviepy: bool) -> tuple[float, float | None]:
    """Ours vs moviepy joining the same shot clips with the same mixed audio and writing the
    same subtitles (both write the SRT with our writer: moviepy has none)."""
    from onecrew.media.assemble import assemble, encode_audio
    from onecrew.media.audio import WavTrack, write_wav
    import opentimelineio as otio
    tl = otio.adapters.read_from_file(str(out / "film.otio"))
    segments = [out / c.media_reference.target_url for c in tl.video_tracks()[0].find_clips()]
    with av.open(str(out / "film.mp4")) as c:
        audio = np.concatenate([f.to_ndarray() for f in c.decode(audio=0)], axis=1)
    wav = write_wav(tmp / "mix.wav", [audio], 48000, 2)
    srt = (out / "film.srt").read_text()
    fps = int(tl.metadata["onecrew"]["fps"])

    t = time.perf_counter()
    mix = WavTrack(wav)
    chunks = (mix.render(i, min(mix.length, i + 48000)) for i in range(0, mix.length, 48000))
    assemble(segments, encode_audio(chunks, tmp / "ours.m4a"), tmp / "ours.mp4", fps)
    (tmp / "ours.srt").write_text(srt)
    ours = time.perf_counter() - t
    if not moviepy:
        return ours, None
    from moviepy import AudioFileClip, VideoFileClip, concatenate_videoclips
    t = time.perf_counter()
    clips = [VideoFileClip(str(s), audio=False) for s in segments]
    film = concatenate_videoclips(clips).with_audio(AudioFileClip(str(wav)))
    film.write_videofile(str(tmp / "moviepy.mp4"), fps=fps, codec="libx264", preset="ultrafast",
                         audio_codec="aac", ffmpeg_params=["-crf", "20", "-pix_fmt", "yuv420p"],
                         logger=None, threads=2)
    (tmp / "moviepy.srt").write_text(srt)
    theirs = time.perf_counter() - t
    for c in clips:
        c.close()
    return ours, theirs


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--skip-memory", action="store_true")
    ap.add_argument("--skip-moviepy", action="store_true")
    args = ap.parse_args()
    workers = len(os.sched_getaffinity(0))
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        demo = tmp / "demo"
        wall, _ = run_make(ROOT / "examples" / "lighthouse.txt", demo, "--cards")
        n, fps = film_frames(demo)
        print(f"1. demo film: {n} frames = {n / fps:.1f} s at 1280x720 {fps} fps, made in {wall:.2f} s "
              f"(whole command: plan, voices, render, sound, edit) -> real-time factor {n / fps / wall:.1f}x "
              f"(target >= 10x)")
        bare = bare_encode(sample_frames(demo / "film.mp4"), n, fps, workers, tmp)
        print(f"2. bare encode of {n} frames, same settings, {workers} processes: {bare:.2f} s -> "
              f"pipeline / bare = {wall / bare:.2f}x (target <= 1.5x)")
        ours, theirs = assembly(demo, tmp, not args.skip_moviepy)
        if theirs is None:
            print(f"4. assembly: ours {ours:.2f} s (moviepy skipped)")
        else:
            print(f"4. assembly of {n} frames + audio + subtitles: ours {ours:.2f} s, moviepy {theirs:.2f} s -> "
                  f"{theirs / ours:.1f}x faster (target >= 5x)")
        if not args.skip_memory:
            peaks = {}
            for minutes in (1, 10):
                story = tmp / f"story{minutes}.fountain"
                story.write_text(story_of(minutes))
                w, peak = run_make(story, tmp / f"m{minutes}")
                frames, _ = film_frames(tmp / f"m{minutes}")
                peaks[minutes] = peak
                print(f"3. {frames / fps / 60:.1f}-minute film: made in {w:.1f} s "
                      f"({frames / fps / w:.1f}x real time), peak memory of all processes {peak / 2**20:.0f} MB")
            print(f"3. peak memory 10-minute / 1-minute = {peaks[10] / peaks[1]:.2f}x (target <= 1.2x)")


if __name__ == "__main__":
    main()
