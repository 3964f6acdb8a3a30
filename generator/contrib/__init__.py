"""Contributor commands: a new record, a record from the issue form, and what a branch changes."""
