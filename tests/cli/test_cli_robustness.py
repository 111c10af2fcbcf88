"""Whatever is typed, piped or pressed, a sub-command ends with one line or none: a closed pipe,
Ctrl+C, odd arguments, bytes that are not UTF-8, numbers at the float limit, a constant formula."""

import os
import signal
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

import gdgui
from gdgui import app
from gdgui.cli import commands as cli
from gdgui.cli import descend as descend_module

SOURCE_ROOT = Path(gdgui.__file__).resolve().parent.parent  # subprocesses import the tested code
SUBPROCESS_TIMEOUT_S = 120


def subprocess_env() -> dict[str, str]:
    return dict(os.environ, PYTHONPATH=str(SOURCE_ROOT))

QUAD = ["--function", "quadratic", "--optimizer", "gd", "--lr", "0.1"]
LONG_CSV = ["descend", "--function", "himmelblau", "--optimizer", "adam", "--lr", "0.01",
            "--random", "100", "--steps", "1000000", "--tol", "0", "--format", "csv"]


def run(capsys, *argv):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a RuntimeWarning would reach the user's terminal
        status = cli.main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def start(*argv, **options) -> subprocess.Popen:
    options = {"stdout": subprocess.PIPE, **options}
    return subprocess.Popen([sys.executable, "-m", "gdgui", *argv], cwd=SOURCE_ROOT, env=subprocess_env(),
                            stdin=subprocess.DEVNULL, stderr=subprocess.PIPE, **options)


# ----- closed pipes, closed stdout, Ctrl+C ------------------------------------------------------

def test_a_reader_that_closes_early_ends_the_command_quietly():
    process = start(*LONG_CSV)
    lines = [process.stdout.readline() for _ in range(3)]
    process.stdout.close()  # like `| head -3`
    stderr = process.stderr.read()
    assert process.wait(SUBPROCESS_TIMEOUT_S) in (0, 141, -signal.SIGPIPE)
    assert lines[0] == b"particle,optimizer,step,x,y,f,gx,gy\n" and lines[2].startswith(b"0,adam,1,")
    assert stderr == b""  # no traceback, no "Exception ignored ... BrokenPipeError"


@pytest.mark.parametrize("argv", [["list"], ["graph", "x+1", "--at", "x=1"], ["descend", *QUAD, "--start", "1,1",
                                                                          "--steps", "3", "--format", "json"]])
def test_a_reader_gone_before_the_first_byte_ends_the_command_quietly(argv):
    read_end, write_end = os.pipe()
    os.close(read_end)  # like `| true`: short output sits in the buffer until the final flush
    try:
        process = start(*argv, stdout=write_end)
    finally:
        os.close(write_end)
    _, stderr = process.communicate(timeout=SUBPROCESS_TIMEOUT_S)
    assert process.returncode in (0, 141, -signal.SIGPIPE) and stderr == b""


def test_ctrl_c_ends_a_long_descend_with_130_and_no_traceback():
    # A shell without job control starts background commands with SIGINT ignored: undo that.
    process = start(*LONG_CSV, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    assert process.stdout.readline() == b"particle,optimizer,step,x,y,f,gx,gy\n"  # it has started printing
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=SUBPROCESS_TIMEOUT_S)
    assert process.returncode == 130 and stderr == b""


def test_a_closed_stdout_loses_the_output_quietly():
    process = start("descend", *QUAD, "--start", "1,1", "--steps", "3", preexec_fn=lambda: os.close(1))
    _, stderr = process.communicate(timeout=SUBPROCESS_TIMEOUT_S)
    assert process.returncode == 0 and stderr == b""


def test_ctrl_c_in_any_command_or_the_windows_options_exits_130(capsys, monkeypatch):
    def interrupt(*args, **kwargs):
        raise KeyboardInterrupt
    monkeypatch.setattr(descend_module, "_descent", interrupt)
    assert cli.main(["descend", *QUAD, "--start", "1,1", "--steps", "3"]) == 130
    monkeypatch.setattr(app, "descent_state", interrupt)
    assert app.main(["--lr", "0.1"]) == 130
    assert capsys.readouterr().err == ""


