"""HTTP client for rlvr-server. Standard library only (Python >= 3.9).

- Batching: ``reward()`` splits long item lists into requests of ``batch_size`` items and
  returns results in input order.
- Connection reuse: one keep-alive ``http.client`` connection per thread.
- Timeouts: ``timeout`` seconds per request (connect + read).
- Retries: on connection errors, 429 and 5xx, up to ``max_retries`` times with exponential
  backoff and jitter (``backoff * 2**attempt``, capped at ``max_backoff``; a ``Retry-After``
  header wins). Every route we call is idempotent and deterministic, so a retry is safe.
  4xx replies are not retried: they raise :class:`RLVRRequestError` with the server's stable
  error code and the offending item index when the server names one.
"""

from __future__ import annotations

import http.client
import json
import os
import random
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Dict, List, Mapping, Optional, Sequence, Union
from urllib.parse import urlsplit

DEFAULT_URL = "http://127.0.0.1:8000"
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})

Weights = Union[str, Mapping[str, float]]


class RLVRError(Exception):
    """Base class of the client's errors."""


class RLVRRequestError(RLVRError):
    """The server rejected the request (4xx): retrying the same request cannot help.

    Attributes: ``status`` (HTTP status), ``code`` (stable ``RLVR_ERR_*`` code or None),
    ``body`` (the decoded JSON body or raw text).
    """

    def __init__(self, status: int, code: Optional[str], message: str, body: Any = None):
        super().__init__(f"HTTP {status} {code or ''}: {message}".strip())
        self.status = status
        self.code = code
        self.body = body


class RLVRUnavailableError(RLVRError):
    """The server could not be reached or kept failing (5xx) after every retry."""


