"""Chunked basin maps and sweeps give exactly what the one-shot core functions give."""

import numpy as np

from gdgui.core.descent.chunked import BasinJob, SweepJob, sweep_learning_rates
from gdgui.core.descent.functions import get_function
from gdgui.core.descent.lr_science import basins, lr_sweep


def test_basin_job_equals_core_basins_and_reports_progress():
    f = get_function("himmelblau")
    job = BasinJob(f, "gd", 0.01, grid=24, steps=200, rows_per_chunk=5)
    progress = list(job.chunks())
    assert progress == [5 / 24, 10 / 24, 15 / 24, 20 / 24, 1.0]
    expected = basins(f, "gd", 0.01, 24, 200)
    np.testing.assert_array_equal(job.result().labels, expected.labels)
    np.testing.assert_array_equal(job.result().xs, expected.xs)


def test_basin_job_passes_hyper_parameters_and_domain():
    f = get_function("himmelblau")
    job = BasinJob(f, "momentum", 0.002, grid=10, steps=100, domain=(0, 5, 0, 5),
                   hyper={"momentum": 0.5})
    list(job.chunks())
    expected = basins(f, "momentum", 0.002, 10, 100, domain=(0, 5, 0, 5), momentum=0.5)
    np.testing.assert_array_equal(job.result().labels, expected.labels)


def test_sweep_job_equals_core_sweep():
    f = get_function("quadratic")
    lrs = sweep_learning_rates(1e-3, 1.0, 30)
    job = SweepJob(f, "gd", (1, 1), lrs, steps=100, per_chunk=7)
    assert list(job.chunks())[-1] == 1.0
    result, expected = job.result(), lr_sweep(f, "gd", (1, 1), lrs, 100)
    for name in ("lrs", "final_points", "final_f", "steps", "status"):
        np.testing.assert_array_equal(getattr(result, name), getattr(expected, name))


def test_sweep_learning_rates_log_spaced():
    lrs = sweep_learning_rates(1e-5, 10, 7)
    np.testing.assert_allclose(lrs, [1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1, 10])
