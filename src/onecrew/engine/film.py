"""A storyboard becomes a film: voice → spot → render ∥ sound → assemble → edit files.

The stages are values in, values out (spotting, requests, timeline); this module is the edge
that runs them. Every artifact comes from the cache or is made and stored there once; the
output folder is then filled from the cache:

    film.mp4  film.srt  film.vtt  film.otio  film.xml  film.edl  storyboard.html
    shots/<shot>.mp4 (+ control passes)   takes/<shot>.take<n>.mp4 (with --takes)
    audio/dialogue/<line>.wav  audio/music.wav  audio/ambience.wav  audio/mix.m4a
    .onecrew/jobs.sqlite   the job queue: what `status` shows and `resume` finishes
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable

from .. import __version__
from ..edit import subtitles
from ..edit.spotting import spot
from ..edit.timeline import Reel, Span as SceneSpan, exports, timeline, to_json
from ..errors import OnecrewError
from ..export.contact_sheet import contact_sheet
from ..model.base import MAX_TAKES
from ..model.storyboard import Storyboard
from ..parse.storyboard_file import dump_json, dump_storyboard
from ..progress import Progress, silent
from ..render import registry
from ..render.backend import Card, ShotRequest
from ..words import count
from . import executors, keys
from .hooks import Hooks
from .jobs import Jobs, hold
from .production import Production, one_line
from .shots import card_request, shot_requests
from .soundtrack import soundtrack
from .outputs import Outputs
from .store import Store
from .voicing import voice_lines
from .work import ShotJob

PASSES = ("pose", "mask", "depth")
MAX_WORKERS = 64  # processes on one machine; a bigger farm is a Ray cluster
MAX_SIDE = 4096  # pixels: DCI 4K; every frame is drawn and encoded on the CPU
STAND_IN = Path("/onecrew-project-folder")
EXECUTORS = ("local", "ray")


@dataclass(frozen=True)
class Settings:
    backend: str = "previs"
    size: tuple[int, int] | None = None  # (width, height); None: the storyboard's
    passes: tuple[str, ...] = ()
    cards: bool = False
    workers: int | None = None
    voice: str = "espeak"
    takes: int = 1  # variants rendered of each shot; the storyboard's `take:` picks the one cut in
    executor: str = "local"  # or "ray"
    address: str | None = None  # a Ray cluster's address; None starts one on this machine
    cache: Path | None = None  # None: $ONECREW_CACHE or ~/.cache/onecrew
    backend_config: dict = field(default_factory=dict)  # the backend's settings (--backend-config, -B)

    def to_json(self) -> dict:
        d = asdict(self)
        return d | {"cache": str(self.cache) if self.cache else None}

    @classmethod
    def from_json(cls, d: dict) -> "Settings":
        return cls(**(d | {"size": tuple(d["size"]) if d.get("size") else None,
                           "passes": tuple(d.get("passes", ())),
                           "cache": Path(d["cache"]) if d.get("cache") else None,
                           "backend_config": dict(d.get("backend_config") or {})}))


@dataclass
class Film:
    storyboard: Storyboard  # as filmed: durations conformed to the speech
    folder: Path
    frames: int
    files: list[Path] = field(default_factory=list)
    tally: str = ""  # what was rendered and what came from the cache


def check_settings(settings: Settings, size: tuple[int, int] | None = None) -> None:
    """What can be wrong with the settings alone: checked before the story is even read."""
    width, height = size or settings.size or (64, 64)
    if width % 2 or height % 2 or not 64 <= width <= MAX_SIDE or not 64 <= height <= MAX_SIDE:
        raise OnecrewError(f"--size {width}x{height}: width and height must be even, from 64 to {MAX_SIDE}")
    unknown = sorted(set(settings.passes) - set(PASSES))
    if unknown:
        raise OnecrewError(f"--passes: unknown pass {unknown[0]!r}; choose from {', '.join(PASSES)}")
    if not 1 <= settings.takes <= MAX_TAKES:
        raise OnecrewError(f"--takes must be from 1 to {MAX_TAKES}, not {settings.takes}")
    if settings.workers is not None and not 1 <= settings.workers <= MAX_WORKERS:
        raise OnecrewError(f"--workers must be from 1 to {MAX_WORKERS}, not {settings.workers}")
    if settings.executor not in EXECUTORS:
        raise OnecrewError(f"--executor: unknown executor {settings.executor!r}; choose from {', '.join(EXECUTORS)}")
    registry.ref(settings.backend, settings.backend_config)  # an unknown backend or setting: before any work


def check(sb: Storyboard, settings: Settings) -> tuple[int, int]:
    width, height = settings.size or (sb.width, sb.height)
    check_settings(settings, (width, height))
    if settings.cards:
        for shot in sb.shots:
            if shot.id in CARDS:
                raise OnecrewError(f"shot {shot.id!r} has the {shot.id} card's name, and --cards adds that "
                                   f"card: rename the shot, or leave out --cards")
    return width, height


CARDS = ("title", "end")


def outputs_of(sb: Storyboard, settings: Settings, fit: bool) -> list[str]:
    """The files a render of `sb` writes, as far as they are known before it runs (the names of
    mask passes depend on who is in frame; they are checked as they are placed)."""
    names = ["film.mp4", "film.srt", "film.vtt", "film.otio", "film.xml", "film.edl", "storyboard.html",
             "audio/music.wav", "audio/ambience.wav", "audio/mix.m4a"]
    if fit:
        names += ["storyboard.yaml", "storyboard.json"]
    ids = [s.id for s in sb.shots] + (list(CARDS) if settings.cards else [])
    for shot_id in ids:
        names.append(f"shots/{shot_id}.mp4")
        names += [f"shots/{shot_id}.{p}.mp4" for p in settings.passes if p != "mask"]
    if settings.takes > 1 or any(s.take > 1 for s in sb.shots):
        names += [f"takes/{s.id}.take{k}.mp4" for s in sb.shots
                  for k in sorted(set(range(1, settings.takes + 1)) | {s.take})]
    names += [f"audio/dialogue/{ln.id}.wav" for scene in sb.scenes for ln in scene.lines]
    return names


def _outside_cache(out: Path, store: Store) -> None:
    here, root = out.resolve(), store.root
    if here == root or root in here.parents:
        raise OnecrewError(f"is inside the render cache ({root}), whose clean-up would delete it: "
                           "choose an output folder outside the cache", where=str(out))


def produce(sb: Storyboard, out: Path, settings: Settings = Settings(), fit: bool = True,
            progress: Progress = silent, report: Callable[[str], None] = lambda m: None,
            command: str = "render", file: Path | None = None, force: bool = False) -> Film:
    """Film `sb` into `out`. The run is recorded in out/.onecrew/jobs.sqlite as it goes, so a
    killed run can be resumed; a second run on the same folder waits for the first. `file` is
    the storyboard file being filmed, if any: `choose` records takes in it. Files in `out` that
    onecrew did not write are never replaced (`force`: unless asked) nor removed."""
    check(sb, settings)
    backend = registry.get(settings.backend, settings.backend_config)
    if settings.passes and not backend.capabilities.writes_passes:
        raise OnecrewError(f"backend {backend.name!r} cannot write control passes")
    out = Path(out)
    _outside_cache(out, Store(settings.cache))
    Outputs(out).folder(".onecrew")  # before the lock is opened in it: a real folder, not a link
    with hold(out, report):
        outputs = Outputs(out, force)
        outputs.check_all(outputs_of(sb, settings, fit))  # before any work: nothing to refuse later
        jobs = Jobs(out)
        jobs.start(command, {"storyboard": sb.model_dump(mode="json"), "settings": settings.to_json(),
                             "fit": fit, "file": str(Path(file).resolve()) if file else None})
        try:
            film = _produce(sb, out, settings, fit, backend, jobs, outputs, progress, report)
        except BaseException as e:
            jobs.finish(error=e.message if isinstance(e, OnecrewError) else one_line(e))
            raise
        else:
            jobs.finish()
        finally:
            jobs.close()
            outputs.save()  # whatever was placed, even by a run that failed after
    return film


@dataclass
class _Run:
    """One render's collaborators and what its steps hand on to each other."""

    sb: Storyboard
    out: Path
    settings: Settings
    fit: bool
    backend: object
    outputs: Outputs
    progress: Progress
    report: Callable[[str], None]
    prod: Production | None = None
    hook: Hooks | None = None
    # made by shoot():
    filmed: Storyboard | None = None
    spotting: object = None
    takes: dict = field(default_factory=dict)  # line id → its voiced take
    requests: list = field(default_factory=list)  # every shot of the cut, cards included
    entries: dict = field(default_factory=dict)  # shot job key → its cache entry
    stems: tuple = ()  # music, ambience, mix entries

    @property
    def frames(self) -> int:
        return sum(r.frames for r in self.requests)


