"""What an exported plot says above itself, which the window says beside it: the map's formula
(and its basin legend while basins are shown), the loss plots' legend. Rich text, a line each."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QLabel, QWidget

from gdgui.controllers.shell.theme import ThemeController
from gdgui.views.widgets.formula_text import formula_html

__all__ = ["heading_for", "ENTRIES_PER_LINE"]

ENTRIES_PER_LINE = 2  # loss-plot legend entries side by side: the plots are narrow


def heading_for(title: str, controller, window: QWidget) -> str:
    """The heading of the plot exported as ``title`` ("Contour map", "Loss plot", …); "" for none."""
    if title == "Contour map":
        return map_heading(controller, window)
    if title in ("Loss plot", "Gradient-norm plot"):
        return loss_heading(controller.frame)
    return ""


def map_heading(controller, window: QWidget) -> str:
    objective = controller.map_data.objective
    name = "" if objective.id == "custom" else f"{html.escape(objective.name)}: "
    lines = [f"{name}f(x, y) = {formula_html(objective.formula)}"]
    legend = window.findChild(QLabel, "basinLegend")
    if controller.analysis.basins_shown and legend is not None and legend.text():
        # The window's one-line legend, a basin a line: "Basins (…): ■ (3, 2) 25%  ■ …"
        lines.append(legend.text().replace("): <span", "):<br><span").replace("&nbsp;&nbsp; <span", "<br><span"))
    return "<br>".join(lines)


def loss_heading(frame) -> str:
    entries = [f"<span style='color:{ThemeController.colour(series.colour_index)}'>━━</span>&nbsp;"
               f"{html.escape(series.label)}" for series in frame.loss]
    rows = [entries[i:i + ENTRIES_PER_LINE] for i in range(0, len(entries), ENTRIES_PER_LINE)]
    return "<br>".join("&nbsp;&nbsp;&nbsp;".join(row) for row in rows)
