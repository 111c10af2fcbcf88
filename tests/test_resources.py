"""Resources are found by location of the package, never by the working directory."""

import pytest

from gdgui import resources


def test_stylesheet_is_found_from_any_working_directory(run_python, tmp_path):
    code = (
        "from gdgui.resources import resource_path, read_text\n"
        "path = resource_path('styles', 'app.qss')\n"
        "print(path.is_absolute(), len(read_text('styles', 'app.qss')) > 0)\n"
    )
    result = run_python(code=code, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "True"]


def test_resource_path_is_absolute_and_inside_the_resource_root():
    path = resources.resource_path("styles", "app.qss")
    assert path.is_absolute()
    assert path.is_relative_to(resources.resource_root())


def test_missing_resource_names_the_path():
    with pytest.raises(FileNotFoundError, match="no-such-file.json"):
        resources.resource_path("no-such-file.json")

