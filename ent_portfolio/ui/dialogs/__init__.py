"""Qt dialogs of the EnT Portfolio windows."""