# ----- graph without --at -----------------------------------------------------------------------

def test_a_formula_without_inputs_needs_no_at(capsys):
    status, out, err = run(capsys, "graph", "1+2")
    assert status == 0 and err == ""
    assert out.startswith("f = 1 + 2 = 3\n") and "none: the formula has no inputs" in out
    assert "finite-difference check: agrees" in out


def test_a_formula_with_inputs_says_which_need_a_value(capsys):
    status, out, err = run(capsys, "graph", "x*y+1")
    assert status == 2 and out == ""
    assert err == "graph: --at: the formula's inputs need values, e.g. --at x=1,y=1\n"


# ----- numbers at the float limit ---------------------------------------------------------------

@pytest.mark.parametrize("extra, status, words", [
    (["--tol", "1e308"], 2, "--tol: 1e308 is outside the allowed range 0 … 1000"),  # as the window's field
    (["--tol", "1.7976931348623157e308"], 2, "--tol:"),
    (["--tol", "1000"], 0, "converged"),
    (["--domain=-1e308,1e308,-1,1"], 2, "--domain: too wide"),
    (["--domain=-8e307,8e307,-8e307,8e307"], 0, "max_steps"),
    (["--start", "1e308,-1e308"], 0, "diverged"),
    (["--steps", "1", "--eps", "1e-320", "--optimizer", "adam"], 0, "max_steps"),
    (["--momentum", "1e308", "--optimizer", "momentum"], 2, "momentum must be a number in [0, 1)"),
])
def test_numbers_at_the_float_limit_end_in_a_result_or_one_line(capsys, extra, status, words):
    base = ["descend", *QUAD, "--steps", "3"]
    if "--start" not in extra:
        base += ["--start", "1,1"]
    got, out, err = run(capsys, *base, *extra)
    assert got == status
    assert words in (out if status == 0 else err)
    assert err.count("\n") == (0 if status == 0 else 1)


def test_a_huge_learning_rate_on_a_steep_function_diverges_in_every_format(capsys):
    for fmt in ("table", "csv", "json"):
        status, out, err = run(capsys, "descend", "--expr", "exp(x) + x*1e308 + y^4", "--optimizer", "adam",
                               "--lr", "1e308", "--start", "1,1", "--start", "-700,0", "--steps", "5",
                               "--format", fmt)
        assert status == 0 and err == ""
        assert "diverged" in out or fmt == "csv"  # csv has rows only, no stop reasons


# ----- odd arguments ----------------------------------------------------------------------------

GRAPH = ["graph", "x+1", "--at", "x=1"]
DESCEND = ["descend", *QUAD, "--start", "1,1", "--steps", "3"]


