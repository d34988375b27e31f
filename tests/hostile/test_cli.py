"""CLI: one line with a lone surrogate lost every decision after it; empty input exited 0
("all clear"); input size was unbounded; exit code 4 was undocumented. A bad line is one error
line and an error object in its place, never the end of the batch."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from service.cli.screen import MAX_INPUT, read_items

SANCTIONS = str(Path(sys.executable).parent / "sanctions")
GOOD = (
    '{"date": "2024-01-01", "goods": [{"description": "rifles"}], "route": {"destination": "KP"}}'
)


def run(stdin: bytes, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "SANCTIONS_HOME": str(tmp_path)}
    env.pop("SANCTIONS_DATABASE_URL", None)
    return subprocess.run([SANCTIONS, "screen", "-", *args], input=stdin, capture_output=True,
                          env=env, timeout=300)  # fmt: skip


def test_bad_lines_never_end_the_batch(tmp_path: Path) -> None:
    lines = [
        GOOD,
        '{"date": "2024-01-01", "reference": "\\ud800", "goods": [{"description": "rice"}]}',
        GOOD,
        '{"goods": [{"description": "rice"}], "\\udfff": 1}',
        GOOD,
    ]
    data = "\n".join(lines).encode() + b"\n" + b'{"goods": [{"description": "caf\xe9"}]}\n'
    data += ("[" * 100_000).encode() + b"\n" + GOOD.encode() + b"\n"
    data += b'{"goods": [{"description": "x", "quantity": ' + b"9" * 5000 + b"}]}\n"
    done = run(data, tmp_path)
    out = [json.loads(line) for line in done.stdout.decode().splitlines()]
    assert len(out) == 9, done.stderr.decode()
    assert [("error" in o) for o in out] == [
        False,
        True,
        False,
        True,
        False,
        True,
        True,
        False,
        True,
    ]
    assert all(o["outcome"] == "prohibited" for o in out if "error" not in o)
    errors = done.stderr.decode().strip().splitlines()
    assert len(errors) == 5 and "line 2: reference" in errors[0] and "not UTF-8" in errors[2]
    assert done.returncode == 3


def test_empty_input_exits_3_with_one_readable_line(tmp_path: Path) -> None:
    done = run(b"  \n\n", tmp_path)
    assert done.returncode == 3 and not done.stdout
    assert done.stderr.decode().count("\n") == 1 and "no transactions" in done.stderr.decode()


def test_usage_errors_exit_3_not_2_which_means_prohibited(tmp_path: Path) -> None:
    done = run(b"", tmp_path, "--no-such-option")
    assert done.returncode == 3


def test_input_is_bounded() -> None:
    assert MAX_INPUT <= 256 * 1024 * 1024
    # a line that is not UTF-8 is an error in its place, not the end of the input
    items = list(read_items(b'{"a": 1}\n\xff\xfe\n{"b": 2}\n'))
    assert [type(i).__name__ for _, i in items] == ["dict", "_BadJSON", "dict"]


def test_every_exit_code_is_documented() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    section = readme[readme.index("## Screening from the command line") :][:3000]
    for code in ("`0`", "`1`", "`2`", "`3`", "`4`"):
        assert code in section, code
