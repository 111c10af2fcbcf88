"""The chain-rule lines written from the newest step back: the same lines, only the last ones."""

from benchmarks.graph_shapes import mlp
from gdgui.core.autodiff import graph_data, graph_text
from gdgui.core.autodiff.passes import Walkthrough
from gdgui.core.files.graph_files import load_document
from gdgui.resources import resource_path


def _graphs():
    for path in sorted(resource_path("graphs").glob("*.json")):
        doc = load_document(path)
        doc.graph.forward(doc.values)
        yield doc.graph
        if "max" in path.name:  # and at a tie, where the max gate writes one line more
            doc.graph.forward(doc.values | {"w": doc.values["z"]})
            yield doc.graph
    graph = graph_data.graph_from_dict(mlp(200))
    graph.forward({f"x{i}": 0.1 * i for i in range(20)})
    yield graph


def test_the_last_lines_and_the_count_agree_with_all_the_lines_at_every_step():
    for graph in _graphs():
        graph.backward()
        names = graph_text.display_names(graph, {})
        walk = Walkthrough(graph)
        for cursor in range(len(walk.steps) + 1):
            walk.cursor = cursor
            every = walk.lines(names)
            assert walk.line_count() == len(every)
            for last in (1, 3, 40):
                assert walk.lines(names, last=last) == (every[-last:] if every else [])
