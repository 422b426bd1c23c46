"""Qt models of the EnT Portfolio windows."""

from ..qt import QModelIndex

#: The invalid index, Qt's "no parent": the default of ``rowCount`` and
#: ``columnCount`` in every model here. One shared instance is safe because
#: nothing ever changes an index, and it is not remade on every definition.
NO_PARENT = QModelIndex()
