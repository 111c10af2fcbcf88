"""``descend --format csv|json`` streams its rows: the same rows a recorded run holds, written
block by block, in memory that does not grow with the number of steps."""

import io
import json
import tracemalloc

import pytest

from gdgui.cli import commands as cli
from gdgui.cli import descend as descend_module
from gdgui.core.descent.functions import get_function
from gdgui.core.descent.optimizers import make_optimizer
from gdgui.core.descent.runs import Run
from gdgui.core.files.trajectory_csv import write_trajectory_csv

QUAD = ["--function", "quadratic", "--optimizer", "gd", "--lr", "0.1"]
# (1, 1) converges after 66 steps, (0, 0) at once, (4, -3) runs out of 70 steps: stopped
# particles must write no row after their last step.
STARTS = [(1.0, 1.0), (0.0, 0.0), (4.0, -3.0)]
START_ARGS = [arg for x, y in STARTS for arg in ("--start", f"{x},{y}")]


def descend(capsys, *args):
    status = cli.main(["descend", *args])
    out, err = capsys.readouterr()
    assert status == 0 and err == "", err
    return out


def recorded_csv(steps: int) -> str:
    run = Run(get_function("quadratic"), make_optimizer("gd", 0.1), STARTS, max_steps=steps)
    run.run()
    text = io.StringIO()
    write_trajectory_csv(run, text)
    return text.getvalue()


def test_streamed_csv_is_the_recorded_runs_csv_for_a_small_run(capsys):
    out = descend(capsys, *QUAD, *START_ARGS, "--steps", "70", "--format", "csv")
    assert out == recorded_csv(70)
    assert out.count("\n1,") == 1  # the particle on the minimum wrote its start only


def test_a_run_over_many_blocks_writes_every_row_once_and_no_row_after_a_stop(capsys, monkeypatch):
    monkeypatch.setattr(descend_module, "_BLOCK_ROWS", 20)  # 6 steps of 3 particles per block
    out = descend(capsys, *QUAD, *START_ARGS, "--steps", "70", "--format", "csv")
    header, *rows = out.splitlines()
    expected_header, *expected = recorded_csv(70).splitlines()
    assert header == expected_header and len(rows) == len(expected)
    key = lambda line: tuple(int(v) for v in line.split(",")[:3:2])  # noqa: E731 - particle, step
    assert sorted(rows, key=key) == expected
    # block 1 (steps 0 … 6), particle by particle: particle 1 stopped at its start
    assert rows[:15] == expected[:7] + [expected[67]] + expected[68:75]


def test_json_lines_hold_the_settings_every_row_and_each_particles_outcome(capsys, monkeypatch):
    monkeypatch.setattr(descend_module, "_BLOCK_ROWS", 20)
    out = descend(capsys, *QUAD, *START_ARGS, "--steps", "70", "--format", "json")
    lines = [json.loads(line) for line in out.splitlines()]
    settings, rows, outcomes = lines[0], lines[1:-3], lines[-3:]
    assert settings["function"] == "quadratic" and settings["max_steps"] == 70
    assert settings["particle_count"] == 3
    _, *expected = recorded_csv(70).splitlines()
    as_csv = [",".join([str(row["particle"]), "gd", str(row["step"])]
                       + [repr(row[k]) for k in ("x", "y", "f", "gx", "gy")]) for row in rows]
    assert sorted(as_csv, key=lambda line: tuple(map(int, line.split(",")[:3:2]))) == expected
    assert [(o["particle"], o["status"], o["steps"]) for o in outcomes] == [
        (0, "converged", 66), (1, "converged", 0), (2, "max_steps", 70)]


def test_help_describes_the_json_lines():
    help_text = " ".join(cli._build_parser()[1]["descend"].format_help().split())  # as wrapped or not
    assert "JSON lines" in help_text and '"particle", "step"' in help_text
    assert "particle,optimizer,step,x,y,f,gx,gy" in help_text


class Sink:
    """A stdout that keeps nothing, so only the command's own memory is measured."""

    def write(self, text: str) -> int:
        return len(text)

    def flush(self) -> None:
        pass


def peak_bytes(monkeypatch, steps: int, fmt: str) -> int:
    monkeypatch.setattr("sys.stdout", Sink())
    tracemalloc.start()
    try:
        assert cli.main(["descend", "--function", "himmelblau", "--optimizer", "adam", "--lr", "0.01",
                         "--random", "10", "--steps", str(steps), "--tol", "0", "--format", fmt]) == 0
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_peak_memory_does_not_grow_with_the_steps(monkeypatch, fmt):
    # Blocks of 50 steps of 10 particles: 10× the steps is 10× the blocks, not 10× the memory.
    monkeypatch.setattr(descend_module, "_BLOCK_ROWS", 500)
    peak_bytes(monkeypatch, 10, fmt)  # first calls fill caches (the formula's tape, imports)
    small, large = peak_bytes(monkeypatch, 100, fmt), peak_bytes(monkeypatch, 1_000, fmt)
    assert large < 2 * small, (small, large)