def _produce(sb: Storyboard, out: Path, settings: Settings, fit: bool, backend, jobs: Jobs,
             outputs: Outputs, progress: Progress, report: Callable[[str], None]) -> Film:
    """The steps of a film: shoot (voices, shots, stems), cut, edit files, deliver."""
    run = _Run(sb, out, settings, fit, backend, outputs, progress, report)
    store = Store(settings.cache, report)
    executor = executors.start(settings, backend, store.root)
    run.hook = Hooks()
    run.prod = Production(store, jobs, executor, progress, split=backend.capabilities.frame_ranges,
                          before_shot=lambda job: run.hook("before_shot", job.request, _who(job, backend)))
    try:
        _shoot(run)
    except KeyboardInterrupt:  # Ctrl-C or SIGTERM: the shots in flight are stopped, not waited for
        run.prod.close(abort=True)
        raise
    except BaseException:
        run.prod.close()
        raise
    else:
        run.prod.close()
    picture, film_entry = _cut(run)
    placed, texts = _edit(run, picture, film_entry)
    files = _deliver(run, picture, film_entry, placed, texts)
    report(run.prod.tally())
    report(f"wrote {files[0]} ({run.frames / run.filmed.fps:.1f} s) and {len(files) - 1} more files in {out}")
    return Film(run.filmed, out, run.frames, files, run.prod.tally())


