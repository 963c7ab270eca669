"""A client for Seedance on the Ark video-generation task API that never pays twice.

Endpoints ([L] /work/shared/LIBRARIES.md "Seedance on Ark"; list parameters and the task
object's fields also [P], the BytePlus API pages as mirrored by powertokens.ai):
  POST   {base}/contents/generations/tasks           → {"id": "cgt-…"}
  GET    {base}/contents/generations/tasks/{id}      → the task object
  GET    {base}/contents/generations/tasks?page_num&page_size&filter.status
         &filter.task_ids (repeated)&filter.model     → {"items": [...], "total": n}
         (last 7 days [L][P]; page_num and page_size 1..500 [P])
  DELETE {base}/contents/generations/tasks/{id}      cancels a queued task, else deletes it [L]
The task object [P]: id, model, status (queued, running, succeeded, failed, cancelled,
expired), error ({code, message} or null), created_at / updated_at (Unix seconds),
content.video_url (+ last_frame_url [L]), usage.completion_tokens, and echoes of the request:
seed, resolution, ratio, duration or frames, framespersecond, service_tier,
execution_expires_after, generate_audio. It does not echo the prompt or the images.
revised_prompt [L] is read from the top level or from content, wherever it is.

There is no idempotency key [L], so the rule that keeps a shot from being paid twice is ours:

  1. An intent (model, fingerprint, seed, time) is put in the ledger BEFORE the create.
  2. A create is sent once. Only an answer that says no task was made (429 rate limit or
     overload, a refused connection) lets it be sent again, after a backoff.
  3. The task id is put in the ledger the moment the create answers, before the first poll.
  4. A ledger holding a task id is re-polled, never created again.
  5. A ledger holding an intent but no id (the create's answer was lost: a timeout, a dropped
     connection, a 5xx, a crash) is reconciled first: list this model's tasks and adopt the
     one that matches (see `matches`). Only when a complete listing shows none is another
     create sent, at most `max_creates` in all for the shot.
  6. An expired task is submitted again once (it was never billed: only successes are [L]).
  7. A success is downloaded at once (its URLs expire after 24 h [L]) and the result put in
     the ledger; a ledger with a result whose file exists returns it without a request.
"""

from __future__ import annotations

import json
import logging
import os
import random
import threading
import time
import urllib.parse
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from . import models
from .errors import (DownloadExpired, FatalError, OutcomeUnknown, SeedanceError, ShotFailed,
                     TaskExpired, TaskGone, TransientError, classify)
from .http import USER_AGENT, send
from .ledger import Ledger
from .request import VideoRequest

log = logging.getLogger("onecrew.seedance")

TASKS = "/contents/generations/tasks"
TERMINAL = {"succeeded", "failed", "cancelled", "expired"}
# Fields the task object echoes back [P], compared when adopting a task after a lost create.
ECHOED = ("resolution", "ratio", "duration", "frames", "service_tier",
          "execution_expires_after", "generate_audio", "camera_fixed", "watermark")


def resolve_base_url(configured: str | None) -> str:
    """The API base: ARK_BASE_URL overrides the config's base_url (issue 11). There is no
    default: one SDK's default pointed at a staging host [L], so the caller must say."""
    base = os.environ.get("ARK_BASE_URL") or configured
    if not base:
        raise FatalError("no Ark base URL: set base_url in the backend config or ARK_BASE_URL "
                         "(e.g. https://ark.ap-southeast.bytepluses.com/api/v3)")
    return base.rstrip("/")


@dataclass
class Backoff:
    """Exponential backoff with jitter: try n waits between d/2 and d, d = min(cap,
    base·2ⁿ), so waits grow, never exceed `cap`, and clients hitting the same limit spread
    out. `tries` bounds the attempts. `rng` is seeded so tests see fixed waits."""
    base: float = 1.0
    cap: float = 60.0
    tries: int = 6
    rng: random.Random = field(default_factory=lambda: random.Random(0))

    def delay(self, attempt: int) -> float:
        d = min(self.cap, self.base * 2 ** attempt)
        return d / 2 + self.rng.random() * d / 2


