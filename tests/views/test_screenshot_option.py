"""`python main.py [FILE.gdgui] --screenshot OUT.png ...`: offscreen PNGs, start-up options, clear errors."""

from pathlib import Path

import pytest
from PIL import Image

from gdgui.core.files.session import Session, save_session
from gdgui.options.classroom import Startup, apply_startup

MAIN_SCRIPT = str(Path(__file__).resolve().parents[2] / "main.py")
SIZE = (1600, 900)  # above the window's minimum size in both looks


def test_screenshot_of_the_backprop_tab_in_projector_mode(run_python, tmp_path):
    out = tmp_path / "shot.png"
    result = run_python(MAIN_SCRIPT, "--graph", "05-fork", "--tab", "backprop", "--projector",
                        "--screenshot", str(out), "--size", "1600x900")
    assert result.returncode == 0, result.stderr
    with Image.open(out) as image:
        assert image.format == "PNG" and image.size == SIZE
        assert len(image.convert("RGB").getcolors(1 << 20)) > 50  # a drawn window, not a blank one


def test_a_session_file_opens_and_steps_run_before_the_picture(run_python, tmp_path):
    session = tmp_path / "lesson.gdgui"
    descent = {"function": "quadratic", "expression": None, "domain": None, "optimizers": ["gd"], "hyper": {},
               "lr": 0.6, "start": [-4.0, 3.5], "seed": 0, "particles": 1, "speed": 20, "max_steps": 100,
               "tol": 1e-6}
    save_session(Session(descent), session)
    out = tmp_path / "diverged.png"
    result = run_python(MAIN_SCRIPT, str(session), "--steps", "40", "--screenshot", str(out))
    assert result.returncode == 0, result.stderr
    with Image.open(out) as image:
        assert image.size == (1600, 1000)


@pytest.mark.parametrize("args, message", [
    (["--screenshot", "x.jpg"], "must end in .png"),
    (["--size", "10x10", "--screenshot", "x.png"], "--size: 10x10 is outside"),
    (["--size", "big", "--screenshot", "x.png"], "--size: expected WIDTHxHEIGHT"),
    (["--slide", "12", "--screenshot", "x.png"], "--slide: 12 is outside the allowed range 1 … 11"),
    (["--steps", "-3", "--screenshot", "x.png"], "--steps: -3 is outside"),
    (["missing.gdgui", "--screenshot", "x.png"], "Not opened: cannot read"),
])
def test_bad_start_up_options_exit_2_with_one_line(run_python, tmp_path, args, message):
    result = run_python(MAIN_SCRIPT, *args)
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "x.png").exists()


@pytest.mark.parametrize("steps, caption", [(0, "Step 3 of 7 · forward through f"),
                                            (4, "Step 7 of 7 · backward through c · done"),
                                            (1_000, "Step 7 of 7 · backward through c · done")])
def test_steps_on_a_backprop_slide_step_the_passes(gui, steps, caption):
    """The fork's slide opens after the forward pass; --steps 4 presses Right four times: Σ 2 + 3 = 5 shows."""
    descent_step = gui.descent.frame.step
    assert apply_startup(gui, Startup(slide=11, steps=steps)) is None
    assert gui.window.shown_tab() == "backprop"
    assert gui.graph.step_caption() == caption
    assert gui.descent.frame.step == descent_step  # the descent did not move


def test_steps_on_the_descent_tab_step_the_run(gui):
    assert apply_startup(gui, Startup(slide=2, steps=5)) is None
    assert gui.window.shown_tab() == "descent" and gui.descent.frame.step == 5