def _shoot(run: _Run) -> None:
    """Voice the lines, conform the shots to them, render every shot and the stems."""
    sb, settings, backend, prod = run.sb, run.settings, run.backend, run.prod
    width, height = settings.size or (sb.width, sb.height)
    cards = _cards(sb, backend, width, height) if settings.cards else []
    # Shots without dialogue look the same whatever the voices say: they start rendering now.
    prod.shots(_takes([r for r in cards] + [r for r in shot_requests(sb, {}, width, height)
                                             if not r.shot.lines], backend, settings))
    run.takes = voice_lines(sb, settings.voice, prod, run.progress)
    run.spotting = spot(sb, run.takes, fit=run.fit, offset=cards[0].frames if cards else 0)
    run.filmed = run.spotting.storyboard
    _say_lengthened(sb, run.filmed, run.fit, run.report)
    requests = shot_requests(run.filmed, run.spotting.utterances, width, height)
    run.requests = [cards[0], *requests, cards[1]] if cards else requests
    prod.shots(_takes(run.requests, backend, settings))
    run.report(f"filming {count(len(run.requests), 'shot')}, {run.frames} frames at {width}x{height} "
               f"with {backend.name} {backend.version}"
               + (f", {settings.takes} takes each" if settings.takes > 1 else ""))
    # The stems are rendered once, while the shots render, and the mix reads them back.
    run.stems = soundtrack(run.filmed, run.spotting, run.takes, run.frames, prod)
    run.entries = prod.wait()


