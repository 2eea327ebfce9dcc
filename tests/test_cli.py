"""The `firstline` command, run as a user runs it: a separate process, exit codes, output."""

from __future__ import annotations

import asyncio
import json
import os
import re
import socket
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest


def firstline(
    *args: str, url: str | None = None, stdin: str | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FIRSTLINE_")}
    if url is not None:
        env["FIRSTLINE_DATABASE_URL"] = url
    return subprocess.run(
        [sys.executable, "-m", "firstline", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=120,
    )


def one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 1, result
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ")
    return lines[0]


def test_migrate_is_repeatable(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    first = firstline("migrate", url=url)
    assert first.returncode == 0, first.stderr
    assert "up to date" in first.stdout
    assert firstline("migrate", url=url).returncode == 0


def test_unmigrated_database_is_a_one_line_error(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'empty.db'}"
    line = one_line_error(firstline("serve", "--port", "1", url=url))
    assert "firstline migrate" in line
    line = one_line_error(firstline("token", "create", "--email", "a@b.c", url=url))
    assert "firstline migrate" in line


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("mysql://root@127.0.0.1/test", "unsupported database"),
        ("not a url", "cannot parse database URL"),
        ("postgresql+asyncpg://nobody@127.0.0.1:9/nowhere", "cannot reach the database"),
        ("sqlite:////nonexistent-dir/sub/x.db", "database error"),
    ],
)
def test_wrong_database_url_is_a_one_line_error(url: str, expected: str) -> None:
    line = one_line_error(firstline("migrate", url=url))
    assert expected in line


def test_agent_and_token_lifecycle(database_url: str) -> None:
    created = firstline(
        "agent", "create", "--email", "Lan@Example.com", "--name", "Lan Pham",
        "--role", "supervisor", "--languages", "vi,en", "--password-stdin",
        url=database_url, stdin="correct horse battery\n",
    )  # fmt: skip
    assert created.returncode == 0, created.stderr
    assert "lan@example.com" in created.stdout

    duplicate = firstline(
        "agent", "create", "--email", "lan@example.com", "--name", "Again", url=database_url
    )
    assert "already exists" in one_line_error(duplicate)

    short = firstline(
        "agent", "create", "--email", "x@example.com", "--name", "X", "--password-stdin",
        url=database_url, stdin="short\n",
    )  # fmt: skip
    assert "at least 12 characters" in one_line_error(short)

    bad_language = firstline(
        "agent", "create", "--email", "y@example.com", "--name", "Y", "--languages", "xx",
        url=database_url,
    )  # fmt: skip
    assert "unsupported language" in one_line_error(bad_language)

    unknown = firstline("token", "create", "--email", "ghost@example.com", url=database_url)
    assert "no agent with email" in one_line_error(unknown)

    token = firstline("token", "create", "--email", "lan@example.com", url=database_url)
    assert token.returncode == 0, token.stderr
    secret = token.stdout.strip().splitlines()[-1]
    assert secret.startswith("fl_")

    revoked = firstline("token", "revoke", "--email", "lan@example.com", url=database_url)
    assert revoked.returncode == 0
    assert "revoked 1 token" in revoked.stdout


def test_team_create(database_url: str) -> None:
    ok = firstline(
        "team", "create", "--name", "Futures VI", "--product", "futures", "--languages", "vi",
        url=database_url,
    )  # fmt: skip
    assert ok.returncode == 0, ok.stderr
    again = firstline("team", "create", "--name", "Futures VI", url=database_url)
    assert "already exists" in one_line_error(again)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_healthy(base: str, proc: subprocess.Popen[str]) -> httpx.Response:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(
                f"server exited early: {proc.stderr.read() if proc.stderr else ''}"
            )
        try:
            return httpx.get(f"{base}/healthz", timeout=2)
        except httpx.TransportError:
            time.sleep(0.2)
    raise AssertionError("server did not answer within 60 s")


def test_demo_seeds_and_serves_a_working_api(tmp_path: Path) -> None:
    """`firstline demo` in an empty directory: SQLite file there, demo data, tokens that work."""
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("FIRSTLINE_")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "firstline", "demo", "--port", str(port)],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    first_base = f"http://127.0.0.1:{port}"
    try:
        base = f"http://127.0.0.1:{port}"
        health = _wait_healthy(base, proc)
        assert health.status_code == 200
        assert (tmp_path / "firstline.db").exists()
    finally:
        proc.terminate()
        out, _ = proc.communicate(timeout=30)
    assert "300 conversations" in out
    token = next(line.split("token ")[1] for line in out.splitlines() if "admin " in line)
    assert "firstline-demo" in out
    # The demo admin's two-factor seed, and a code from it (admins sign in with two-factor).
    from firstline.demo.seed import DEMO_TOTP_SECRET

    assert f"secret {DEMO_TOTP_SECRET}" in out and "pyotp.TOTP(" in out

    # The same database serves again through `firstline serve`, with the printed token; with
    # the demo's backoffice and recorded chain data switched on as `firstline demo` does.
    from firstline.demo.recovery import demo_chain_file

    port = _free_port()
    served_env = {
        **env,
        "FIRSTLINE_DEMO_BACKOFFICE": "true",
        "FIRSTLINE_BACKOFFICE_URL": f"http://127.0.0.1:{port}/demo-backoffice",
        "FIRSTLINE_BACKOFFICE_SECRET": "cli-test",
        "FIRSTLINE_RECOVERY_RECORDED": str(demo_chain_file()),
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "firstline", "serve", "--port", str(port)],
        cwd=tmp_path,
        env=served_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_healthy(base, proc)
        # Every address the demo's banner prints leads somewhere.
        for link in re.findall(rf"{re.escape(first_base)}(\S*)", out):
            path = link.rstrip(").,").split("#")[0]
            answer = httpx.get(f"{base}{path}", follow_redirects=False)
            assert answer.status_code != 404, link
        headers = {"Authorization": f"Bearer {token}"}
        teams = httpx.get(f"{base}/api/v1/teams", headers=headers).json()
        assert {t["product"] for t in teams} >= {
            "spot", "futures", "p2p", "deposits_withdrawals", "account_security",
        }  # fmt: skip
        assert {t["line"] for t in teams} == {"first", "second"}
        page = httpx.get(
            f"{base}/api/v1/conversations", params={"limit": 200}, headers=headers
        ).json()
        assert len(page["items"]) == 200
        assert page["next_cursor"]
        languages = {c["language"] for c in page["items"]}
        assert len(languages) >= 10
        statuses = {c["status"] for c in page["items"]}
        assert {"open", "resolved"} <= statuses
        # The recovery desk works on the demo data: an XRP deposit sent without its tag.
        case = httpx.post(
            f"{base}/api/v1/recovery/cases",
            headers=headers,
            json={
                "network": "XRP", "token": "XRP", "amount": "1200",
                "tx_hash": "C3F2A1B0D9E8F7A6B5C4D3E2F1A0B9C8D7E6F5A4B3C2D1E0F9A8B7C6D5E4F3A2",
                "address": "rEb8TK3gBgk5auZkwc6sHnwrGVJH8DuaLh", "external_user_id": "u_1001",
            },
        )  # fmt: skip
        assert case.status_code == 201, case.text
        assert (case.json()["cause"], case.json()["path"], case.json()["fee"]["amount"]) == (
            "missing_memo", "direct", "120.00",
        )  # fmt: skip
    finally:
        proc.terminate()
        proc.communicate(timeout=30)

    again = firstline("demo", "--no-serve", cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert "existing demo data kept" in again.stdout


def test_demo_data_is_in_the_past(tmp_path: Path) -> None:
    result = firstline("demo", "--no-serve", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    conn = sqlite3.connect(tmp_path / "firstline.db")
    latest = max(
        conn.execute(f"SELECT max({c}) FROM conversations").fetchone()[0]
        for c in ("created_at", "updated_at", "last_message_at", "resolved_at")
    )
    conn.close()
    assert datetime.fromisoformat(latest).replace(tzinfo=UTC) < datetime.now(UTC)


def test_two_server_processes_share_one_sqlite_file(tmp_path: Path) -> None:
    """Several `firstline serve` processes on one SQLite file (what --workers starts): writes
    sent to both at once all land, none fails on the other's write lock."""
    url = f"sqlite+aiosqlite:///{tmp_path / 'shared.db'}"
    assert firstline("migrate", url=url).returncode == 0
    created = firstline(
        "agent", "create", "--email", "w@example.test", "--name", "W", "--role", "admin", url=url
    )
    assert created.returncode == 0, created.stderr
    token = firstline("token", "create", "--email", "w@example.test", url=url).stdout.split()[-1]
    env = {k: v for k, v in os.environ.items() if not k.startswith("FIRSTLINE_")}
    env["FIRSTLINE_DATABASE_URL"] = url
    ports = [_free_port(), _free_port()]
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "firstline", "serve", "--port", str(port)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for port in ports
    ]
    try:
        bases = [f"http://127.0.0.1:{port}" for port in ports]
        for base, proc in zip(bases, procs, strict=True):
            _wait_healthy(base, proc)
        headers = {"Authorization": f"Bearer {token}"}

        async def load() -> list[int]:
            clients = [httpx.AsyncClient(base_url=b, headers=headers, timeout=30) for b in bases]
            try:

                async def one(n: int) -> int:
                    body = {
                        "customer": {"external_id": f"two-{n}"},
                        "channel": "chat",
                        "message": {"body": f"Deposit {n} has not arrived"},
                    }
                    r = await clients[n % 2].post("/api/v1/conversations", json=body)
                    assert r.status_code == 201, r.text
                    return int(r.json()["id"])

                return await asyncio.gather(*(one(n) for n in range(300)))
            finally:
                for c in clients:
                    await c.aclose()

        ids = asyncio.run(load())
        assert len(set(ids)) == 300
        # Each process reads what the other wrote.
        for base in bases:
            seen: set[int] = set()
            cursor = None
            while True:
                params: dict[str, str | int] = {"limit": 200}
                if cursor:
                    params["cursor"] = cursor
                page = httpx.get(f"{base}/api/v1/conversations", params=params, headers=headers)
                seen |= {c["id"] for c in page.json()["items"]}
                cursor = page.json()["next_cursor"]
                if not cursor:
                    break
            assert seen == set(ids)
    finally:
        for proc in procs:
            proc.terminate()
            proc.communicate(timeout=30)


def test_serve_with_workers_spreads_connections_and_stops_them_all(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'workers.db'}"
    assert firstline("migrate", url=url).returncode == 0
    env = {k: v for k, v in os.environ.items() if not k.startswith("FIRSTLINE_")}
    env["FIRSTLINE_DATABASE_URL"] = url
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "firstline", "serve", "--port", str(port), "--workers", "2"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(base, proc)
        # Each new connection lands on one worker's socket; both answer.
        workers: set[int] = set()
        deadline = time.monotonic() + 30
        while len(workers) < 2 and time.monotonic() < deadline:
            workers.add(httpx.get(f"{base}/healthz").json()["worker"])
        assert len(workers) == 2
        assert proc.pid not in workers
        # A second server on the same port is refused with a sentence, not a traceback.
        taken = firstline("serve", "--port", str(port), "--workers", "2", url=url)
        assert "cannot listen on" in one_line_error(taken)
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=30)
    assert proc.returncode == 0
    # Without Redis, live updates would not cross workers: the server says so at start.
    assert "FIRSTLINE_REDIS_URL" in err
    for pid in workers:
        deadline = time.monotonic() + 10
        while _alive(pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not _alive(pid), f"worker {pid} outlived the server"


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rpartition(")")[2].split()[0] != "Z"


def test_widget_secret_is_made_once_and_signs_user_ids(tmp_path: Path) -> None:
    import hashlib
    import hmac

    url = f"sqlite+aiosqlite:///{tmp_path / 'widget.db'}"
    assert firstline("migrate", url=url).returncode == 0
    first = firstline("widget", "secret", url=url)
    assert first.returncode == 0, first.stderr
    secret = first.stdout.strip().splitlines()[-1]
    assert len(secret) >= 32
    assert firstline("widget", "secret", url=url).stdout.strip().splitlines()[-1] == secret
    # The server accepts a user id signed with it.
    env = {k: v for k, v in os.environ.items() if not k.startswith("FIRSTLINE_")}
    env["FIRSTLINE_DATABASE_URL"] = url
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "firstline", "serve", "--port", str(port)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_healthy(base, proc)
        code = hmac.new(secret.encode(), b"user-42", hashlib.sha256).hexdigest()
        ok = httpx.post(f"{base}/chat/api/session", json={"user_id": "user-42", "user_hash": code})
        assert ok.status_code == 200, ok.text
        bad = httpx.post(f"{base}/chat/api/session", json={"user_id": "user-43", "user_hash": code})
        assert bad.status_code == 401
    finally:
        proc.terminate()
        proc.communicate(timeout=30)


def test_eval_measures_language_identification(tmp_path: Path) -> None:
    data = tmp_path / "evaldata" / "tatoeba_lid"
    data.mkdir(parents=True)
    (data / "dev.csv").write_text(
        "id,lang,iso639_3,text,text_en\n"
        "a,vi,vie,Tôi muốn rút tiền về ngân hàng của tôi,I want to withdraw to my bank\n"
        "b,de,deu,Ich möchte mein Passwort ändern,I want to change my password\n"
        "c,zh,cmn,我想修改我的密码,I want to change my password\n"
        "d,pl,pol,Chcę zmienić hasło,I want to change my password\n",
        encoding="utf-8",
    )
    result = firstline("eval", str(tmp_path / "evaldata"))
    assert result.returncode == 0, result.stderr
    assert "| vi | 1 | 1.000 |" in result.stdout
    assert "| zh | 1 | 1.000 |" in result.stdout
    assert "| **all 3 served** | 3 | **1.000** |" in result.stdout
    assert "| pl (not served) | 1 | - |" in result.stdout

    missing = firstline("eval", str(tmp_path))
    assert "tatoeba_lid" in one_line_error(missing)


def test_kb_import_is_all_or_nothing_repeatable_and_exports_what_it_read(
    database_url: str, tmp_path: Path
) -> None:
    assert firstline("migrate", url=database_url).returncode == 0
    lines = [
        {
            "external_id": "deposit-missing",
            "locale": "en",
            "title": "Deposit not arrived",
            "body": "Check the network and the memo.",
            "category": "deposits",
        },
        {
            "external_id": "deposit-missing",
            "locale": "vi-VN",
            "body": "# Nạp tiền chưa về\nKiểm tra mạng và memo.",
        },
        {"external_id": "2fa-reset", "locale": "zh-TW", "body": "重設雙重驗證", "status": "draft"},
    ]
    good = tmp_path / "kb.jsonl"
    good.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n")
    bad = tmp_path / "bad.jsonl"
    bad.write_text(
        good.read_text()
        + '{"external_id": "x", "locale": "xx", "body": "b"}\n'
        + "not json\n"
        + '{"external_id": "2fa-reset", "locale": "zh-TW", "body": "again"}\n'
    )

    refused = one_line_error(firstline("kb", "import", str(bad), url=database_url))
    assert "nothing imported: line 4: locale" in refused
    assert "line 5: not JSON" in refused and "already on line 3" in refused
    assert firstline("kb", "export", url=database_url).stdout == ""  # nothing half-written

    first = firstline("kb", "import", str(good), url=database_url)
    assert first.returncode == 0, first.stderr
    assert "3 article versions: 3 created, 0 updated, 0 unchanged" in first.stdout
    again = firstline("kb", "import", str(good), url=database_url)
    assert "0 created, 0 updated, 3 unchanged" in again.stdout

    exported = [
        json.loads(x) for x in firstline("kb", "export", url=database_url).stdout.splitlines()
    ]
    assert [(a["external_id"], a["locale"], a["status"]) for a in exported] == [
        ("deposit-missing", "en", "published"),
        ("deposit-missing", "vi", "published"),
        ("2fa-reset", "zh-TW", "draft"),
    ]
    assert exported[1]["title"] == "Nạp tiền chưa về"  # from the body's first line
    only_vi = firstline("kb", "export", "--locale", "vi", url=database_url).stdout
    assert only_vi.count("\n") == 1

    lines[0]["body"] = "Check the network, the memo and the minimum deposit."
    good.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n")
    changed = firstline("kb", "import", str(good), url=database_url)
    assert "0 created, 1 updated, 2 unchanged" in changed.stdout


def test_recovery_matrix_import_export_and_bad_files(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'r.db'}"
    assert firstline("migrate", url=url).returncode == 0
    good = tmp_path / "matrix.csv"
    good.write_text(
        "network,token,contract,listed,path,decimals,min_deposit,price,may_be_listed\n"
        "ETH,ETH,,yes,direct,18,0.001,3000,\n"
        "ETH,USDT,0xDAC17F958D2EE523A2206206994597C13D831EC7,yes,direct,6,1,1,\n"
        "SOL,*,,no,unsupported,,,,yes\n"
    )
    done = firstline("recovery", "matrix", "import", str(good), url=url)
    assert done.returncode == 0 and "3 matrix rows stored" in done.stdout, done.stderr
    exported = firstline("recovery", "matrix", "export", url=url)
    rows = json.loads(exported.stdout)["rows"]
    usdt = next(r for r in rows if r["token"] == "USDT")
    assert usdt["contract"] == "0xdac17f958d2ee523a2206206994597c13d831ec7"  # EVM: lower case
    assert next(r for r in rows if r["network"] == "SOL")["may_be_listed"] is True

    bad = tmp_path / "bad.csv"
    bad.write_text("network,token,path\nETH,*,direct\nMOON,X,direct\n")
    line = one_line_error(firstline("recovery", "matrix", "import", str(bad), url=url))
    assert "row 1.network" in line and "unknown network 'MOON'" in line
    # Nothing half-written: the matrix is the one imported before.
    again = json.loads(firstline("recovery", "matrix", "export", url=url).stdout)["rows"]
    assert again == rows
    # The JSON export reads back in as it is.
    back = tmp_path / "matrix.json"
    back.write_text(exported.stdout)
    assert firstline("recovery", "matrix", "import", str(back), url=url).returncode == 0


def test_serve_refuses_chain_settings_it_cannot_use(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'c.db'}"
    assert firstline("migrate", url=url).returncode == 0
    env = {k: v for k, v in os.environ.items() if not k.startswith("FIRSTLINE_")}
    for value, words in (
        ('{"ETH": ', "FIRSTLINE_RECOVERY_CHAINS is not JSON"),
        ('{"MOON": {"rpc_url": "http://127.0.0.1:1"}}', "unknown network 'MOON'"),
        ('{"TRON": {"rpc_url": "http://127.0.0.1:1"}}', "TRON is not an EVM network"),
    ):
        result = subprocess.run(
            [sys.executable, "-m", "firstline", "serve", "--port", "1"],
            capture_output=True, text=True, timeout=120,
            env={**env, "FIRSTLINE_DATABASE_URL": url, "FIRSTLINE_RECOVERY_CHAINS": value},
        )  # fmt: skip
        assert words in one_line_error(result), value


def test_the_demo_on_a_named_database_encrypts_with_that_databases_key(tmp_path: Path) -> None:
    """With --database-url and no master key configured, the secrets the demo stores (the
    admin's two-factor seed, the widget key) are encrypted with the key file beside that
    database, the one its server will read, not a firstline.db.key made in the working
    directory."""
    work = tmp_path / "work"
    work.mkdir()
    url = f"sqlite+aiosqlite:///{tmp_path / 'named.db'}"
    result = firstline("demo", "--no-serve", "--database-url", url, cwd=work)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "named.db.key").exists()
    assert not (work / "firstline.db.key").exists()
