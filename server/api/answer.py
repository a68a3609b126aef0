"""What the /sparql view and the WSGI fast path share: running a job, the protocol's errors,
the headers of an answer and streaming it (one implementation, so both answer alike).
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections.abc import Iterator

from flask import has_request_context, request

from loaders.errors import QueryError, StoreError
from server.api import formats
from server.errors import Busy, QuerySyntaxError, QueryTimeout, TooManyRequests
from server.runtime.engine import Cached, Engine
from server.runtime.jobs import Abandoned, Answer, Job, PoolBusy, Timeout, WorkerError
from server.runtime.limits import Refusal, Refused

log = logging.getLogger(__name__)

CORS = {"Access-Control-Allow-Origin": "*",
        "Access-Control-Expose-Headers": "ETag, X-SPARQL-Truncated, X-SPARQL-Row-Limit"}
# (oxigraph format name, is an RDF graph) -> the media type it is served as
MEDIA = {(f.oxigraph, f.rdf): f.media_type for f in formats.RESULT_FORMATS + formats.RDF_FORMATS}


def answer_headers(media: str, truncated: bool, etag: str, cap: object) -> list[tuple[str, str]]:
    """The headers of a successful answer (CORS, validator, row cap)."""
    headers = [("Content-Type", media + ("; charset=utf-8" if media.startswith("text/") else "")),
               *CORS.items(), ("ETag", etag), ("Vary", "Accept"), ("Cache-Control", "no-cache")]
    if truncated:
        headers += [("X-SPARQL-Truncated", "true"), ("X-SPARQL-Row-Limit", str(cap))]
    return headers


def timeout_message(eng: Engine) -> str:
    return (f"the query ran past the limit of {eng.timeout:g} s and was stopped; add a LIMIT "
            "or narrow the patterns")


def raw_timeout_response(eng: Engine) -> bytes:
    """The whole HTTP 503 the watchdog writes itself when a query thread is stuck."""
    body = json.dumps({"error": "QueryTimeout", "message": timeout_message(eng),
                       "status": 503}).encode()
    head = ("HTTP/1.1 503 SERVICE UNAVAILABLE\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\nConnection: close\r\nRetry-After: 5\r\n"
            "Access-Control-Allow-Origin: *\r\n\r\n")
    return head.encode() + body


def query_hash(query: str) -> str:
    """A short stable name for a query in the logs (the text may be 100,000 characters)."""
    return hashlib.blake2b(query.encode(), digest_size=6).hexdigest()


def start(eng: Engine, job: Job, sock: object = None, client: str = "-") -> Answer:
    """Run a job within the client's limit; every refusal and timeout is counted and logged
    with the client, the duration and a hash of the query.

    Under gunicorn's threads execution (`sock`), the watchdog may answer 503 on that socket
    itself. Raises Refused when the client already has its share of queries running.
    """
    slot, refusal = eng.limits.enter(client)
    if refusal is not None:
        eng.metrics.add("rejected_concurrency")
        log.warning("query refused: client=%s reason=%s query=%s", client, refusal.reason,
                    query_hash(job.query))
        raise Refused(refusal)
    eng.metrics.add("queries")
    began = time.monotonic()
    try:
        if sock is None:
            answer = eng.run(job)
        else:
            if eng.timeout_response is None:
                eng.timeout_response = raw_timeout_response(eng)
            answer = eng.run(job, sock, eng.timeout_response)
    except PoolBusy:
        eng.limits.leave(slot)
        eng.metrics.add("rejected_busy")
        log.warning("query refused: client=%s reason=busy waited=%.2fs query=%s", client,
                    time.monotonic() - began, query_hash(job.query))
        raise
    except (Timeout, Abandoned):
        eng.limits.leave(slot)
        eng.metrics.add("timeouts")
        log.warning("query timeout: client=%s duration=%.2fs query=%s", client,
                    time.monotonic() - began, query_hash(job.query))
        raise
    except BaseException:
        eng.limits.leave(slot)
        raise
    answer.then(lambda: eng.limits.leave(slot))
    return answer


def busy_message(eng: Engine) -> str:
    return (f"every query worker stayed busy for {min(eng.timeout, eng.queue_seconds):g} s; "
            "try again")


def run(eng: Engine, job: Job, sock: object = None, client: str | None = None) -> Answer:
    """Run a job, turning the worker's failures into the protocol's errors; `client`
    defaults to the sender of the current request (entity pages count for it too)."""
    if client is None:
        client = eng.client(request.environ) if has_request_context() else "-"
    try:
        return start(eng, job, sock, client)
    except Abandoned:
        raise
    except Refused as e:
        raise refused_error(e.refusal) from None
    except PoolBusy:
        raise Busy(busy_message(eng)) from None
    except Timeout:
        raise QueryTimeout(timeout_message(eng)) from None
    except WorkerError as e:
        raise protocol_error(e) from None


def refused_error(refusal: Refusal) -> Busy:
    """The protocol's error for a limit: 503 (concurrency) or 429 (rate), with Retry-After."""
    error = TooManyRequests(refusal.message) if refusal.reason == "rate" else Busy(
        refusal.message)
    error.retry_after = refusal.retry_after
    return error


def protocol_error(e: WorkerError) -> Exception:
    if e.kind == "syntax":
        return QuerySyntaxError.from_parser(str(e))
    if e.kind == "value":
        return QueryError(str(e))
    return StoreError(f"the store could not answer: {e}")


def stream(eng: Engine, answer: Answer, key: tuple[object, ...], media: str) -> Iterator[bytes]:
    """The body of a long answer, chunk by chunk; kept in the cache if it ends up small."""
    kept: list[bytes] | None = [answer.first]
    size = len(answer.first)
    yield answer.first
    try:
        for chunk in answer.chunks():
            size += len(chunk)
            if kept is not None:
                kept = kept + [chunk] if size <= eng.cache.max_entry else None
            yield chunk
    except (Timeout, WorkerError) as e:
        # The status line is gone; closing without the final chunk tells the client the body
        # is incomplete (a cut-off 200 that looks whole is what oxigraph --timeout-s does).
        log.warning("answer cut off after %d bytes: %s", size, type(e).__name__)
        if isinstance(e, Timeout):
            eng.metrics.add("timeouts")
        raise
    if kept is not None:
        eng.cache.put(key, Cached(media, b"".join(kept), answer.header.truncated))
