"""Secrets a deployment keeps: the keys it signs with, and whatever other code must store
encrypted (two-factor seeds, SSO client secrets).

Signing keys (cookies, the widget's identity key) come from the environment or a file when
configured (``FIRSTLINE_SECRET_KEY`` / ``FIRSTLINE_SECRET_KEY_FILE``, and likewise per key);
otherwise the deployment makes them itself and keeps them in table ``instance_secrets``, so
every server process signs with the same key without anyone configuring one.

Nothing secret is kept there in clear: values are encrypted with AES-256-GCM under a *master
key* that is not in the database, so a copy of the database (a backup, a stolen dump, an SQL
injection) does not give away the keys. The master key comes from, in order:

- ``FIRSTLINE_MASTER_KEY``: one or more keys separated by commas, the first one current;
- ``FIRSTLINE_MASTER_KEY_FILE``: a file with one key a line, the first one current;
- for SQLite, the file ``<database>.key`` next to the database file, created with mode 0600 on
  first use (the zero-setup default: back it up with the database, but keep it out of the
  database's own backups if those leave the machine).

PostgreSQL deployments must configure one of the first two: every server process, on every
machine, needs the same key. Older keys listed after the first one still decrypt, which is how
``firstline secrets rotate`` changes keys without a moment where a value cannot be read.

Stored form: ``enc:v1:<key id>:<base64url(nonce || ciphertext)>``; the key id (8 hex digits of a
hash of the key) says which key of the ring decrypts it. Values without the ``enc:`` prefix are
from before encryption and are read as they are (``instance_secret`` re-stores them encrypted).
"""

from __future__ import annotations

import base64
import hashlib
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncSession

from firstline.core.db import Database, now
from firstline.core.rawsql import SQL, raw_connection

PREFIX = "enc:v1:"
MASTER_KEY_ENV = "FIRSTLINE_MASTER_KEY"
MASTER_KEY_FILE_ENV = "FIRSTLINE_MASTER_KEY_FILE"

# Every column whose values were stored with encrypt_secret, as (table, primary key column,
# value column): `firstline secrets rotate` re-encrypts them all under the current key. Add
# yours here (values may be NULL; rows are read and written one by one).
ENCRYPTED_COLUMNS: list[tuple[str, str, str]] = [
    ("instance_secrets", "name", "value"),
    ("agent_two_factor", "agent_id", "secret"),  # agents/twofactor.py
]


class SecretKeyError(RuntimeError):
    """The master key is missing, unreadable, or not the one a stored value was made with;
    the message says what to do. Raised at startup or by the CLI, never from a request a
    person made wrong."""


def new_key() -> str:
    """A fresh master key as written in files and the environment (32 random bytes)."""
    return base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()


@dataclass(frozen=True, slots=True)
class Key:
    id: str
    aead: AESGCM


def _key(text: str) -> Key:
    # Any text works as a key (people paste `openssl rand -base64 32`); hashing it gives the 32
    # bytes AES-256 needs whatever its shape. The id is a different hash, so it reveals nothing
    # of the key.
    material = hashlib.sha256(text.strip().encode()).digest()
    key_id = hashlib.sha256(b"firstline key id\x00" + material).hexdigest()[:8]
    return Key(id=key_id, aead=AESGCM(material))


@dataclass(frozen=True, slots=True)
class KeyRing:
    keys: tuple[Key, ...]  # the first one encrypts
    source: str  # where the keys came from, for messages (never the keys)
    path: Path | None = None  # the file, when the keys live in one

    @property
    def current(self) -> Key:
        return self.keys[0]

    def encrypt(self, plaintext: str) -> str:
        nonce = secrets.token_bytes(12)
        sealed = self.current.aead.encrypt(nonce, plaintext.encode(), None)
        body = base64.urlsafe_b64encode(nonce + sealed).decode().rstrip("=")
        return f"{PREFIX}{self.current.id}:{body}"

    def decrypt(self, stored: str) -> str:
        if not stored.startswith(PREFIX):
            return stored  # from before encryption (see the module docstring)
        key_id, _, body = stored[len(PREFIX) :].partition(":")
        for key in self.keys:
            if key.id == key_id:
                raw = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
                try:
                    return key.aead.decrypt(raw[:12], raw[12:], None).decode()
                except InvalidTag:
                    raise SecretKeyError(
                        f"a stored secret made with master key {key_id} does not decrypt: "
                        "it was altered"
                    ) from None
        raise SecretKeyError(
            f"a stored secret was encrypted with master key {key_id}, which {self.source} does "
            f"not hold (it holds {', '.join(k.id for k in self.keys)}): configure the same "
            f"{MASTER_KEY_ENV} or {MASTER_KEY_FILE_ENV} in every process (docs/security.md)"
        )


