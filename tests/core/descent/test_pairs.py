"""Rows of (N, 2) arrays picked and put back as 16-byte items: NumPy's own indexing, bit for bit."""

import numpy as np
import pytest

from gdgui.core.descent.stepping.pairs import put_rows, take_rows

# Numbers a copy through another type could change: NaN payloads and signs, −0, infinities, subnormals.
ODD = np.array([0x7FF8000000000001, 0xFFF0000000000123, 0x8000000000000000, 0x7FF0000000000000,
                0xFFF0000000000000, 0x0000000000000001], dtype=np.uint64).view(np.float64)


def odd_rows(n: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    array = rng.normal(size=(n, 2))
    odd = min(40, n)
    array.reshape(-1)[rng.choice(2 * n, odd, replace=False)] = rng.choice(ODD, odd)
    return array


def bits(array: np.ndarray) -> np.ndarray:
    return np.ascontiguousarray(array).view(np.uint64)


@pytest.mark.parametrize("kept", [0.03, 0.5, 0.97])
def test_rows_taken_and_put_back_are_numpys_bit_for_bit(kept):
    array = odd_rows(3000, seed=1)
    rows = np.flatnonzero(np.random.default_rng(2).random(3000) < kept)
    taken = take_rows(array, rows)
    assert taken.shape == (len(rows), 2)
    np.testing.assert_array_equal(bits(taken), bits(array[rows]))

    values = odd_rows(len(rows), seed=3)
    ours, numpys = array.copy(), array.copy()
    put_rows(ours, rows, values)
    numpys[rows] = values
    np.testing.assert_array_equal(bits(ours), bits(numpys))


def test_slices_few_rows_and_other_layouts_are_indexed_as_numpy_does():
    array = odd_rows(200, seed=4)
    few, many = np.array([5, 3, 199]), np.arange(0, 200, 3)
    reversed_columns = array[:, ::-1]  # its two numbers are not a 16-byte item
    for source, rows in [(array, slice(10, 60)), (array, few), (reversed_columns, many), (array, many[::-1])]:
        np.testing.assert_array_equal(bits(take_rows(source, rows)), bits(source[rows]))
        values = odd_rows(len(source[rows]), seed=5)
        ours, numpys = source.copy(), source.copy()
        put_rows(ours, rows, values)
        numpys[rows] = values
        np.testing.assert_array_equal(bits(ours), bits(numpys))
