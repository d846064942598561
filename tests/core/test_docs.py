"""Documentation stays in step with the code: a command or setting that exists but is not
in the README fails here (in the manner of datasette's documentation tests)."""

from __future__ import annotations

from pathlib import Path

import pytest

from aftalegraf.cli import build_parser
from aftalegraf.config import SETTINGS

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


def _commands() -> list[str]:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    return sorted(sub.choices)


@pytest.mark.parametrize("command", _commands())
def test_every_command_is_documented(command):
    assert f"aftalegraf {command}" in README, f"`aftalegraf {command}` is missing from README.md"


@pytest.mark.parametrize("name", sorted(SETTINGS))
def test_every_setting_is_documented(name):
    assert f"`{name}`" in README, f"setting `{name}` is missing from README.md"
    assert SETTINGS[name].env in README, f"{SETTINGS[name].env} is missing from README.md"


def test_readme_opens_with_the_two_commands():
    head = "\n".join(README.splitlines()[:30])
    assert "aftalegraf demo" in head and "pytest" in head
    ci = (Path(__file__).resolve().parents[2] / ".ci" / "run").read_text(encoding="utf-8")
    test_cmd = next(line.strip().strip("`") for line in README.splitlines() if "pytest" in line and "scripts/setup" in line)
    assert test_cmd in ci, ".ci/run must run exactly the README's test command"
