"""A local emulator of the Ark video-generation task API, for tests: a real HTTP server on
127.0.0.1 that speaks the documented endpoints and JSON (see onecrew.render.seedance.client
for where each fact came from), makes real H.264 MP4 clips with PyAV, and injects faults
from a script. It counts creates, so a test can assert that nothing was paid twice.

    with ArkEmulator(script) as ark:          # ark.base_url, ark.api_key, ark.creates
        ...
    python -m onecrew.testing.ark --port 8123 --script faults.json [--key K]

A script (a dict, or a JSON file) — every key optional:
  queue_s, run_s      seconds a task stays queued, then running (default 0.05, 0.1)
  faults              a list, each consumed in order as calls match it:
      {"on": "create"|"get"|"list"|"delete"|"download"|"any",
       "kind": "http"        answer `status` with {"error": {code, message}}
             | "drop"        close the connection without doing anything
             | "drop_after"  do the call (a create makes its task), then close unanswered
             | "timeout"     wait `delay` s (longer than the client's timeout), then do it
             | "expire_url"  (download) answer 403: the signed URL has expired,
       "times": n (default 1), "skip": k (let the first k matching calls through),
       "match": "text"  (create only: only when the prompt contains it),
       "status", "code", "message", "delay"}
  outcomes            a list of {"match": "text" (in the prompt; omit for any),
                      "status": "failed"|"expired", "code", "message", "times": n}:
                      how tasks created from a matching prompt end (default: succeeded)
GET /_emulator/stats (no key) answers {"creates", "max_in_flight", "calls", "downloads_with_auth"}
for a test driving the emulator in another process.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import secrets
import socket
import struct
import sys
import threading
import time
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import numpy as np

from onecrew.render.seedance import models
from onecrew.render.seedance.errors import LimitError

API = "/api/v3/contents/generations/tasks"
SEVEN_DAYS = 7 * 86400


class ArkEmulator:
    def __init__(self, script: dict | None = None, *, api_key: str = "test-ark-key",
                 port: int = 0, clock=time.time):
        self.script = dict(script or {})
        self.api_key = api_key
        self.clock = clock
        self.port = port
        self.lock = threading.Lock()
        self.tasks: dict[str, dict] = {}
        self.creates = 0
        self.calls: list[tuple[str, str]] = []        # (op, path) of every call, faults included
        self.max_in_flight: dict[str, int] = {}
        self.downloads_with_auth = 0
        self._faults = [dict(f, times=f.get("times", 1), skip=f.get("skip", 0))
                        for f in self.script.get("faults", [])]
        self._outcomes = [dict(o, times=o.get("times", 1)) for o in self.script.get("outcomes", [])]
        self._clips: dict[str, bytes] = {}
        self._server: ThreadingHTTPServer | None = None

    # -- lifetime ---------------------------------------------------------------------
    def __enter__(self) -> "ArkEmulator":
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def start(self) -> None:
        emulator = self

        class Handler(_Handler):
            ark = emulator
        self._server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self._server.daemon_threads = True
        self._server.block_on_close = False
        self.port = self._server.server_address[1]
        threading.Thread(target=self._server.serve_forever, daemon=True,
                         kwargs={"poll_interval": 0.05}).start()

    def stop(self) -> None:
        if self._server:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    @property
    def host(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def base_url(self) -> str:
        return f"{self.host}/api/v3"

    @property
    def api_calls(self) -> list[tuple[str, str]]:
        """Calls to the task API (the stats endpoint left out)."""
        return [c for c in self.calls if c[0] != "stats"]

    # -- script -----------------------------------------------------------------------
    def fault_for(self, op: str, prompt: str = "") -> dict | None:
        with self.lock:
            for f in self._faults:
                if f["times"] <= 0 or f.get("on", "any") not in (op, "any"):
                    continue
                if f.get("match") and f["match"] not in prompt:
                    continue
                if f["skip"] > 0:
                    f["skip"] -= 1
                    continue
                f["times"] -= 1
                return f
        return None

    def outcome_for(self, prompt: str) -> dict:
        with self.lock:
            for o in self._outcomes:
                if o["times"] > 0 and (not o.get("match") or o["match"] in prompt):
                    o["times"] -= 1
                    return o
        return {"status": "succeeded"}

    # -- tasks ------------------------------------------------------------------------
    def create_task(self, body: dict) -> dict:
        prompt = " ".join(c.get("text", "") for c in body["content"] if c.get("type") == "text")
        now = self.clock()
        seed = body.get("seed", -1)
        if seed is None or seed < 0:
            seed = secrets.randbelow(2**32)  # the server picks one when asked for -1
        outcome = self.outcome_for(prompt)
        task = {
            "id": f"cgt-{time.strftime('%Y%m%d%H%M%S')}-{secrets.token_hex(3)}",
            "model": body["model"], "_prompt": prompt, "_t0": now, "_outcome": outcome,
            "_request": body, "created_at": int(now), "seed": seed,
            "resolution": body.get("resolution", "720p"), "ratio": body.get("ratio", "16:9"),
            "framespersecond": models.FPS,
            "service_tier": body.get("service_tier", "default"),
            "execution_expires_after": body.get("execution_expires_after", 172800),
            "_signature": 0, "_cancelled": False,
        }
        # [P] only one of duration and frames is echoed: the one the request used.
        if "frames" in body:
            task["frames"] = body["frames"]
        else:
            task["duration"] = body.get("duration", 5)
        if "generate_audio" in body:
            task["generate_audio"] = body["generate_audio"]
        with self.lock:
            self.tasks[task["id"]] = task
            self.creates += 1
            flying = sum(1 for t in self.tasks.values()
                         if t["model"] == body["model"] and self._status(t) in ("queued", "running"))
            self.max_in_flight[body["model"]] = max(self.max_in_flight.get(body["model"], 0), flying)
        return task

    def _status(self, task: dict) -> str:
        if task["_cancelled"]:
            return "cancelled"
        age = self.clock() - task["_t0"]
        queue_s, run_s = self.script.get("queue_s", 0.05), self.script.get("run_s", 0.1)
        if task["_outcome"]["status"] == "expired":
            return "queued" if age < queue_s else "expired"
        if age < queue_s:
            return "queued"
        if age < queue_s + run_s:
            return "running"
        return task["_outcome"]["status"]

    def public(self, task: dict, *, sign: bool) -> dict:
        """The task object as the API shows it; a GET signs fresh result URLs."""
        status = self._status(task)
        out = {k: v for k, v in task.items() if not k.startswith("_")}
        out["status"] = status
        out["error"] = None
        end = task["_t0"] + self.script.get("queue_s", 0.05) + self.script.get("run_s", 0.1)
        out["updated_at"] = int(min(self.clock(), end)) if status not in ("queued",) else task["created_at"]
        if status == "succeeded":
            if sign:
                task["_signature"] += 1
            sig = task["_signature"]
            out["content"] = {"video_url": f"{self.host}/files/{task['id']}.mp4?sig={sig}"}
            if task["_request"].get("return_last_frame"):
                out["content"]["last_frame_url"] = f"{self.host}/files/{task['id']}.png?sig={sig}"
            w, h = models.output_size(task["resolution"], task["ratio"])
            n = models.tokens(w, h, self._seconds(task))
            out["usage"] = {"completion_tokens": n, "total_tokens": n}
            out["revised_prompt"] = f"{task['_prompt']} (cinematic, detailed)"
        elif status in ("failed", "expired"):
            o = task["_outcome"]
            out["error"] = {"code": o.get("code", "InternalServiceError" if status == "failed"
                                           else "TaskExpired"),
                            "message": o.get("message", f"the task {status}")}
        return out

    @staticmethod
    def _seconds(task: dict) -> float:
        return task["frames"] / models.FPS if "frames" in task else float(task["duration"])

    def clip(self, task: dict) -> bytes:
        with self.lock:
            data = self._clips.get(task["id"])
        if data is None:
            w, h = models.output_size(task["resolution"], task["ratio"])
            data = render_clip(task["_prompt"], task["seed"], w, h,
                               round(self._seconds(task) * models.FPS))
            with self.lock:
                self._clips[task["id"]] = data
        return data


def _colour(key: bytes) -> tuple[int, int, int]:
    d = hashlib.sha256(key).digest()
    return d[0], d[1], d[2]


def _frame(prompt: str, seed: int, w: int, h: int, i: int, n: int) -> np.ndarray:
    """A colour field from the prompt and seed, with a bar of another colour crossing it:
    two prompts (or two seeds) give different pictures, and each frame differs."""
    key = f"{prompt}\0{seed}".encode()
    img = np.empty((h, w, 3), np.uint8)
    img[:] = _colour(key)
    bar = max(8, w // 12)
    x = int((w - bar) * i / max(1, n - 1))
    img[:, x:x + bar] = _colour(key + b"bar")
    return img


def render_clip(prompt: str, seed: int, w: int, h: int, frames: int) -> bytes:
    """A real H.264 MP4 (yuv420p, 24 fps, `frames` frames) made with PyAV."""
    import av
    buf = io.BytesIO()
    with av.open(buf, "w", format="mp4") as out:
        stream = out.add_stream("libx264", rate=models.FPS)
        stream.width, stream.height, stream.pix_fmt = w, h, "yuv420p"
        stream.options = {"preset": "ultrafast", "crf": "30"}
        for i in range(frames):
            frame = av.VideoFrame.from_ndarray(_frame(prompt, seed, w, h, i, frames), format="rgb24")
            for packet in stream.encode(frame):
                out.mux(packet)
        for packet in stream.encode():
            out.mux(packet)
    return buf.getvalue()


def png(img: np.ndarray) -> bytes:
    """A minimal RGB PNG (the last frame), without another dependency."""
    h, w, _ = img.shape
    raw = b"".join(b"\0" + img[y].tobytes() for y in range(h))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 6)) + chunk(b"IEND", b""))


class _Handler(BaseHTTPRequestHandler):
    ark: ArkEmulator
    protocol_version = "HTTP/1.1"

    def log_message(self, *args) -> None:  # quiet: tests read the calls list instead
        pass

    # -- answers ----------------------------------------------------------------------
    def _send(self, status: int, body: bytes, ctype: str = "application/json") -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a scripted timeout): nothing to tell it

    def _json(self, status: int, obj) -> None:
        self._send(status, json.dumps(obj).encode())

    def _error(self, status: int, code: str, message: str) -> None:
        self._json(status, {"error": {"code": code, "message": message, "type": code}})

    def _drop(self) -> None:
        """Close the connection without a byte of answer: the client sees it dropped."""
        self.close_connection = True
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    # -- dispatch ---------------------------------------------------------------------
    def do_GET(self) -> None:
        self._dispatch("GET")

    def do_POST(self) -> None:
        self._dispatch("POST")

    def do_DELETE(self) -> None:
        self._dispatch("DELETE")

    def _dispatch(self, method: str) -> None:
        ark = self.ark
        url = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        if url.path == "/_emulator/stats":
            ark.calls.append(("stats", url.path))
            with ark.lock:
                return self._json(200, {"creates": ark.creates, "max_in_flight": ark.max_in_flight,
                                        "calls": ark.api_calls,
                                        "downloads_with_auth": ark.downloads_with_auth})
        if url.path.startswith("/files/"):
            op = "download"
        elif url.path == API and method == "POST":
            op = "create"
        elif url.path == API and method == "GET":
            op = "list"
        elif url.path.startswith(API + "/"):
            op = "get" if method == "GET" else "delete" if method == "DELETE" else "?"
        else:
            ark.calls.append(("?", url.path))
            return self._error(404, "InvalidEndpoint.NotFound", f"no endpoint {url.path}")
        ark.calls.append((op, self.path))
        body = None
        if op == "create":
            try:
                body = json.loads(raw or b"null")
            except ValueError:
                return self._error(400, "InvalidParameter", "the body is not JSON")
        if op != "download":
            # [L] Authorization: Bearer $ARK_API_KEY on every API call.
            if self.headers.get("Authorization") != f"Bearer {ark.api_key}":
                return self._error(401, "AuthenticationError",
                                   "the API key is missing or invalid")
        elif self.headers.get("Authorization"):
            with ark.lock:
                ark.downloads_with_auth += 1
        prompt = ""
        if isinstance(body, dict):
            prompt = " ".join(c.get("text", "") for c in body.get("content") or []
                              if isinstance(c, dict) and c.get("type") == "text")
        fault = ark.fault_for(op, prompt)
        kind = fault.get("kind", "http") if fault else None
        if kind == "http":
            return self._error(fault.get("status", 500), fault.get("code", "InternalServiceError"),
                               fault.get("message", "scripted fault"))
        if kind == "drop":
            return self._drop()
        if kind == "expire_url" and op == "download":
            return self._error(403, "AccessDenied", "Request has expired")
        if kind == "timeout":
            time.sleep(fault.get("delay", 2.0))
        handler = getattr(self, "_op_" + op)
        if kind == "drop_after":
            handler(url, body, answer=False)
            return self._drop()
        handler(url, body, answer=True)

    # -- operations -------------------------------------------------------------------
    def _op_create(self, url, body, *, answer: bool) -> None:
        ark = self.ark
        if not isinstance(body, dict) or not body.get("model") or not body.get("content"):
            return self._error(400, "InvalidParameter", "model and content are required")
        try:
            req = _request_of(body)
            models.check(req)
        except LimitError as e:
            return self._error(400, "InvalidParameter", e.message)
        except (KeyError, TypeError, ValueError) as e:
            return self._error(400, "InvalidParameter", f"malformed body ({e})")
        task = ark.create_task(body)
        if answer:
            self._json(200, {"id": task["id"]})

    def _op_get(self, url, body, *, answer: bool) -> None:
        ark = self.ark
        task_id = url.path.rsplit("/", 1)[1]
        with ark.lock:
            task = ark.tasks.get(task_id)
            out = ark.public(task, sign=True) if task else None
        if out is None:
            return self._error(404, "ResourceNotFound", f"task {task_id} not found")
        if answer:
            self._json(200, out)

    def _op_list(self, url, body, *, answer: bool) -> None:
        ark = self.ark
        q = parse_qs(url.query)
        try:
            page_num = int(q.get("page_num", ["1"])[0])
            page_size = int(q.get("page_size", ["10"])[0])
        except ValueError:
            return self._error(400, "InvalidParameter", "page_num and page_size are integers")
        if not (1 <= page_num <= 500 and 1 <= page_size <= 500):  # [P]
            return self._error(400, "InvalidParameter", "page_num and page_size are 1..500")
        status, ids, model = q.get("filter.status", [None])[0], q.get("filter.task_ids"), \
            q.get("filter.model", [None])[0]
        since = ark.clock() - SEVEN_DAYS  # [L][P] the list covers the last 7 days
        with ark.lock:
            items = [ark.public(t, sign=False) for t in ark.tasks.values() if t["_t0"] >= since]
        items = [t for t in items if (not status or t["status"] == status)
                 and (not ids or t["id"] in ids) and (not model or t["model"] == model)]
        items.sort(key=lambda t: t["created_at"], reverse=True)  # newest first [?]
        page = items[(page_num - 1) * page_size: page_num * page_size]
        if answer:
            self._json(200, {"items": page, "total": len(items)})

    def _op_delete(self, url, body, *, answer: bool) -> None:
        ark = self.ark
        task_id = url.path.rsplit("/", 1)[1]
        with ark.lock:
            task = ark.tasks.get(task_id)
            if task is None:
                return self._error(404, "ResourceNotFound", f"task {task_id} not found")
            status = ark._status(task)
            if status == "queued":
                task["_cancelled"] = True     # [L] a queued task is cancelled
            elif status == "running":
                # [?] the docs say a running task cannot be cancelled; the code is a guess.
                return self._error(409, "InvalidAction", "a running task cannot be cancelled")
            else:
                del ark.tasks[task_id]        # [L] otherwise the record is deleted
        if answer:
            self._json(200, {})

    def _op_download(self, url, body, *, answer: bool) -> None:
        ark = self.ark
        name = url.path.rsplit("/", 1)[1]
        task_id, _, ext = name.rpartition(".")
        with ark.lock:
            task = ark.tasks.get(task_id)
            ok = task is not None and ark._status(task) == "succeeded"
        if not ok:
            return self._error(404, "NotFound", "no such object")
        if ext == "png":
            w, h = models.output_size(task["resolution"], task["ratio"])
            n = round(ark._seconds(task) * models.FPS)
            data, ctype = png(_frame(task["_prompt"], task["seed"], w, h, n - 1, n)), "image/png"
        else:
            data, ctype = ark.clip(task), "video/mp4"
        if answer:
            self._send(200, data, ctype)


def _request_of(body: dict):
    """The request a body describes, so the emulator refuses what the model would."""
    from onecrew.render.seedance.request import VideoRequest
    refs, first, last = [], None, None
    for c in body["content"]:
        if c.get("type") == "image_url":
            role = c.get("role") or "first_frame"
            url = c["image_url"]["url"]
            if role == "first_frame":
                first = url
            elif role == "last_frame":
                last = url
            else:
                refs.append(url)
    text = " ".join(c.get("text", "") for c in body["content"] if c.get("type") == "text")
    return VideoRequest(model=body["model"], prompt=text, duration=body.get("duration", 5),
                        frames=body.get("frames"), resolution=body.get("resolution", "720p"),
                        ratio=body.get("ratio", "16:9"), seed=body.get("seed"),
                        generate_audio=body.get("generate_audio"),
                        service_tier=body.get("service_tier"),
                        execution_expires_after=body.get("execution_expires_after"),
                        first_frame=first, last_frame=last, reference_images=tuple(refs))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m onecrew.testing.ark",
                                description="A local emulator of the Ark video task API.")
    p.add_argument("--port", type=int, default=0)
    p.add_argument("--script", help="a JSON file: queue_s, run_s, faults, outcomes")
    p.add_argument("--key", default="test-ark-key", help="the API key it accepts")
    args = p.parse_args(argv)
    script = json.loads(open(args.script).read()) if args.script else {}
    ark = ArkEmulator(script, api_key=args.key, port=args.port)
    ark.start()
    print(ark.base_url, flush=True)  # the first line tells a parent process where it is
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        ark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
