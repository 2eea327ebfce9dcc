"""Secrets kept in the database are encrypted with a master key that is not (core/secrets.py):
a copy of the database alone does not give away the keys that sign cookies, chat tokens and
customers' identity."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from firstline.core.db import Database
from firstline.core.secrets import (
    SecretKeyError,
    decrypt_secret,
    encrypt_secret,
    forget_keys,
    instance_secret,
    keyring,
)


async def _stored(db: Database, name: str) -> str:
    async with db.session() as s:
        value = (
            await s.execute(text("SELECT value FROM instance_secrets WHERE name = :n"), {"n": name})
        ).scalar_one()
    return str(value)


async def test_signing_keys_are_not_in_the_database_in_clear(db: Database) -> None:
    # The attack: read instance_secrets from a stolen dump and sign cookies and chat tokens.
    key = await instance_secret(db, "cookie_key")
    stored = await _stored(db, "cookie_key")
    assert key not in stored
    assert stored.startswith("enc:v1:")
    assert await instance_secret(db, "cookie_key") == key  # the same key every time


async def test_a_value_from_before_encryption_is_sealed_on_first_read(db: Database) -> None:
    async with db.transaction() as s:
        await s.execute(
            text(
                "INSERT INTO instance_secrets (name, value, created_at) "
                "VALUES ('widget_key', 'old-plain-key', CURRENT_TIMESTAMP)"
            )
        )
    assert await instance_secret(db, "widget_key") == "old-plain-key"
    assert (await _stored(db, "widget_key")).startswith("enc:v1:")
    assert await instance_secret(db, "widget_key") == "old-plain-key"


def test_the_public_api_round_trips_and_detects_tampering() -> None:
    sealed = encrypt_secret("JBSWY3DPEHPK3PXP")
    assert "JBSWY3DPEHPK3PXP" not in sealed
    assert encrypt_secret("JBSWY3DPEHPK3PXP") != sealed  # a fresh nonce each time
    assert decrypt_secret(sealed) == "JBSWY3DPEHPK3PXP"
    tampered = sealed[:-2] + ("A" if sealed[-2] != "A" else "B") + sealed[-1]
    with pytest.raises(SecretKeyError):
        decrypt_secret(tampered)


def test_another_master_key_cannot_read_them(monkeypatch: pytest.MonkeyPatch) -> None:
    sealed = encrypt_secret("seed")
    monkeypatch.setenv("FIRSTLINE_MASTER_KEY", "some-other-key")
    with pytest.raises(SecretKeyError, match="FIRSTLINE_MASTER_KEY"):
        decrypt_secret(sealed)


def test_sqlite_keeps_its_key_in_a_private_file_next_to_the_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("FIRSTLINE_MASTER_KEY", raising=False)
    url = f"sqlite+aiosqlite:///{tmp_path / 'desk.db'}"
    ring = keyring(url)
    path = tmp_path / "desk.db.key"
    assert ring.path == path
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    sealed = ring.encrypt("x")
    forget_keys()
    assert keyring(url).decrypt(sealed) == "x"  # read back from the file, not remembered


def test_postgresql_without_a_master_key_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FIRSTLINE_MASTER_KEY", raising=False)
    with pytest.raises(SecretKeyError, match="FIRSTLINE_MASTER_KEY_FILE"):
        keyring("postgresql+asyncpg://u@127.0.0.1/x")


def _cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "firstline", *args],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip


def test_rotate_reencrypts_under_a_new_key_and_retires_the_old(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FIRSTLINE_")}
    env["FIRSTLINE_DATABASE_URL"] = f"sqlite+aiosqlite:///{tmp_path / 'desk.db'}"
    assert _cli("migrate", env=env).returncode == 0
    first = _cli("widget", "secret", env=env)
    assert first.returncode == 0, first.stderr
    key_file = tmp_path / "desk.db.key"
    old_key = key_file.read_text()
    rotated = _cli("secrets", "rotate", env=env)
    assert rotated.returncode == 0, rotated.stderr
    assert "1 value(s) re-encrypted" in rotated.stdout or "re-encrypted" in rotated.stdout
    assert key_file.read_text() != old_key
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    again = _cli("widget", "secret", env=env)
    assert again.stdout == first.stdout  # the same widget secret, under the new key
    # The old key alone no longer reads the database.
    key_file.write_text(old_key)
    lost = _cli("widget", "secret", env=env)
    assert lost.returncode == 1
    assert "master key" in lost.stderr and "Traceback" not in lost.stderr
