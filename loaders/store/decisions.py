"""The curation log: every curator's decision, one JSON object a line, append-only.

The log (`triples/curation/decisions.jsonl`) is the source of truth for curation: the
store's curation graph is rebuilt from it (`loaders.store.curation`), at every build and
after every decision. It lives with the extracted triples so that it is reviewed in git
diffs and survives any rebuild of the store. Each append is one `write` on an O_APPEND
descriptor followed by `fsync`; a crash can only leave a torn LAST line, which `read_log`
detects and moves aside (into `decisions.jsonl.torn`, never silently dropped) before the
next append. A broken line anywhere else is an error naming the file and line.
"""

from __future__ import annotations

import json
import os
import secrets
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from loaders.errors import InputError, StoreError
from loaders.paths import TRIPLES_DIR

LOG_NAME = "decisions.jsonl"
KINDS = ("accept", "reject", "undo", "correct", "add", "merge", "edit")
STATUSES = ("Unreviewed", "Accepted", "Rejected")


def log_path(triples_dir: Path | str = TRIPLES_DIR) -> Path:
    """Where the curation log of a triples directory lives."""
    return Path(triples_dir) / "curation" / LOG_NAME


def log_location() -> Path:
    """The log the server records into: $ALLIANCEGRAPH_CURATION_LOG, else triples/'s."""
    configured = os.environ.get("ALLIANCEGRAPH_CURATION_LOG")
    return Path(configured) if configured else log_path()


@dataclass(frozen=True)
class Decision:
    """One curator's decision, as written to the log.

    `target` is the claim IRI (accept, reject, undo, correct) or the entity IRI (merge,
    edit); `before` and `after` hold what the curator saw and what the decision made:
    `{"status": ...}` for a claim, the new claim (`s`, `p`, `o`, `source`, `start`, `end`,
    `exact`) for correct and add, `{"into": IRI}` for merge, the changed fields for edit.
    `seen` is the id of the latest decision on the target the curator saw ("" if none):
    the optimistic version check.
    """

    id: str
    kind: str
    target: str
    curator: str
    time: str
    seen: str = ""
    reason: str = ""
    before: dict[str, Any] = field(default_factory=dict)
    after: dict[str, Any] = field(default_factory=dict)

    def line(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=True) + "\n"


def new_decision(kind: str, target: str, curator: str, **kw: Any) -> Decision:
    """A decision stamped now, with a fresh id that sorts by time."""
    if kind not in KINDS:
        raise InputError(f"unknown decision kind {kind!r} (one of {', '.join(KINDS)})")
    now = datetime.now(UTC)
    ident = now.strftime("%Y%m%dT%H%M%S%f") + "-" + secrets.token_hex(3)
    return Decision(ident, kind, target, curator, now.isoformat(timespec="seconds"), **kw)


def read_log(path: Path | str, repair: bool = True, torn_ok: bool = False) -> list[Decision]:
    """Every decision in the log, oldest first ([] if there is no log yet).

    A torn last line (no newline, or not JSON) is moved to `<log>.torn` and cut off when
    `repair` is set (only a writer holding the store's lock may: a reader could see an
    append in progress); left out with `torn_ok` (readers); otherwise, and for a bad line
    anywhere else, InputError(file:line).
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return []
    except OSError as e:
        raise StoreError(f"{path}: cannot read the curation log: {e.strerror}") from e
    lines = data.split(b"\n")
    tail = lines.pop()  # b"" when the file ends with a newline
    out: list[Decision] = []
    for number, raw in enumerate(lines, 1):
        try:
            out.append(_parse(raw))
        except ValueError as e:
            if number == len(lines) and not tail and (repair or torn_ok):
                if repair:
                    _repair(path, len(data) - len(raw) - 1, raw + b"\n")
                return out
            raise InputError(f"{path}:{number}: not a curation decision: {e}") from e
    if tail and not torn_ok:
        if not repair:
            raise InputError(f"{path}:{len(lines) + 1}: torn last line (a crash during an append)")
        _repair(path, len(data) - len(tail), tail)
    return out


def _parse(raw: bytes) -> Decision:
    try:
        obj = json.loads(raw)
        decision = Decision(**obj)
    except (json.JSONDecodeError, TypeError, UnicodeDecodeError) as e:
        raise ValueError(str(e)) from e
    if decision.kind not in KINDS:
        raise ValueError(f"unknown kind {decision.kind!r}")
    return decision


def _repair(path: Path, keep: int, torn: bytes) -> None:
    """Move a torn last line aside (appended to `<log>.torn`) and cut the log before it."""
    with open(path.with_name(path.name + ".torn"), "ab") as f:
        f.write(torn if torn.endswith(b"\n") else torn + b"\n")
        f.flush()
        os.fsync(f.fileno())
    with open(path, "r+b") as f:
        f.truncate(keep)
        os.fsync(f.fileno())


def append(path: Path | str, decision: Decision) -> None:
    """Append one decision durably (one write, then fsync of the file and, when new, its
    directory). Call it only while holding the store's write lock."""
    path = Path(path)
    created = not path.exists()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            os.write(fd, decision.line().encode("utf-8"))
            os.fsync(fd)
        finally:
            os.close(fd)
        if created:
            dfd = os.open(path.parent, os.O_RDONLY)
            try:
                os.fsync(dfd)
            finally:
                os.close(dfd)
    except OSError as e:
        raise StoreError(f"{path}: cannot append to the curation log: {e.strerror}") from e


def latest(decisions: list[Decision], target: str) -> Decision | None:
    """The latest decision on a claim or entity, if any."""
    return next((d for d in reversed(decisions) if d.target == target), None)
