"""Column helpers that stay fast on the typed frames of a large corpus (lib/snapshot.py).

pandas' `isin` on an Arrow-backed string column converts every value asked for into an Arrow
scalar one by one (seconds for the 26,000 article ids of a filter on 100,000 articles); `isin`
here hands the whole set to Arrow at once. Object and categorical columns go through pandas.
"""
from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc


def isin(values: pd.Series, wanted: Iterable) -> np.ndarray:
    """A bool array: which of `values` are among `wanted` (strings)."""
    dtype = values.dtype
    if isinstance(dtype, pd.StringDtype) and dtype.storage == "pyarrow":
        column = values.array.__arrow_array__()
        chosen = pa.array([str(w) for w in wanted if isinstance(w, str)], type=column.type)
        if not len(chosen):
            return np.zeros(len(values), dtype=bool)
        hit = pc.fill_null(pc.is_in(column, value_set=chosen), False)
        return hit.to_numpy(zero_copy_only=False).astype(bool, copy=False)
    return values.isin(list(wanted) if not isinstance(wanted, (list, set, tuple)) else
                       wanted).to_numpy(dtype=bool)


def pairs(keys: pd.Series, values: pd.Series) -> dict:
    """dict(zip(keys, values)) with the columns turned into Python lists in one go."""
    return dict(zip(keys.tolist(), values.tolist()))


def positions(values: pd.Index | pd.Series, keys: pd.Series) -> np.ndarray:
    """The position in `keys` (unique strings) of each of `values`, -1 where none: Arrow's
    `index_in`, a hash lookup without a Python object per string."""
    if not len(values):
        return np.zeros(0, dtype=np.int64)
    try:
        column = pa.array(keys.to_numpy(dtype=object) if keys.dtype == object else keys,
                          type=pa.large_string(), from_pandas=True)
        asked = pa.array(values.to_numpy(dtype=object) if values.dtype == object else values,
                         type=pa.large_string(), from_pandas=True)
    except (pa.ArrowInvalid, pa.ArrowTypeError):     # not all strings: pandas looks them up
        return pd.Index(keys.to_numpy(dtype=object)).get_indexer(values.to_numpy(dtype=object))
    found = pc.fill_null(pc.index_in(asked, value_set=column), -1)
    return found.to_numpy(zero_copy_only=False).astype(np.int64)
