"""The site as data (pages, exports, assets) and its adapters (MkDocs plugin, Pagefind, build, export)."""
