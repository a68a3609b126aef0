"""Curators' accounts: users and roles in a small SQLite file beside the store, never in a
served graph; the session secret beside it; failed logins counted there too, so the limit
holds across every gunicorn web process.

Roles: anonymous readers (no account), `curator` (reviews claims), `admin` (curates, and
may merge and edit entities). Passwords are hashed with werkzeug's scrypt.
"""

from __future__ import annotations

import os
import re
import secrets
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from werkzeug.security import check_password_hash, generate_password_hash

from loaders.errors import InputError, StoreError
from loaders.store import versions as st

ROLES = ("curator", "admin")
USERS_FILE = "users.sqlite"
SECRET_FILE = ".secret_key"
NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
MIN_PASSWORD = 10
SCHEMA = """
CREATE TABLE IF NOT EXISTS users (name TEXT PRIMARY KEY, role TEXT NOT NULL,
                                  hash TEXT NOT NULL, created REAL NOT NULL);
CREATE TABLE IF NOT EXISTS failures (key TEXT NOT NULL, at REAL NOT NULL);
CREATE INDEX IF NOT EXISTS failures_key ON failures (key, at);
"""


@dataclass(frozen=True)
class Account:
    name: str
    role: str


def home(location: str | os.PathLike[str]) -> Path:
    """Where accounts and the secret live: the store directory (data/ for a remote store)."""
    return Path("data") if st.is_remote(location) else Path(location)


@contextmanager
def connect(location: str | os.PathLike[str]) -> Iterator[sqlite3.Connection]:
    path = home(location) / USERS_FILE
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(path, timeout=10, isolation_level=None)
    except (OSError, sqlite3.Error) as e:
        raise StoreError(f"{path}: cannot open the accounts database: {e}") from e
    try:
        db.executescript(SCHEMA)
        os.chmod(path, 0o600)
        yield db
    finally:
        db.close()


def add_user(location: str | os.PathLike[str], name: str, role: str, password: str) -> Account:
    """Create (or replace the password and role of) an account."""
    if not NAME.match(name):
        raise InputError(f"user name {name!r}: letters, digits, '.', '_', '-' (at most 64)")
    if role not in ROLES:
        raise InputError(f"role {role!r}: one of {', '.join(ROLES)}")
    if len(password) < MIN_PASSWORD:
        raise InputError(f"a password needs at least {MIN_PASSWORD} characters")
    digest = generate_password_hash(password, method="scrypt")
    with connect(location) as db:
        db.execute("INSERT INTO users VALUES (?, ?, ?, ?) ON CONFLICT(name) DO UPDATE "
                   "SET role = excluded.role, hash = excluded.hash", (name, role, digest, time.time()))
    return Account(name, role)


def get_user(location: str | os.PathLike[str], name: str) -> Account | None:
    with connect(location) as db:
        row = db.execute("SELECT name, role FROM users WHERE name = ?", (name,)).fetchone()
    return Account(row[0], row[1]) if row else None


def check_login(location: str | os.PathLike[str], name: str, password: str) -> Account | None:
    """The account if the password is right (a dummy hash is checked otherwise: same time)."""
    with connect(location) as db:
        row = db.execute("SELECT name, role, hash FROM users WHERE name = ?", (name,)).fetchone()
    digest = row[2] if row else _DUMMY
    ok = check_password_hash(digest, password)
    return Account(row[0], row[1]) if row and ok else None


_DUMMY = generate_password_hash(secrets.token_hex(8), method="scrypt")


def failures(location: str | os.PathLike[str], keys: list[str], window: float) -> int:
    """Failed logins recorded under any of `keys` in the last `window` seconds (the most)."""
    since = time.time() - window
    with connect(location) as db:
        counts = [db.execute("SELECT COUNT(*) FROM failures WHERE key = ? AND at > ?",
                             (k, since)).fetchone()[0] for k in keys]
    return max(counts, default=0)


def note_failure(location: str | os.PathLike[str], keys: list[str], window: float) -> None:
    now = time.time()
    with connect(location) as db:
        db.executemany("INSERT INTO failures VALUES (?, ?)", [(k, now) for k in keys])
        db.execute("DELETE FROM failures WHERE at < ?", (now - window,))


def secret_key(location: str | os.PathLike[str]) -> str:
    """The session secret: generated once (0600) beside the store, then read by every process."""
    path = home(location) / SECRET_FILE
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        for _ in range(50):  # another process may be writing it right now
            text = path.read_text(encoding="ascii").strip()
            if text:
                return text
            time.sleep(0.02)
        raise StoreError(f"{path}: empty session secret; delete it to make a new one") from None
    except OSError as e:
        raise StoreError(f"{path}: cannot create the session secret: {e.strerror}") from e
    key = secrets.token_hex(32)
    with os.fdopen(fd, "w", encoding="ascii") as f:
        f.write(key + "\n")
        f.flush()
        os.fsync(f.fileno())
    return key