@dataclass
class Result:
    task_id: str
    path: Path
    seed: int | None
    revised_prompt: str | None
    completion_tokens: int | None
    last_frame_path: Path | None = None
    adopted: bool = False   # the task was found in the list after a lost create
    creates: int = 0        # creates this shot has sent in all (1 in the normal case)


class ArkClient:
    """Thread-safe: one client serves many shots at once. `sleep` and `clock` are injectable
    so tests run without waiting; `concurrency` (model id or family → tasks in flight)
    overrides the model table's documented default."""

    def __init__(self, base_url: str | None = None, api_key: str | None = None, *,
                 timeout: float = 30.0, download_timeout: float = 300.0,
                 backoff: Backoff | None = None, sleep: Callable[[float], None] = time.sleep,
                 clock: Callable[[], float] = time.time, poll: tuple[float, float] = (2.0, 15.0),
                 settle: float = 3.0, max_creates: int = 3, clock_skew: float = 600.0,
                 concurrency: dict[str, int] | None = None, list_page_size: int = 100,
                 max_list_pages: int = 20):
        self.base_url = resolve_base_url(base_url)
        key = api_key if api_key is not None else os.environ.get("ARK_API_KEY")
        if not key:
            raise FatalError("ARK_API_KEY is not set")
        self.__key = key  # name-mangled and kept out of repr, logs and messages
        self.timeout, self.download_timeout = timeout, download_timeout
        self.backoff = backoff or Backoff()
        self.sleep, self.clock = sleep, clock
        self.poll, self.settle = poll, settle
        self.max_creates, self.clock_skew = max_creates, clock_skew
        self.list_page_size, self.max_list_pages = list_page_size, max_list_pages
        self._concurrency = dict(concurrency or {})
        self._lock = threading.Lock()
        self._rng_lock = threading.Lock()
        self._slots: dict[str, threading.BoundedSemaphore] = {}
        self._claimed: set[str] = set()  # task ids held by some ledger in this process
        self._stopped: FatalError | None = None

    def __repr__(self) -> str:
        return f"ArkClient({self.base_url!r})"

    # -- the four endpoints --------------------------------------------------------------

    def create(self, body: dict) -> str:
        """POST once; never retried here. Raises OutcomeUnknown when the answer was lost."""
        ans = self._call("POST", TASKS, body=body, what="create")
        task_id = ans.get("id") if isinstance(ans, dict) else None
        if not task_id:
            # A 200 without an id: the server may or may not have a task. Treat as lost.
            raise OutcomeUnknown("Ark create: answer had no task id")
        return task_id

    def get(self, task_id: str) -> dict:
        return self._retrying(lambda: self._call("GET", f"{TASKS}/{_q(task_id)}",
                                                 what=f"get {task_id}"), f"get {task_id}")

    def list(self, *, page_num: int = 1, page_size: int = 100, status: str | None = None,
             task_ids: list[str] | None = None, model: str | None = None) -> dict:
        params: list[tuple[str, str]] = [("page_num", str(page_num)), ("page_size", str(page_size))]
        if status:
            params.append(("filter.status", status))
        for t in task_ids or ():
            params.append(("filter.task_ids", t))  # repeated for a batch lookup [P]
        if model:
            params.append(("filter.model", model))
        path = f"{TASKS}?{urllib.parse.urlencode(params)}"
        return self._retrying(lambda: self._call("GET", path, what="list"), "list")

    def delete(self, task_id: str) -> None:
        def once():
            try:
                self._call("DELETE", f"{TASKS}/{_q(task_id)}", what=f"delete {task_id}")
            except TaskGone:
                pass  # already gone, perhaps by our own earlier delete whose answer was lost
        self._retrying(once, f"delete {task_id}")

    def download(self, url: str, dest: str | Path) -> Path:
        """Fetch a result URL into `dest` (a temporary name, then renamed, so a file at `dest`
        is always whole). The URL is pre-signed: the API key is NOT sent with it, it would
        leak to the storage host."""
        dest = Path(dest)
        dest.parent.mkdir(parents=True, exist_ok=True)

        def once():
            tmp = dest.with_name(f".{dest.name}.{uuid.uuid4().hex[:8]}.part")
            try:
                with open(tmp, "wb") as f:
                    ans = send("GET", url, headers={"User-Agent": USER_AGENT}, what="download",
                               timeout=self.download_timeout, sink=f)
                if ans.status in (403, 404, 410):
                    raise DownloadExpired(f"Ark download refused (HTTP {ans.status}): the "
                                          "clip's URL has expired", status=ans.status,
                                          code="DownloadUrlExpired")
                if ans.status >= 400:
                    raise classify(ans.status, None, _first_line(ans.body), what="download")
                if tmp.stat().st_size == 0:
                    raise OutcomeUnknown("Ark download: empty file")
                os.replace(tmp, dest)
                return dest
            finally:
                tmp.unlink(missing_ok=True)
        return self._retrying(once, "download")

    # -- never pay twice ----------------------------------------------------------------

    def submit(self, request: VideoRequest, ledger: Ledger, dest: str | Path, *,
               on_state: Callable[[str], None] | None = None) -> Result:
        """Make the clip for `request` into `dest`, with `ledger` holding this shot's record.
        Raises ShotFailed (this shot only), FatalError (stop everything), or TransientError
        (the service kept failing: try the shot later; the ledger keeps what is known)."""
        self._check_stopped()
        spec = models.check(request)  # before anything is sent
        try:
            with self._slot(request.model, spec):
                self._check_stopped()
                return self._submit(request, ledger, Path(dest), on_state or (lambda s: None))
        except FatalError as e:
            with self._lock:
                self._stopped = self._stopped or e
            raise

    def _submit(self, request, ledger, dest, on_state) -> Result:
        fp = request.fingerprint()
        rec = ledger.get()
        if rec is not None and rec.get("fingerprint") != fp:
            raise SeedanceError("the ledger holds a different request for this shot; "
                                "refusing to reuse its task")
        if rec and rec.get("result") and Path(rec["result"]["path"]).exists():
            return _result(rec)
        fresh = rec is None
        if fresh:
            rec = {"model": request.model, "fingerprint": fp, "seed": request.seed_for(),
                   "intent_at": self.clock(), "task_id": None, "creates": 0,
                   "resubmits": 0, "expired": []}
            ledger.put(rec)  # the intent is durable before any create goes out
        maybe_sent = not fresh and not rec.get("task_id")
        while True:
            if not rec.get("task_id"):
                self._find_or_create(request, rec, ledger, maybe_sent)
            self._claim(rec["task_id"])
            task = self._wait(rec["task_id"], on_state)
            status = task.get("status")
            if status == "succeeded":
                return self._collect(request, task, rec, ledger, dest, on_state)
            if status == "expired":
                if rec.get("resubmits", 0) >= 1:
                    raise TaskExpired(f"Ark task {rec['task_id']} expired twice before running; "
                                      "not submitted again", code="expired")
                log.info("task %s expired; submitting once more", rec["task_id"])
                rec["expired"] = rec.get("expired", []) + [rec["task_id"]]
                rec.update(task_id=None, resubmits=rec.get("resubmits", 0) + 1,
                           intent_at=self.clock())
                ledger.put(rec)
                maybe_sent = False
                continue
            err = task.get("error") or {}
            code, msg = err.get("code"), err.get("message")
            if status == "failed":
                raise ShotFailed(f"Ark task {task.get('id')} failed: {code or 'error'}: "
                                 f"{msg or 'no reason given'}", code=code)
            raise ShotFailed(f"Ark task {task.get('id')} was {status}", code=status)

    def _find_or_create(self, request, rec, ledger, maybe_sent: bool) -> None:
        body = request.body(rec["seed"])
        refusals = 0
        while True:
            if maybe_sent:
                found = self._adopt(request, rec)
                if found:
                    log.info("adopted task %s after a lost create", found)
                    rec.update(task_id=found, adopted=True)
                    ledger.put(rec)
                    return
            if rec.get("creates", 0) >= self.max_creates:
                raise TransientError(f"Ark create: {rec['creates']} creates sent for this shot "
                                     "without a task to show for them; not sending another")
            rec["creates"] = rec.get("creates", 0) + 1
            ledger.put(rec)  # counted before it is sent: a crash now still counts it
            try:
                task_id = self.create(body)
            except OutcomeUnknown as e:
                log.warning("create answer lost (%s); looking for the task before creating", e)
                maybe_sent = True
                self.sleep(self.settle)  # give the task list time to show a task just made
                continue
            except TransientError as e:
                # A definite refusal (429, overload, refused connection): no task was made,
                # so this create does not count and may be sent again after a wait.
                rec["creates"] -= 1
                ledger.put(rec)
                refusals += 1
                if refusals >= self.backoff.tries:
                    raise TransientError(f"{e.message} (gave up after {refusals} tries)",
                                         code=e.code, status=e.status) from None
                self.sleep(self._delay(refusals - 1))
                continue
            except SeedanceError:
                rec["creates"] -= 1  # refused outright: nothing made, nothing billed
                ledger.put(rec)
                raise
            rec.update(task_id=task_id, created_seen_at=self.clock())
            ledger.put(rec)  # the id is durable before the first poll
            return

    def _adopt(self, request, rec) -> str | None:
        """The task a lost create made, if the list shows one: see `matches`. The list is read
        in full (up to max_list_pages); a listing that fails raises, so no create is sent
        while we cannot tell."""
        body = request.body(rec["seed"])
        since = rec["intent_at"] - self.clock_skew
        skip = set(rec.get("expired", ())) | self._claimed_now()
        best = None
        for page in range(1, self.max_list_pages + 1):
            ans = self.list(page_num=page, page_size=self.list_page_size, model=request.model)
            items = ans.get("items") or []
            for task in items:
                if task.get("id") in skip or not matches(task, body, since):
                    continue
                if best is None or task.get("created_at", 0) < best.get("created_at", 0):
                    best = task  # the earliest match after the intent: the first create
            if len(items) < self.list_page_size or page * self.list_page_size >= ans.get("total", 0):
                break
        return best["id"] if best else None

    def _wait(self, task_id: str, on_state) -> dict:
        interval, last = self.poll[0], None
        while True:
            task = self.get(task_id)
            status = task.get("status")
            if status != last:
                on_state(status)
                last = status
            if status in TERMINAL:
                return task
            self.sleep(interval)
            interval = min(self.poll[1], interval * 1.5)

    def _collect(self, request, task, rec, ledger, dest, on_state) -> Result:
        on_state("downloading")
        content = task.get("content") or {}
        for attempt in range(2):
            try:
                path = self.download(content["video_url"], dest)
                break
            except DownloadExpired:
                if attempt:
                    raise DownloadExpired(f"Ark task {task['id']} succeeded but its clip's URL "
                                          "had expired; the task was billed",
                                          code="DownloadUrlExpired") from None
                task = self.get(task["id"])  # a fresh GET may carry a fresh signed URL
                content = task.get("content") or {}
        last_path = None
        if content.get("last_frame_url"):
            last_path = self.download(content["last_frame_url"],
                                      dest.with_name(dest.stem + ".last.png"))
        usage = task.get("usage") or {}
        rec["result"] = {
            "path": str(path), "last_frame_path": str(last_path) if last_path else None,
            "seed": task.get("seed", rec["seed"]),
            "revised_prompt": task.get("revised_prompt") or content.get("revised_prompt"),
            "completion_tokens": usage.get("completion_tokens"),
        }
        ledger.put(rec)
        on_state("done")
        return _result(rec)

    # -- plumbing ----------------------------------------------------------------------

    def _headers(self, has_body: bool) -> dict:
        h = {"Authorization": f"Bearer {self.__key}", "User-Agent": USER_AGENT,
             "Accept": "application/json"}
        if has_body:
            h["Content-Type"] = "application/json"
        return h

    def _call(self, method: str, path: str, *, body: dict | None = None, what: str):
        data = json.dumps(body).encode() if body is not None else None
        log.debug("%s %s", method, path)  # never the headers: they hold the key
        ans = send(method, self.base_url + path, headers=self._headers(data is not None),
                   body=data, timeout=self.timeout, what=what)
        if ans.status < 300:
            return ans.json() if ans.body else {}
        code, message = _error_of(ans.body)
        err = classify(ans.status, code, self._scrub(message), what=what)
        if method == "POST" and ans.status >= 500:
            # A 5xx to a create does not prove no task was made: reconcile, don't resend.
            raise OutcomeUnknown(err.message, code=err.code, status=err.status)
        raise err

    def _retrying(self, fn, what: str):
        """Run a request that is safe to repeat (GET, list, DELETE, download), backing off
        on transient errors up to `backoff.tries` attempts."""
        for attempt in range(self.backoff.tries):
            try:
                return fn()
            except TransientError as e:  # OutcomeUnknown included: repeating a GET is free
                if attempt + 1 >= self.backoff.tries:
                    raise TransientError(f"{e.message} (gave up after {attempt + 1} tries)",
                                         code=e.code, status=e.status) from None
                log.info("Ark %s: %s; retrying", what, e.message)
                self.sleep(self._delay(attempt))

    def _delay(self, attempt: int) -> float:
        with self._rng_lock:  # random.Random is not safe to share across threads unlocked
            return self.backoff.delay(attempt)

    def _scrub(self, text: str) -> str:
        return text.replace(self.__key, "***") if text else text

    def _slot(self, model: str, spec) -> threading.BoundedSemaphore:
        with self._lock:
            sem = self._slots.get(model)
            if sem is None:
                n = self._concurrency.get(model, self._concurrency.get(spec.family,
                                                                       spec.concurrency))
                sem = self._slots[model] = threading.BoundedSemaphore(max(1, n))
            return sem

    def _claim(self, task_id: str) -> None:
        with self._lock:
            self._claimed.add(task_id)

    def _claimed_now(self) -> set[str]:
        with self._lock:
            return set(self._claimed)

    def _check_stopped(self) -> None:
        if self._stopped is not None:
            raise FatalError(f"stopped: {self._stopped.message}", code=self._stopped.code)