@pytest.mark.parametrize("argv", [
    ["list", "-"], ["list", "--format="], ["list", "--format", "\x7f"],
    ["graph", ""], ["graph", "\x7f"], ["graph", "x", "--at", ""], ["graph", "x", "--at="],
    ["graph", "x", "--at=--"], ["graph", "x", "--at", "x=−"], ["graph", "x", "--at", "x=1e999"],
    ["graph", "x", "--at", "=1"], ["graph", "x", "--at", "x=1,"], ["graph", "x", "--at", "x=" + "9" * 5000],
    ["graph", "x+1", "--at", "x=1", "-"], ["graph", "x+1", "--at", "x=1", "--at"],
    DESCEND[:6] + ["", *DESCEND[6:]], DESCEND[:6] + ["--lr=", *DESCEND[6:]],
    [*DESCEND[:7], "--start=,", *DESCEND[9:]], [*DESCEND[:7], "--start", ",", *DESCEND[9:]],
    [*DESCEND[:7], "--start", "−1", *DESCEND[9:]], [*DESCEND[:7], "--start=--", *DESCEND[9:]],
    [*DESCEND[:9], "--steps", "1e3"], [*DESCEND[:9], "--steps", "−1"], [*DESCEND[:9], "--steps", ""],
    [*DESCEND[:9], "--steps", "9" * 5000], DESCEND[:6] + ["\x7f", *DESCEND[6:]],
    DESCEND[:6] + ["1" + "0" * 400, *DESCEND[6:]], DESCEND + ["--tol", ""], DESCEND + ["--tol", "−1"],
    DESCEND + ["--domain", ",,,"], DESCEND + ["--domain", "−1,1,−1"], DESCEND + ["--format", ""],
    DESCEND + ["-"],
    ["descend", *QUAD, "--random", "-", "--steps", "1"], ["descend", *QUAD, "--random", "1e3", "--steps", "1"],
    ["descend", "--function", "", *QUAD[2:], "--start", "1,1", "--steps", "1"],
    ["descend", "--expr", "", *QUAD[2:], "--start", "1,1", "--steps", "1"],
    ["descend", "--expr", "\x7f", *QUAD[2:], "--start", "1,1", "--steps", "1"],
    ["descend", "--function", "quadratic", "--optimizer", "", "--lr", "0.1", "--start", "1,1", "--steps", "1"],
    ["descend", "--function", "quadratic", "--optimizer=--", "--lr", "0.1", "--start", "1,1", "--steps", "1"],
])
def test_odd_arguments_exit_2_with_one_line(capsys, argv):
    status, out, err = run(capsys, *argv)
    assert status == 2 and out == ""
    assert err.count("\n") == 1 and "Traceback" not in err, err


ODD_VALUES = ["", " ", "-", "--", "−1", ",", "=", "\x7f", "1e999999", "9" * 5000, "nan", "-inf",
              "1e-400", "é", "１", "٣", "0x10", "1_000", "--x"]


def variants(argv):
    """argv with each option's value, then each word, replaced by each odd value."""
    for odd in ODD_VALUES:
        yield [*argv, odd]
        for i in range(1, len(argv)):
            yield argv[:i] + [odd] + argv[i + 1:]
            if argv[i].startswith("--"):
                yield argv[:i] + [f"{argv[i]}={odd}"] + argv[i + 2:]


@pytest.mark.parametrize("argv", [["list", "--format", "json"], GRAPH, DESCEND], ids=["list", "graph", "descend"])
def test_a_sweep_of_odd_words_gives_a_result_or_one_line(capsys, argv):
    for odd_argv in variants(argv):
        status, _, err = run(capsys, *odd_argv)
        assert status in (0, 2), odd_argv
        assert err.count("\n") == (status == 2) and "Traceback" not in err, (odd_argv, err)


@pytest.mark.parametrize("argv, words", [
    ([b"graph", b"x\xff+1"], "graph: bad formula at column 2"),
    ([b"descend", b"--expr", b"\xef\xbb\xbfx+y", b"--optimizer", b"gd", b"--lr", b"0.1", b"--start", b"1,1",
      b"--steps", b"1"], "descend: bad formula at column 1"),
    ([b"\xef\xbb\xbflist"], "gdgui: unknown sub-command"),
    ([b"--lr"], "gdgui: argument --lr: expected one argument"),
    ([b"a" * 5000], "gdgui: unknown sub-command"),
])
def test_bytes_that_are_not_utf8_and_a_bom_in_argv_give_one_line(argv, words):
    result = subprocess.run([sys.executable.encode(), b"-m", b"gdgui", *argv], cwd=SOURCE_ROOT,
                            env=subprocess_env(), capture_output=True, timeout=SUBPROCESS_TIMEOUT_S,
                            stdin=subprocess.DEVNULL)
    err = result.stderr.decode("utf-8", "backslashreplace")
    assert result.returncode == 2 and result.stdout == b""
    assert err.count("\n") == 1 and words in err and "Traceback" not in err and "utf-8-sig" not in err


def test_stray_words_are_named_without_the_inserted_double_dash(capsys):
    status, _, err = run(capsys, *DESCEND, "--x", "-y")
    assert status == 2 and err == "gdgui descend: unrecognized arguments: --x -y\n"
