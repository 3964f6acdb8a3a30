"""Stage 2, check: the records against the JSON Schema and the rules across fields and files; every problem at once."""
