# TEMPORARY (removed before landing): the installed entry point's old path, while another work tree uses it.
from .mkdocs.plugin import CaseLibraryPlugin  # noqa: F401
