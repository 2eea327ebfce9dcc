"""`firstline token` as an operator runs it, next to a real `firstline serve --workers 2`: a
token revoked from the command line is refused by both server processes from the very next
request, and its last use is on record."""

from __future__ import annotations

import httpx

from tests.live import cli, deploy, server


def _secret(output: str) -> str:
    return output.strip().splitlines()[-1]


def test_token_commands_and_revocation_across_server_processes(database_url: str) -> None:
    dep = deploy(database_url)
    made = cli(
        "token", "create", "--email", dep.email, "--name", "nightly export",
        "--scopes", "conversations.reply,audit.read", "--expires-in", "30d", env=dep.env,
    )  # fmt: skip
    secret = _secret(made)
    listed = cli("token", "list", "--email", dep.email, env=dep.env)
    row = next(line for line in listed.splitlines() if "nightly export" in line)
    token_id = row.split("\t")[0]
    assert "audit.read,conversations.reply" in row
    assert secret not in listed

    with server(dep, workers=2) as base:
        headers = {"Authorization": f"Bearer {secret}"}
        # Enough requests that both processes have answered with the token.
        workers = set()
        for _ in range(40):
            answer = httpx.get(f"{base}/healthz", headers=headers)
            workers.add(answer.json()["worker"])
            me = httpx.get(f"{base}/api/v1/me", headers=headers)
            assert me.status_code == 200
            assert sorted(me.json()["permissions"]) == ["audit.read", "conversations.reply"]
        assert httpx.get(f"{base}/api/v1/routing/settings", headers=headers).status_code == 200
        assert len(workers) == 2, workers

        assert "revoked token" in cli("token", "revoke", "--id", token_id, env=dep.env)
        # No grace period in any process.
        for _ in range(20):
            assert httpx.get(f"{base}/api/v1/me", headers=headers).status_code == 401
    # The servers wrote the last use when they stopped, at the latest.
    after = cli("token", "list", "--email", dep.email, "--all", env=dep.env)
    row = next(line for line in after.splitlines() if line.startswith(token_id + "\t"))
    assert "127.0.0.1" in row.split("\t")[7]
    assert row.split("\t")[8] != "-"  # revoked


def test_token_command_refusals_are_one_line(database_url: str) -> None:
    import subprocess
    import sys

    dep = deploy(database_url)

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "firstline", "token", *args],
            env=dep.env,
            capture_output=True,
            text=True,
            timeout=120,
        )

    for args, says in (
        (("create", "--email", dep.email, "--expires-in", "soon"), "not a lifetime"),
        (("create", "--email", dep.email, "--expires-in", "400d"), "365 days"),
        (("create", "--email", dep.email, "--scopes", "root"), "Unknown permissions: root"),
        (("revoke", "--id", "999"), "no token with id 999"),
        (("revoke",), "either --id"),
    ):
        result = run(*args)
        assert result.returncode == 1, (args, result)
        assert result.stderr.strip().startswith("error: ") and says in result.stderr, result
        assert "Traceback" not in result.stderr
    never = run("create", "--email", dep.email, "--expires-in", "never")
    assert never.returncode == 0 and "never expires" in never.stderr
