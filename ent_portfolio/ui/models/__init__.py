"""Qt models of the EnT Portfolio windows."""
