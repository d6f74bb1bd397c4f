"""The Pagefind adapter: the search index written over the built HTML."""
