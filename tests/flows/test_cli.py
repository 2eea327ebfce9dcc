"""`firstline flows validate` and `firstline flows list`, run as a person runs them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

BROKEN = """
id: vip_callback
title: {vi: Gọi lại}
steps:
  - id: ask_email
    kind: ask
    field: email
    prompt: {en: "Your email?"}
    next: x
  - {id: bye, kind: resolve, text: {en: Bye.}}
"""


def firstline(*args: str, url: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FIRSTLINE_")}
    if url is not None:
        env["FIRSTLINE_DATABASE_URL"] = url
    return subprocess.run(
        [sys.executable, "-m", "firstline", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_validate_prints_one_line_per_problem(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(BROKEN, encoding="utf-8")
    result = firstline("flows", "validate", str(broken))
    assert result.returncode == 1, result
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [
        "error: broken.yaml: step 'ask_email': unknown next step 'x'",
        "error: broken.yaml: flow: title: missing English text (en)",
    ]

    good = tmp_path / "good.yaml"
    good.write_text(BROKEN.replace("title: {vi:", "title: {en: Call me, vi:").replace(
        "next: x", "next: bye"
    ), encoding="utf-8")  # fmt: skip
    result = firstline("flows", "validate", str(good))
    assert result.returncode == 0, result.stderr
    assert "flow 'vip_callback' is valid (2 steps)" in result.stdout
    # A custom flow need not speak every language, a built-in one must.
    result = firstline("flows", "validate", "--strict", str(good))
    assert result.returncode == 1
    assert "missing zh-CN" in result.stderr

    missing = firstline("flows", "validate", str(tmp_path / "nope.yaml"))
    assert missing.returncode == 1
    assert missing.stderr.startswith("error: cannot read")


def test_list_shows_the_flows_in_force(database_url: str) -> None:
    result = firstline("flows", "list", url=database_url)
    assert result.returncode == 0, result.stderr
    rows = [line.split("\t") for line in result.stdout.strip().splitlines()]
    assert [r[0] for r in rows] == [
        "deposit_not_arrived", "kyc_status", "password_reset", "two_factor_reset",
        "withdrawal_status",
    ]  # fmt: skip
    assert rows[1] == ["kyc_status", "builtin", "-", "Identity verification (KYC) status"]
