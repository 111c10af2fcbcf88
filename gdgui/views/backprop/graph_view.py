"""The graph editor's view: zoom, pan, fit, wiring by drag, context menus, in-place edits.

Every action ends in one controller call; the view keeps no model state of its own.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QAction, QKeySequence, QPainter
from PySide6.QtWidgets import QGraphicsView, QLineEdit, QMenu

from gdgui.core.autodiff.ops import OPS
from gdgui.core.numbers import exact
from gdgui.views.backprop.graph_items import NodeItem
from gdgui.views.backprop.graph_labels import TextItem
from gdgui.views.backprop.graph_wires import WireItem

ZOOM_STEP = 1.15
MIN_ZOOM, MAX_ZOOM, MAX_FIT_ZOOM = 0.15, 4.0, 2.0
PORT_GRAB = 0.45  # fraction of a node's width, from its right side, that starts a new wire


class GraphView(QGraphicsView):
    """Shows a ``GraphScene``; its edits go to the scene's controller."""

    def __init__(self, scene, parent=None):
        super().__init__(scene, parent)
        self.setObjectName("graphView")
        self.controller = scene.controller
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        # Scroll bars would eat room and look like a page; dragging the background pans instead.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self._wire_source: NodeItem | None = None
        self._editor: QLineEdit | None = None
        self._fit_pending = True
        self.delete_action = QAction("Delete", self, shortcut=QKeySequence.StandardKey.Delete)
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.delete_action.triggered.connect(self.delete_selection)
        self.addAction(self.delete_action)
        scene.rebuilt.connect(self.request_fit)

    # ----- zoom and fit ---------------------------------------------------------------------
    def zoom(self) -> float:
        return self.transform().m11()

    def wheelEvent(self, event) -> None:  # noqa: N802 - Qt override
        self._fit_pending = False  # the teacher chose a zoom: stop refitting on resize
        steps = event.angleDelta().y() / 120
        factor = max(MIN_ZOOM, min(MAX_ZOOM, self.zoom() * ZOOM_STEP ** steps)) / self.zoom()
        self.scale(factor, factor)
        self.scene().set_zoom(self.zoom())

    def request_fit(self) -> None:
        """Fit now if the view has its size, else as soon as it is shown."""
        self._fit_pending = True
        if self.isVisible() and self.viewport().width() > 50:
            self.fit()

    def fit(self) -> None:
        """Zoom so the whole graph, labels included, fills the view (not beyond 2×).

        The view keeps refitting when it is resized until the wheel sets a zoom.
        """
        self._fit_pending = True
        rect = self.scene().drawn_bounds()
        if rect.isEmpty():
            return
        margin = 20.0
        rect = rect.adjusted(-margin, -margin, margin, margin)
        self.setSceneRect(rect.adjusted(-rect.width(), -rect.height(), rect.width(), rect.height()))
        view = self.viewport().rect()
        zoom = min(view.width() / rect.width(), view.height() / rect.height(), MAX_FIT_ZOOM)
        self.resetTransform()
        self.scale(zoom, zoom)
        self.scene().set_zoom(zoom)
        self.centerOn(rect.center())

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if self._fit_pending:
            self.fit()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._fit_pending:
            self.fit()

    # ----- wiring and moving ----------------------------------------------------------------------
    def _item_at(self, view_pos, kinds):
        for item in self.items(view_pos):
            owner = item.parentItem() if isinstance(item, TextItem) and item.parentItem() else item
            if isinstance(owner, kinds):
                return owner
        return None

    def _on_out_port(self, item: NodeItem, scene_pos: QPointF) -> bool:
        rect = item.boundingRect()
        return item.mapFromScene(scene_pos).x() > rect.right() - rect.width() * PORT_GRAB

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt override
        node = self._item_at(event.position().toPoint(), NodeItem)
        scene_pos = self.mapToScene(event.position().toPoint())
        if event.button() == Qt.MouseButton.LeftButton and node is not None and self._on_out_port(node, scene_pos) \
                and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            self._wire_source = node
            self.scene().set_pending_wire(node.out_port(), scene_pos)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:  # noqa: N802 - Qt override
        if self._wire_source is not None:
            end = self.mapToScene(event.position().toPoint())
            self.scene().set_pending_wire(self._wire_source.out_port(), end)
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 - Qt override
        if self._wire_source is not None:
            self._finish_wire(event.position().toPoint())
            return
        super().mouseReleaseEvent(event)
        self.scene().commit_moves()

    def _finish_wire(self, view_pos) -> None:
        source, self._wire_source = self._wire_source, None
        self.scene().set_pending_wire(None)
        target = self._item_at(view_pos, NodeItem)
        if target is None or target is source:
            return
        if target.kind != "op":
            self.controller.message.emit("Inputs and constants take no wires in: drop the wire on a gate")
            return
        slot = target.slot_at(self.mapToScene(view_pos))
        self.controller.wire(source.node_id, target.node_id, slot)

    def delete_selection(self) -> None:
        items = self.scene().selectedItems()
        nodes = [i.node_id for i in items if isinstance(i, NodeItem)]
        if nodes:
            self.controller.remove_nodes(nodes)
            return
        for wire in (i for i in items if isinstance(i, WireItem) and i.key is not None):
            self.controller.unwire(wire.key.dst, wire.key.slot)

    # ----- menus and in-place editing -----------------------------------------------------------------
    def contextMenuEvent(self, event) -> None:  # noqa: N802 - Qt override
        view_pos = event.pos()
        scene_pos = self.mapToScene(view_pos)
        node = self._item_at(view_pos, NodeItem)
        wire = self._item_at(view_pos, WireItem)
        if node is not None:
            menu = self._node_menu(node)
        elif wire is not None and wire.key is not None:
            menu = QMenu(self)
            menu.addAction("Disconnect", lambda: self.controller.unwire(wire.key.dst, wire.key.slot))
        else:
            menu = add_node_menu(self, self.controller, lambda: self.scene().model_pos(scene_pos))
        menu.exec(event.globalPos())

    def _node_menu(self, node: NodeItem) -> QMenu:
        menu = QMenu(self)
        graph_node = self.controller.graph.nodes[node.node_id]
        if node.kind != "op":
            menu.addAction("Edit name and value…" if node.kind == "input" else "Edit value…",
                           lambda: self.edit_in_place(node))
        if graph_node.op == "sigmoid":
            menu.addAction("Expand σ into gates", lambda: self.controller.expand_sigmoid(node.node_id))
        if self.controller.sigmoid_chain_of(node.node_id) is not None:
            menu.addAction("Collapse gates into σ", lambda: self.controller.collapse_sigmoid(node.node_id))
        menu.addAction("Delete", lambda: self.controller.remove_nodes([node.node_id]))
        return menu

    def mouseDoubleClickEvent(self, event) -> None:  # noqa: N802 - Qt override
        node = self._item_at(event.position().toPoint(), NodeItem)
        if node is not None and node.kind != "op":
            self.edit_in_place(node)
            return
        super().mouseDoubleClickEvent(event)

    def edit_in_place(self, node: NodeItem) -> QLineEdit:
        """A line edit over the box: ``name = value`` for an input, the value for a constant."""
        self._close_editor()
        graph_node = self.controller.graph.nodes[node.node_id]
        if node.kind == "input":
            text = f"{graph_node.name} = {exact(self.controller.document.values[graph_node.name])}"
        else:
            text = exact(graph_node.value)  # every digit: committing unchanged text keeps the value
        editor = QLineEdit(text, self.viewport())
        editor.setObjectName("graphNodeEditor")
        rect = self.mapFromScene(node.sceneBoundingRect()).boundingRect()
        width = max(rect.width(), editor.fontMetrics().horizontalAdvance(text + "00000"))
        editor.setGeometry(int(rect.center().x() - width / 2), rect.center().y() - 20, int(width), 40)
        editor.returnPressed.connect(lambda: self._commit_editor(node.node_id, node.kind))
        editor.show()
        editor.setFocus()
        editor.selectAll()
        self._editor = editor
        return editor

    def _commit_editor(self, node_id: str, kind: str) -> None:
        text = self._editor.text()
        self._close_editor()
        if kind == "input":
            self.controller.edit_input(node_id, text)
        else:
            self.controller.set_const_value(node_id, text)

    def _close_editor(self) -> None:
        if self._editor is not None:
            self._editor.hide()
            self._editor.deleteLater()
            self._editor = None
            self.setFocus()

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_Escape and self._editor is not None:
            self._close_editor()
            return
        super().keyPressEvent(event)


def add_node_menu(parent, controller, where) -> QMenu:
    """Input, constant and every gate of the op table; ``where()`` gives the model position."""
    menu = QMenu("Add node", parent)
    menu.addAction("Input", lambda: controller.add_input(where()))
    menu.addAction("Constant", lambda: controller.add_const(where()))
    gates = menu.addMenu("Gate")
    for op in OPS.values():
        action = gates.addAction(f"{op.symbol}   {op.name}", lambda name=op.name: controller.add_op(name, where()))
        action.setToolTip(op.description)
    gates.setToolTipsVisible(True)
    return menu

