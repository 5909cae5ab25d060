"""The site's search backend setting points here: ``search.backends`` wraps the backend named
in ``INNER`` (see search.indexing)."""

from .indexing import ResilientSearchBackend as SearchBackend

__all__ = ["SearchBackend"]
