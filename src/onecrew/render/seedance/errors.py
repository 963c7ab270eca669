"""What can go wrong talking to Ark, sorted by what the caller must do about it.

Every error prints as one line (it is an OnecrewError) and never carries the API key: the
client scrubs it from any text a server sends back before an error is built.

The HTTP codes and error codes are the ones documented for the Ark task API (see
/work/shared/LIBRARIES.md, "Seedance on Ark"): 400 InvalidParameter and
*SensitiveContentDetected*, 401 AuthenticationError, 403 AccountOverdueError / AccessDenied,
404 InvalidEndpoint.NotFound, 429 RateLimitExceeded / QuotaExceeded / ServerOverloaded,
500 InternalServiceError. The error body is read as `{"error": {"code", "message"}}`, the
envelope the provider pages show; a body that is not JSON is kept as its first line.
"""

from __future__ import annotations

from onecrew.errors import OnecrewError


class SeedanceError(OnecrewError):
    """Anything the Seedance client reports. `code` is the provider's error code, if any."""

    def __init__(self, message: str, *, code: str | None = None, status: int | None = None,
                 where: str | None = None):
        self.code = code
        self.status = status
        super().__init__(message, where=where)


class TransientError(SeedanceError):
    """Worth trying again later: 429 rate limits, 5xx, timeouts, dropped connections.
    Raised to the caller only once the client's own retries reached their cap."""


class OutcomeUnknown(TransientError):
    """A request was sent but no answer came back (timeout, dropped connection, 5xx): for a
    create, the task may exist and be billed. Never answered by sending the create again."""


class FatalError(SeedanceError):
    """Stop the whole render: a bad key, an overdue account, no access, the quota spent, or an
    endpoint that does not exist. Nothing more should be sent until a person fixes it."""


class ShotFailed(SeedanceError):
    """This shot cannot be made as asked (refused parameters, moderation, a failed task);
    the rest of the film goes on. The message carries the provider's reason."""


class LimitError(ShotFailed):
    """Refused before anything was sent: a field is outside the model's documented range."""

    def __init__(self, field: str, message: str):
        self.field = field
        super().__init__(f"{field}: {message}", code="LimitExceeded")


class TaskExpired(ShotFailed):
    """The provider expired the task before it ran (execution_expires_after passed)."""


class TaskGone(ShotFailed):
    """The ledger names a task the provider no longer knows (tasks are kept 7 days)."""


class DownloadExpired(ShotFailed):
    """The task succeeded but its clip could not be fetched: the signed URL had expired."""


# 403 and 429 carry several meanings; these codes decide the class (LIBRARIES.md).
FATAL_CODES = {"AuthenticationError", "AccountOverdueError", "AccessDenied", "QuotaExceeded",
               "InvalidEndpoint.NotFound"}
RETRYABLE_CODES = {"RateLimitExceeded", "ServerOverloaded", "InternalServiceError"}


def classify(status: int, code: str | None, message: str, *, what: str) -> SeedanceError:
    """The error for an HTTP answer `status` with the provider's `code` and `message`.
    `what` names the call ("create", "get cgt-…") so the line says where it happened."""
    code = code or ""
    reason = f"{code}: {message}" if code and message else (code or message or f"HTTP {status}")
    line = f"Ark {what} refused (HTTP {status}) {reason}"
    if status == 401 or code in FATAL_CODES or status == 403:
        return FatalError(line, code=code or None, status=status)
    if status == 429:
        # QuotaExceeded is in FATAL_CODES above; every other 429 is a rate limit to wait out.
        return TransientError(line, code=code or None, status=status)
    if status >= 500 or status == 408:
        return TransientError(line, code=code or None, status=status)
    if status == 404:
        return TaskGone(line, code=code or "NotFound", status=status)
    return ShotFailed(line, code=code or None, status=status)
