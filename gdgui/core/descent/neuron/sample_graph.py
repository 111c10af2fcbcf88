"""One sample's loss as the Backprop tab's graph: the log-loss preset at the map's weights (no Qt).

The map's f(w1, w2) is the sum of the samples' losses, so its gradient is the sum of the gradients
each sample's graph gives its w1 and w2: ``Bridge`` holds both, for the status line to say so.
"""

from __future__ import annotations

from dataclasses import dataclass

from gdgui.core.autodiff.graph_document import GraphDocument, document_from_dict, document_to_dict
from gdgui.core.descent.neuron.dataset import BIAS
from gdgui.core.json_files import read_json
from gdgui.core.numbers import point_text, short
from gdgui.resources import resource_path

__all__ = ["LOG_LOSS_PRESET", "Bridge", "sample_document", "sample_gradient", "bridge", "bridge_words"]

LOG_LOSS_PRESET = "08-neuron-log-loss.json"
WEIGHTS = ("w1", "w2")  # the map's x and y; the bias w0 stays where the map holds it


def sample_document(sample, w1: float, w2: float) -> GraphDocument:
    """The log-loss preset for ``sample`` (x1, x2, t) at weights (w1, w2), the bias at ``BIAS``;
    the ticked parameters are the map's two weights."""
    data = read_json(resource_path("graphs", LOG_LOSS_PRESET), "graph preset")
    doc = document_from_dict(data)
    x1, x2, label = sample
    doc.values.update({"w0": BIAS, "w1": float(w1), "w2": float(w2), "x1": x1, "x2": x2, "t": float(label)})
    doc.params = list(WEIGHTS)
    doc.title = f"Loss of sample {point_text(x1, x2)} of class {label}"
    return doc


def sample_gradient(sample, w1: float, w2: float) -> tuple[float, float]:
    """∂loss/∂w1 and ∂loss/∂w2 as the sample's graph computes them (forward, then backward)."""
    doc = sample_document(sample, w1, w2)
    graph = doc.graph
    graph.forward(doc.values)
    graph.backward()
    ids = graph.input_ids()
    return tuple(float(graph.grads[ids[name]]) for name in WEIGHTS)


@dataclass(frozen=True)
class Bridge:
    """Ctrl+G at (w1, w2): the graph of sample ``index`` as document data, its gradient, and the sum
    of every sample's graph gradient (which equals the map's ∇f there)."""

    document: dict
    index: int
    sample_grad: tuple[float, float]
    summed_grad: tuple[float, float]
    count: int


def bridge(dataset, w1: float, w2: float, index: int = 0) -> Bridge:
    grads = [sample_gradient(sample, w1, w2) for sample in dataset]
    summed = (sum(g[0] for g in grads), sum(g[1] for g in grads))
    return Bridge(document_to_dict(sample_document(dataset[index], w1, w2)), index, grads[index], summed, len(dataset))


def bridge_words(link: Bridge, map_grad) -> str:
    """The status line of Ctrl+G on the neuron-loss map: ∇f there is the sum of the samples' graph gradients."""
    vector = lambda v: f"({short(v[0])}, {short(v[1])})"  # noqa: E731 - one format, three uses
    return (f"∇f on the map {vector(map_grad)} = the sum of the {link.count} samples' graph gradients "
            f"(∂loss/∂w1, ∂loss/∂w2) {vector(link.summed_grad)}; this graph is sample {link.index + 1}: "
            f"{vector(link.sample_grad)}")
