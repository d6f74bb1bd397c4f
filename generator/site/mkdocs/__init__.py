"""The MkDocs adapter: the plugin that places the generated pages, and running MkDocs on them.

Only this package imports MkDocs. Another engine that reads mkdocs.yml builds the
same site from `export`'s folder.
"""