def _cut(run: _Run) -> tuple[list, object]:
    """The chosen take of every shot, shown to the hooks, joined with the mix into the film."""
    backend, filmed, mix = run.backend, run.filmed, run.stems[2]
    picture = [run.entries[_take_job(r, backend, run.settings, _chosen(r)).key] for r in run.requests]
    for r, e in zip(run.requests, picture):  # every clip the cut ships, rendered now or reused
        run.hook("before_cut", r, _previs() if r.card is not None else backend, e.path("video"))
    metadata = {"title": filmed.title, "comment": f"made with onecrew {__version__}, "
                f"{backend.name} {backend.version}; AI-generated animatic"}
    total = run.frames

    def cut(tmp: Path) -> tuple[dict, dict]:
        from ..media.assemble import assemble
        return {"video": assemble([e.path("video") for e in picture], mix.path("audio"), tmp / "film.mp4",
                                  filmed.fps, progress=lambda n: run.progress("assemble", n, total, "frames"),
                                  metadata=metadata)}, {}
    return picture, run.prod.obtain(keys.film([e.files["video"].sha256 for e in picture], mix.files["audio"].sha256,
                                              filmed.fps, metadata), "film", "film", cut)


def _edit(run: _Run, picture: list, film_entry) -> tuple[dict, dict]:
    """What the output folder will hold: the media from the cache, and the edit as text
    (OpenTimelineIO, FCP XML, EDL, subtitles, the contact sheet, the storyboard as filmed)."""
    filmed, spotting, settings = run.filmed, run.spotting, run.settings
    music, ambience, mix = run.stems
    placed: dict[str, tuple[Path, str]] = {"film.mp4": _blob(film_entry, "video")}
    reels = []
    for r, e in zip(run.requests, picture):
        for role in e.files:
            if role == "video" or role.startswith("pass."):
                suffix = "" if role == "video" else f".{role[5:]}"
                placed[f"shots/{r.shot.id}{suffix}.mp4"] = _blob(e, role)
        reels.append(Reel(r.shot.id, r.frames, f"shots/{r.shot.id}.mp4",
                          {"shot": r.shot.id, "kind": str(r.shot.kind), "size": str(r.shot.size),
                           "take": _chosen(r)}))
    for job in _takes(run.requests, run.backend, settings):
        if job.take > 1 or settings.takes > 1:
            placed[f"takes/{job.request.shot.id}.take{job.take}.mp4"] = _blob(run.entries[job.key], "video")
    for line_id, take in run.takes.items():
        placed[f"audio/dialogue/{line_id}.wav"] = (take.path, take.sha256)
    placed |= {"audio/music.wav": _blob(music, "wav"), "audio/ambience.wav": _blob(ambience, "wav"),
               "audio/mix.m4a": _blob(mix, "audio")}
    scenes = [SceneSpan(sc.id, spotting.shot_starts[sc.shots[0].id],
                        spotting.shot_starts[sc.shots[-1].id] + sc.shots[-1].duration)
              for sc in filmed.scenes if sc.shots]
    tl = timeline(filmed.title, filmed.fps, reels, spotting.cues, scenes, "audio/music.wav", "audio/ambience.wav")
    thumbs = {r.shot.id: e.path("thumb").read_bytes() for r, e in zip(run.requests, picture) if r.card is None}
    otio_json = to_json(tl)
    # FCP XML and EDL, cached for any folder: made for a stand-in one, whose URL is then replaced
    nle = run.prod.obtain(keys.edit_files(otio_json), "edit", "edit files", lambda tmp: (
        {name: _text(tmp / name, text) for name, text in exports(tl, STAND_IN).items()}, {}))
    here = run.out.resolve().as_uri()  # percent-encoded: nothing in it needs escaping in XML
    texts = {"film.otio": otio_json,
             **{name: nle.path(name).read_text(encoding="utf-8").replace(STAND_IN.as_uri(), here)
                for name in nle.files},
             "film.srt": subtitles.srt(spotting.cues, filmed.fps),
             "film.vtt": subtitles.vtt(spotting.cues, filmed.fps),
             "storyboard.html": contact_sheet(filmed, thumbs)}
    if run.fit:  # a planned film records the storyboard it was made from; a hand-edited one is left alone
        texts |= {"storyboard.yaml": dump_storyboard(filmed), "storyboard.json": dump_json(filmed)}
    return placed, texts


