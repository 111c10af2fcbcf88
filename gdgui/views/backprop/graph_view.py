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
from gdgui.views.backprop.graph_legend import GraphLegend
from gdgui.views.backprop.graph_wires import WireItem
from gdgui.views.backprop.label_spots import free_node_spot
from gdgui.views.backprop.navigation.view_moves import NavigationMixin

PORT_GRAB = 0.45  # fraction of a node's width, from its right side, that starts a new wire


class GraphView(NavigationMixin, QGraphicsView):
    """Shows a ``GraphScene``; its edits go to the scene's controller.

    Left-drag on the background selects with a rubber band; Delete removes the selection (one undo
    step); the background pans with the middle button, or Space held and the left (navigation/view_moves.py).
    """

    def __init__(self, scene, parent=None):
        super().__init__(scene, parent)
        self.setObjectName("graphView")
        self.controller = scene.controller
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.legend = GraphLegend(scene.theme, self)
        self._wire_source: NodeItem | None = None
        self._editor: QLineEdit | None = None
        self.delete_action = QAction("Delete", self, shortcut=QKeySequence.StandardKey.Delete)
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.delete_action.triggered.connect(self.delete_selection)
        self.addAction(self.delete_action)
        self._init_navigation()

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
        if self._start_pan(event):
            event.accept()
            return
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
        if self._pan(event):
            return
        if self._wire_source is not None:
            end = self.mapToScene(event.position().toPoint())
            self.scene().set_pending_wire(self._wire_source.out_port(), end)
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 - Qt override
        if self._end_pan():
            return
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
        """Every selected node and wire, in one undo step."""
        items = self.scene().selectedItems()
        nodes = [i.node_id for i in items if isinstance(i, NodeItem)]
        wires = [(i.key.dst, i.key.slot) for i in items if isinstance(i, WireItem) and i.key is not None]
        self.controller.remove_selection(nodes, wires)

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
            menu = add_node_menu(self, self.controller, lambda: self.free_position(scene_pos))
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

    def free_position(self, near: QPointF | None = None) -> tuple[float, float]:
        """Model position of the free spot nearest ``near`` (the view's centre if None) for a new node."""
        if near is None:
            near = self.mapToScene(self.viewport().rect().center())
        return self.scene().model_pos(free_node_spot(self.scene(), near))

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_Escape and self._editor is not None:
            self._close_editor()
            return
        if event.key() == Qt.Key.Key_Space and self._editor is None:
            if not event.isAutoRepeat():
                self._hold_space(True)
            return
        super().keyPressEvent(event)

    def keyReleaseEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._hold_space(False)
            return
        super().keyReleaseEvent(event)

    def focusOutEvent(self, event) -> None:  # noqa: N802 - Qt override
        self._hold_space(False)  # its release goes to another widget
        super().focusOutEvent(event)


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

