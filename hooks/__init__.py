"""MkDocs hooks (listed by path in mkdocs.yml): the adapter between MkDocs and the generator."""
