"""The Qt layer: the only package that imports PySide6.  Views and models over
the core's services; no database code in widgets."""
