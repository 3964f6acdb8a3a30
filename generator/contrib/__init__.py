"""Contributor commands: a new record, a record from the issue form, what a branch changes, and the upgrade of
version 1 records to schema version 2."""