def matches(task: dict, body: dict, since: float) -> bool:
    """Whether listed `task` is the one our lost create of `body` made. The list does not echo
    the prompt or images [P], so the rule is: same model; created at or after the intent
    (less the allowed clock skew); the same seed (always sent explicitly, from the
    fingerprint unless the caller chose one); and every other echoed field that the task
    shows equal to what we sent (resolution, ratio, duration or frames, service tier, …).
    Two shots of one model in flight with the same seed and settings would be ambiguous;
    derived seeds make that a 1-in-2³² event, and the client never adopts a task another of
    its ledgers holds."""
    if task.get("model") not in (None, body["model"]):
        return False
    if task.get("created_at", 0) < since:
        return False
    if task.get("seed") != body["seed"]:
        return False
    for name in ECHOED:
        if name in task and name in body and task[name] != body[name]:
            return False
    return True


def _result(rec: dict) -> Result:
    r = rec["result"]
    return Result(task_id=rec["task_id"], path=Path(r["path"]), seed=r.get("seed"),
                  revised_prompt=r.get("revised_prompt"),
                  completion_tokens=r.get("completion_tokens"),
                  last_frame_path=Path(r["last_frame_path"]) if r.get("last_frame_path") else None,
                  adopted=bool(rec.get("adopted")), creates=rec.get("creates", 0))


def _q(task_id: str) -> str:
    return urllib.parse.quote(task_id, safe="")


def _first_line(body: bytes) -> str:
    text = body.decode("utf-8", "replace").strip()
    return text.splitlines()[0][:200] if text else ""


def _error_of(body: bytes) -> tuple[str | None, str]:
    """The provider's {"error": {"code", "message"}}, or the body's first line."""
    try:
        data = json.loads(body)
        err = data.get("error") if isinstance(data, dict) else None
        if isinstance(err, dict):
            return err.get("code"), " ".join(str(err.get("message") or "").split())[:300]
    except ValueError:
        pass
    return None, _first_line(body)