class RLVRClient:
    """Client for one rlvr-server.

    Args:
        url: base URL, e.g. ``http://127.0.0.1:8000`` (default: ``$RLVR_URL`` or that).
        timeout: seconds per HTTP request, connect and read.
        max_retries: retries after the first attempt on connection errors, 429 and 5xx.
        backoff: first backoff in seconds; doubles on every retry, with +-50% jitter.
        max_backoff: cap on one backoff, seconds.
        batch_size: items per ``POST /reward`` request (keep it <= the server's item limit).
        concurrency: requests in flight at once when a call needs several batches.
    """

    def __init__(
        self,
        url: Optional[str] = None,
        *,
        timeout: float = 120.0,
        max_retries: int = 5,
        backoff: float = 0.5,
        max_backoff: float = 30.0,
        batch_size: int = 256,
        concurrency: int = 2,
    ) -> None:
        self.url = (url or os.environ.get("RLVR_URL") or DEFAULT_URL).rstrip("/")
        parts = urlsplit(self.url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"not an http(s) URL: {self.url!r}")
        self._https = parts.scheme == "https"
        self._host = parts.hostname
        self._port = parts.port
        self._prefix = parts.path.rstrip("/")
        self.timeout = timeout
        self.max_retries = max_retries
        self.backoff = backoff
        self.max_backoff = max_backoff
        self.batch_size = max(1, int(batch_size))
        self.concurrency = max(1, int(concurrency))
        self._local = threading.local()
        self._rng = random.Random()

    # -- transport -------------------------------------------------------------------------

    def _conn(self) -> http.client.HTTPConnection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            cls = http.client.HTTPSConnection if self._https else http.client.HTTPConnection
            conn = cls(self._host, self._port, timeout=self.timeout)
            self._local.conn = conn
        return conn

    def _drop_conn(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            try:
                conn.close()
            finally:
                self._local.conn = None

    def close(self) -> None:
        """Close this thread's keep-alive connection."""
        self._drop_conn()

    def __enter__(self) -> "RLVRClient":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def _sleep_before_retry(self, attempt: int, retry_after: Optional[str]) -> None:
        delay = min(self.max_backoff, self.backoff * (2**attempt)) * (0.5 + self._rng.random())
        if retry_after:
            try:
                delay = max(0.0, min(self.max_backoff, float(retry_after)))
            except ValueError:
                pass
        time.sleep(delay)

    def request(self, method: str, path: str, body: Any = None) -> Any:
        """Send one JSON request with retries; return the decoded JSON reply.

        Raises RLVRRequestError on 4xx (except 429), RLVRUnavailableError when retries run out.
        """
        payload = None if body is None else json.dumps(body, ensure_ascii=False).encode("utf-8")
        headers = {"Accept": "application/json", "Connection": "keep-alive"}
        if payload is not None:
            headers["Content-Type"] = "application/json"
        last: str = ""
        for attempt in range(self.max_retries + 1):
            retry_after = None
            try:
                conn = self._conn()
                conn.request(method, self._prefix + path, body=payload, headers=headers)
                resp = conn.getresponse()
                raw = resp.read()
                if resp.getheader("connection", "").lower() == "close":
                    self._drop_conn()
                status = resp.status
                if status < 400:
                    return json.loads(raw.decode("utf-8")) if raw else None
                text = raw.decode("utf-8", "replace")
                try:
                    err = json.loads(text)
                except ValueError:
                    err = text
                if status not in RETRY_STATUSES:
                    code = err.get("code") if isinstance(err, dict) else None
                    msg = err.get("message", text) if isinstance(err, dict) else text
                    raise RLVRRequestError(status, code, msg, err)
                last = f"HTTP {status}: {text[:200]}"
                retry_after = resp.getheader("retry-after")
            except (OSError, http.client.HTTPException, socket.timeout) as e:
                # connection refused/reset, remote disconnected, timeouts: reconnect and retry
                self._drop_conn()
                last = f"{type(e).__name__}: {e}"
            if attempt < self.max_retries:
                self._sleep_before_retry(attempt, retry_after)
        raise RLVRUnavailableError(f"{method} {self.url}{path} failed after {self.max_retries + 1} attempts: {last}")

    # -- API -------------------------------------------------------------------------------

    def health(self) -> Any:
        """``GET /healthz``."""
        return self.request("GET", "/healthz")

    def reward(
        self,
        items: Sequence[Mapping[str, Any]],
        weights: Optional[Weights] = None,
        max_refused: int = 16,
    ) -> Dict[str, List[Any]]:
        """``POST /reward`` for any number of items, in batches of ``batch_size``.

        Args:
            items: dicts with at least ``task``, ``completion`` and ``reference``; ``id`` is
                filled with the item's index when missing.
            weights: component weights (``{"accuracy": 1, "format": 0.5}``) or a preset name
                such as ``"r1"``; default: the server's default (accuracy only).

            max_refused: how many items of one batch the server may refuse on their own (a 4xx
                naming ``item_index``) before the error is raised; each refused item becomes a
                result with verdict ``error`` and reward None.

        Returns:
            ``{"rewards": [float | None], "results": [result dict]}`` in input order; a reward is
            None where the server could not grade the item (see the result's ``error``).
        """
        prepared = []
        for i, it in enumerate(items):
            d = dict(it)
            d.setdefault("id", str(i))
            prepared.append(d)
        chunks = [prepared[i : i + self.batch_size] for i in range(0, len(prepared), self.batch_size)]

        def post(chunk: List[Dict[str, Any]]) -> Dict[str, Any]:
            body: Dict[str, Any] = {"items": chunk}
            if isinstance(weights, str):
                body["preset"] = weights
            elif weights is not None:
                body["weights"] = dict(weights)
            reply = self.request("POST", "/reward", body)
            if not isinstance(reply, dict) or len(reply.get("results", [])) != len(chunk):
                raise RLVRError(f"server returned {len(reply.get('results', []))} results for {len(chunk)} items")
            return reply

        def send(chunk: List[Dict[str, Any]]) -> Dict[str, Any]:
            # A 4xx that names one item (over-long completion, unknown task...) makes that item an
            # error result (reward None) and the rest are sent again: one bad item never sinks a
            # batch. Up to `max_refused` such items per chunk; then the error is raised.
            results: List[Any] = [None] * len(chunk)
            pending = list(range(len(chunk)))
            refused = 0
            while pending:
                try:
                    reply = post([chunk[i] for i in pending])
                except RLVRRequestError as e:
                    at = e.body.get("item_index") if isinstance(e.body, dict) else None
                    refused += 1
                    if not isinstance(at, int) or not 0 <= at < len(pending) or refused > max_refused:
                        raise
                    i = pending.pop(at)
                    results[i] = {
                        "id": chunk[i]["id"],
                        "reward": None,
                        "components": {},
                        "verdict": "error",
                        "extracted": None,
                        "error": {"code": e.code, "message": str(e)},
                    }
                    continue
                for i, r in zip(pending, reply["results"]):
                    results[i] = r
                pending = []
            return {"rewards": [r["reward"] for r in results], "results": results}

        if len(chunks) <= 1 or self.concurrency == 1:
            replies = [send(c) for c in chunks]
        else:
            with ThreadPoolExecutor(max_workers=self.concurrency) as pool:
                replies = list(pool.map(send, chunks))
        rewards: List[Any] = []
        results: List[Any] = []
        for r in replies:
            rewards.extend(r["rewards"])
            results.extend(r["results"])
        return {"rewards": rewards, "results": results}

    def vote(self, completions: Sequence[str], reference: Optional[str] = None) -> Dict[str, Any]:
        """``POST /vote``: majority answer over one problem's completions (self-consistency)."""
        body: Dict[str, Any] = {"completions": list(completions)}
        if reference is not None:
            body["reference"] = reference
        return self.request("POST", "/vote", body)