def _deliver(run: _Run, picture: list, film_entry, placed: dict, texts: dict) -> list[Path]:
    """Everything is made: only now is the folder touched, so a failure above leaves it as it
    was. An earlier cut's leftovers (a shot since edited, a line since cut) go, if onecrew made
    them; then the hooks see the film and how it was made."""
    outputs = run.outputs
    for folder, pattern in (("shots", "*.mp4"), ("takes", "*.mp4"), ("audio/dialogue", "*.wav")):
        outputs.prune(folder, pattern, set(placed))
    for rel, (src, sha) in placed.items():
        outputs.place(src, rel, sha)
    film = run.out / "film.mp4"
    files = [film, *outputs.write(texts)]
    run.hook("after_cut", film, {"onecrew": __version__, "backend": keys.backend_id(run.backend),
                                 "storyboard": keys_of_storyboard(run.filmed),
                                 "film": film_entry.files["video"].sha256,
                                 "shots": {r.shot.id: e.files["video"].sha256
                                           for r, e in zip(run.requests, picture)}})
    return files


def _blob(entry, role: str) -> tuple[Path, str]:
    return entry.path(role), entry.files[role].sha256


def _chosen(request: ShotRequest) -> int:
    return 1 if request.card is not None else request.shot.take


def _take_job(request: ShotRequest, backend, settings: Settings, take: int) -> ShotJob:
    r = request if take == 1 else request.model_copy(update={"seed": request.shot.take_seed(take)})
    label = f"shot {request.shot.id}" if request.card is None else f"{request.shot.id} card"
    if request.card is not None:  # a card is text on black: drawn by previs whatever films the shots
        return ShotJob(keys.shot(r, _previs(), settings.passes), r, label, take, backend=registry.ref("previs"))
    return ShotJob(keys.shot(r, backend, settings.passes), r, label + (f" take {take}" if take > 1 else ""), take)


def _who(job: ShotJob, backend):
    return _previs() if job.backend is not None and job.backend.name == "previs" else backend


def keys_of_storyboard(sb: Storyboard) -> str:
    from .store import key_of
    return key_of(sb.model_dump(mode="json"))


def _previs():
    from ..render.previs import Previs
    return Previs()


def _takes(requests: list[ShotRequest], backend, settings: Settings) -> list[ShotJob]:
    """The chosen take of each shot, then the other takes asked for (cards have one take)."""
    jobs = [_take_job(r, backend, settings, _chosen(r)) for r in requests]
    if settings.takes > 1:
        jobs += [_take_job(r, backend, settings, k) for r in requests if r.card is None
                 for k in range(1, settings.takes + 1) if k != _chosen(r)]
    return jobs


def _cards(sb: Storyboard, backend, width: int, height: int) -> list:
    title = Card(title=sb.title or "Untitled", subtitle=_credit(sb))
    end = Card(title="made with onecrew", subtitle=f"{backend.name} {backend.version}")
    return [card_request(sb, "title", title, width, height), card_request(sb, "end", end, width, height)]


def _credit(sb: Storyboard) -> str:
    names = [c.name for c in sb.cast][:4]
    return "with " + ", ".join(names) if names else ""


def _say_lengthened(before: Storyboard, after: Storyboard, fit: bool, report) -> None:
    if fit:
        return
    for a, b in zip(before.shots, after.shots):
        if b.duration != a.duration:
            report(f"shot {a.id}: lengthened from {a.duration} to {b.duration} frames to fit its dialogue")


def _text(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