def _read_key_file(path: Path) -> list[str]:
    try:
        lines = path.read_text().splitlines()
    except OSError as exc:
        raise SecretKeyError(f"cannot read the master key file {path}: {exc}") from None
    keys = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    if not keys:
        raise SecretKeyError(f"the master key file {path} holds no key")
    return keys


def write_key_file(path: Path, keys: list[str]) -> None:
    """Write `keys` (current first) to `path`, readable by its owner only, replacing the file
    in one step so that a process reading it never sees half of it."""
    tmp = path.with_name(path.name + f".{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as out:
        out.write("# Firstline master key (docs/security.md). Keep it secret, back it up.\n")
        out.write("".join(k + "\n" for k in keys))
    os.replace(tmp, path)


def default_key_file(database_url: str) -> Path | None:
    """Where the zero-setup master key lives for `database_url`: next to an SQLite file."""
    url = make_url(database_url)
    if not url.drivername.startswith("sqlite") or not url.database:
        return None
    if url.database == ":memory:" or url.database.startswith("file:"):
        return None
    return Path(url.database).resolve().with_name(Path(url.database).name + ".key")


_rings: dict[tuple[str, str, str], KeyRing] = {}
_database_url: str | None = None


def use_database(database_url: str) -> None:
    """Name the database whose default key file encrypt/decrypt use when no master key is
    configured (the server and the CLI call it when they open their database)."""
    global _database_url
    _database_url = database_url


def keyring(database_url: str | None = None) -> KeyRing:
    """The master keys for `database_url` (by default the one named by use_database, else the
    configured FIRSTLINE_DATABASE_URL), created for SQLite when there are none yet."""
    env = os.environ.get(MASTER_KEY_ENV, "")
    file = os.environ.get(MASTER_KEY_FILE_ENV, "")
    if database_url is None:
        if _database_url is None:
            from firstline.core.settings import get_settings

            database_url = get_settings().database_url
        else:
            database_url = _database_url
    cache_key = (env, file, "" if env or file else database_url)
    ring = _rings.get(cache_key)
    if ring is not None:
        return ring
    if env:
        texts = [k for k in (part.strip() for part in env.split(",")) if k]
        ring = KeyRing(tuple(_key(k) for k in texts), source=MASTER_KEY_ENV)
    elif file:
        path = Path(file)
        ring = KeyRing(
            tuple(_key(k) for k in _read_key_file(path)), source=f"file {path}", path=path
        )
    else:
        path_or_none = default_key_file(database_url)
        if path_or_none is None:
            raise SecretKeyError(
                f"set {MASTER_KEY_ENV} or {MASTER_KEY_FILE_ENV}: the database's secrets are "
                "encrypted with a key kept outside it, and with PostgreSQL every server "
                "process must be given the same one (docs/security.md)"
            )
        path = path_or_none
        if not path.exists():
            try:
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            except FileExistsError:
                pass  # another process made it first: use theirs
            else:
                with os.fdopen(fd, "w") as out:
                    out.write(
                        "# Firstline master key (docs/security.md). Keep it secret, back it "
                        "up.\n" + new_key() + "\n"
                    )
        ring = KeyRing(
            tuple(_key(k) for k in _read_key_file(path)), source=f"file {path}", path=path
        )
    _rings[cache_key] = ring
    return ring


def forget_keys() -> None:
    """Drop the cached key rings (after a rotation changed the file)."""
    _rings.clear()


def encrypt_secret(plaintext: str) -> str:
    """`plaintext` sealed with the current master key, as text to store in any column
    (about 1.4 times its length plus 40 characters)."""
    return keyring().encrypt(plaintext)


def decrypt_secret(stored: str) -> str:
    """The plaintext of a value made by encrypt_secret (raises SecretKeyError when the key it
    was made with is not configured here)."""
    return keyring().decrypt(stored)


def is_encrypted(stored: str) -> bool:
    return stored.startswith(PREFIX)


_READ = SQL("SELECT value FROM instance_secrets WHERE name = $1")
_CREATE = SQL(
    "INSERT INTO instance_secrets (name, value, created_at) VALUES ($1, $2, $3) "
    "ON CONFLICT (name) DO NOTHING"
)
_UPGRADE = SQL("UPDATE instance_secrets SET value = $2 WHERE name = $1 AND value = $3")


async def _read(session: AsyncSession, name: str) -> str | None:
    raw = await raw_connection(session)
    row = await raw.fetchone(_READ, name)
    return str(row[0]) if row else None


async def instance_secret(db: Database, name: str, configured: str | None = None) -> str:
    """The secret called `name`: `configured` when given, else the stored one, created on
    first use (two processes racing to create it agree on the first one written)."""
    if configured:
        return configured
    use_database(db.url)
    ring = keyring(db.url)
    async with db.session() as session:
        found = await _read(session, name)
    if found is not None:
        if not is_encrypted(found):
            # Kept in clear by an older version: seal it now (only if nobody changed it).
            async with db.transaction(raw_writes=True) as session:
                raw = await raw_connection(session)
                await raw.execute(_UPGRADE, name, ring.encrypt(found), found)
        return ring.decrypt(found)
    async with db.transaction(raw_writes=True) as session:
        raw = await raw_connection(session)
        sealed = ring.encrypt(secrets.token_urlsafe(32))
        await raw.execute(_CREATE, name, sealed, raw.ts(now(session)))
        value = await _read(session, name)
    assert value is not None
    return ring.decrypt(value)


@dataclass(frozen=True, slots=True)
class Rotation:
    key_id: str  # the key everything is encrypted with now
    reencrypted: int  # values rewritten
    retired: tuple[str, ...]  # key ids removed from the key file


async def rotate_keys(db: Database, *, generate: bool, keep_old: bool = False) -> Rotation:
    """Re-encrypt every registered encrypted value under the current master key.

    With `generate` (the keys live in a file), a new key is written first in the file and
    becomes the current one; after every value is re-encrypted the old keys are dropped from the
    file unless `keep_old`. With keys from the environment, put the new key first in
    FIRSTLINE_MASTER_KEY (the old ones after it), rotate, then remove the old ones."""
    use_database(db.url)
    ring = keyring(db.url)
    if generate:
        if ring.path is None:
            raise SecretKeyError(
                f"the master keys come from {MASTER_KEY_ENV}: put a new key first there "
                "(the old ones after it) and run `firstline secrets rotate` without --new-key"
            )
        old = _read_key_file(ring.path)
        write_key_file(ring.path, [new_key(), *old])
        forget_keys()
        ring = keyring(db.url)
    count = 0
    for table, pk, column in ENCRYPTED_COLUMNS:
        read = SQL(f"SELECT {pk}, {column} FROM {table} WHERE {column} IS NOT NULL")
        write = SQL(f"UPDATE {table} SET {column} = $2 WHERE {pk} = $1 AND {column} = $3")
        async with db.transaction(raw_writes=True) as session:
            raw = await raw_connection(session)
            for key, stored in await raw.fetchall(read):
                if is_encrypted(stored) and stored[len(PREFIX) :].startswith(ring.current.id):
                    continue
                await raw.execute(write, key, ring.encrypt(ring.decrypt(stored)), stored)
                count += 1
    retired: tuple[str, ...] = ()
    if ring.path is not None and not keep_old and len(ring.keys) > 1:
        current = _read_key_file(ring.path)[0]
        retired = tuple(k.id for k in ring.keys[1:])
        write_key_file(ring.path, [current])
        forget_keys()
    return Rotation(key_id=ring.current.id, reencrypted=count, retired=retired)


async def session_instance_secret(
    session: AsyncSession, name: str, configured: str | None = None
) -> str:
    """instance_secret inside `session`'s transaction (which instance_secret, opening its
    own, cannot join): the configured one, else the stored one, made now if there is none."""
    if configured:
        return configured
    found = await _read(session, name)
    if found is None:
        raw = await raw_connection(session)
        await raw.execute(
            _CREATE, name, encrypt_secret(secrets.token_urlsafe(32)), raw.ts(now(session))
        )
        found = await _read(session, name)
        assert found is not None
    return decrypt_secret(found) if is_encrypted(found) else found
