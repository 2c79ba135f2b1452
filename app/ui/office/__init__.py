"""The central office's window: a list of pages on the left, the chosen page on the right."""
