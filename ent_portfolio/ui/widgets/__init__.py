"""Qt widgets of the EnT Portfolio windows."""
