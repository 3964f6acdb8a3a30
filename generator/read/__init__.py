"""Stage 1, read: the project's files as data, each read once, with the line and column of every value."""
