"""`firstline --help` and each command's --help import neither the web app, SQLAlchemy nor the
numeric libraries: structural checks (what a fresh interpreter has imported), not timings."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import click
from click.testing import CliRunner

from firstline.cli import _LazyCommand, main

HEAVY = ("fastapi", "sqlalchemy", "numpy", "sklearn", "scipy", "alembic", "pydantic")

PROBE = """
import json, sys
from click.testing import CliRunner
from firstline.cli import main
results = []
for args in json.loads(sys.argv[1]):
    result = CliRunner().invoke(main, args)
    results.append([result.exit_code, result.output])
heavy = sorted({m.split(".")[0] for m in sys.modules} & set(json.loads(sys.argv[2])))
print(json.dumps({"results": results, "heavy": heavy}))
"""


def _help_in_fresh_interpreter(*commands: list[str]) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(list(commands)), json.dumps(HEAVY)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    parsed: dict[str, Any] = json.loads(done.stdout)
    return parsed


def _subcommands(group: click.Group, prefix: list[str]) -> list[list[str]]:
    found: list[list[str]] = []
    ctx = click.Context(group)
    for name in group.list_commands(ctx):
        command = group.commands[name]
        found.append([*prefix, name])
        if isinstance(command, click.Group):
            found.extend(_subcommands(command, [*prefix, name]))
    return found


def test_help_imports_nothing_heavy() -> None:
    commands = [["--help"], ["no-such-command"]] + [[*c, "--help"] for c in _subcommands(main, [])]
    assert ["serve", "--help"] in commands and ["bench", "--help"] in commands
    assert ["agent", "create", "--help"] in commands
    probe = _help_in_fresh_interpreter(*commands)
    results = probe["results"]
    top = results[0]
    assert top[0] == 0 and "bench" in top[1] and "serve" in top[1]
    for args, (code, output) in zip(commands[2:], results[2:], strict=True):
        assert code == 0 and "Usage:" in output, (args, output)
    assert results[1][0] == 2  # a typo is a usage error, as before
    assert probe["heavy"] == []


def test_lazy_commands_list_the_help_of_the_command_they_stand_for() -> None:
    lazy = [c for c in main.commands.values() if isinstance(c, _LazyCommand)]
    assert [c.name for c in lazy] == ["bench"]
    for stub in lazy:
        real = stub.load()
        for limit in (45, 60, 80):
            assert stub.get_short_help_str(limit) == real.get_short_help_str(limit)


def test_a_lazy_command_parses_and_answers_as_the_real_one() -> None:
    runner = CliRunner()
    help_text = runner.invoke(main, ["bench", "--help"])
    assert help_text.exit_code == 0
    assert "--concurrency" in help_text.output and "--smoke" in help_text.output
    wrong = runner.invoke(main, ["bench", "no-such-scenario"])
    assert wrong.exit_code == 2
    assert "no-such-scenario" in wrong.output
