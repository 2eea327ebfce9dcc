"""Every console script is an ES module, and a module that does not parse (a name declared
twice, which a plain script would allow) stops the whole console before it connects. Node.js
parses each one as a module, the way the browser will."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import _unavailable

STATIC = Path(__file__).resolve().parents[2] / "src" / "firstline" / "web" / "static"
MODULES = sorted((STATIC / "console").rglob("*.js"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(STATIC)))
def test_each_console_module_parses_as_a_module(path: Path) -> None:
    node = shutil.which("node")
    if node is None:
        _unavailable("Node.js is not installed")
    result = subprocess.run(
        [str(node), "--input-type=module", "--check"],
        input=path.read_bytes(), capture_output=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr.decode(errors="replace")[-2000:]


def test_the_modules_were_found() -> None:
    assert len(MODULES) > 20
