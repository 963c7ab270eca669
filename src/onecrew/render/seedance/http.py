"""Plain HTTP for the Ark client: one request, a timeout, and an answer sorted into a status
and body or one of our errors. No retries here: whether a request may be sent again is
decided by the caller, who knows whether it could cost money."""

from __future__ import annotations

import http.client
import json
import socket
import urllib.error
import urllib.request
from dataclasses import dataclass

from .errors import OutcomeUnknown, TransientError

USER_AGENT = "onecrew-seedance/0.1"


@dataclass
class Answer:
    status: int
    body: bytes
    headers: dict

    def json(self):
        return json.loads(self.body or b"{}")


def _refused(e: BaseException) -> bool:
    """True when the request certainly never reached the server (nothing can have happened)."""
    reason = getattr(e, "reason", e)
    return isinstance(reason, (ConnectionRefusedError, socket.gaierror))


def send(method: str, url: str, *, headers: dict, body: bytes | None = None,
         timeout: float, what: str, sink=None) -> Answer:
    """Send one request. HTTP errors come back as an Answer (the caller classifies them);
    a refused connection is a TransientError (nothing was sent); a timeout, a dropped
    connection or a cut-off answer is OutcomeUnknown (the server may have acted).
    With `sink` (a writable file), a 2xx body is streamed into it instead of kept."""
    req = urllib.request.Request(url, data=body, method=method, headers=headers)
    try:
        # urllib honours the environment's proxy settings, which users behind one need.
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            if sink is None:
                data = resp.read()
            else:
                data = b""
                while chunk := resp.read(1 << 16):
                    sink.write(chunk)
            return Answer(resp.status, data, dict(resp.headers))
    except urllib.error.HTTPError as e:
        try:
            data = e.read()
        except (OSError, http.client.HTTPException):
            data = b""
        return Answer(e.code, data, dict(e.headers or {}))
    except urllib.error.URLError as e:
        if _refused(e):
            raise TransientError(f"Ark {what}: connection refused ({e.reason})") from None
        if isinstance(e.reason, (TimeoutError, socket.timeout)):
            raise OutcomeUnknown(f"Ark {what}: no answer within {timeout:g} s") from None
        raise OutcomeUnknown(f"Ark {what}: connection failed ({e.reason})") from None
    except (TimeoutError, socket.timeout):
        raise OutcomeUnknown(f"Ark {what}: no answer within {timeout:g} s") from None
    except (http.client.HTTPException, ConnectionError, OSError) as e:
        # RemoteDisconnected, ConnectionResetError, IncompleteRead: the request went out.
        raise OutcomeUnknown(f"Ark {what}: connection dropped ({type(e).__name__})") from None
