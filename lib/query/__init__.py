"""Queries over an annotated corpus: filters and selection, tables, chart data, reader segments."""
from .filters import *  # noqa: F401,F403
from .filters import __all__  # noqa: F401
