"""Chart data: events on a time axis, mentions over time, places on the map."""
from __future__ import annotations

from collections.abc import Callable, Sequence

import pandas as pd

from .filters import Selection
from .tables import _article_info, _lookup


def timeline_frame(sel: Selection, rows: str = "actor", include_publication_dated: bool = True,
                   max_rows: int = 40) -> pd.DataFrame:
    """One bar per event (per actor when `rows="actor"`): row, start, end (exclusive, so a day
    is one day wide), granularity, timex, sentence, date_source, article."""
    ev = sel.events
    if not include_publication_dated:
        ev = ev[ev["date_source"] != "publication"]
    ev = ev[ev["date_start"].notna()]
    info = _article_info(sel.articles)
    cols = ["row", "start", "end", "granularity", "timex", "value", "sentence", "date_source",
            "article", "article_id", "actors"]
    if ev.empty:
        return pd.DataFrame(columns=cols)
    start = ev["date_start"]
    end = ev["date_end"].fillna(start)
    # date_end is the last day covered: draw to the end of that day (at least one day wide).
    end = end.where(end > start, start).dt.normalize() + pd.Timedelta(days=1)
    base = pd.DataFrame({
        "start": start, "end": end, "granularity": ev["granularity"], "timex": ev["timex"],
        "value": ev["value"],
        "sentence": ev["sentence"].map(lambda t: " ".join(str(t).split())),
        "date_source": ev["date_source"],
        "article": _lookup(ev["article_id"], info["title"]).fillna(""),
        "article_id": ev["article_id"],
        "actors": ev["actors"].map(lambda names: ", ".join(names)),
        "_names": ev["actors"],
    })
    if rows == "article":
        base["row"] = base["article"].where(base["article"] != "", base["article_id"])
    else:
        base["_names"] = base["_names"].map(lambda names: list(names) or ["(no actor)"])
        base = base.explode("_names")
        base["row"] = base["_names"]
        if sel.filters.actors:
            chosen = set(sel.filters.actors)
            base = base[base["row"].isin(chosen)]
    order = base["row"].value_counts()
    keep = set(order.index[:max_rows])
    base = base[base["row"].isin(keep)]
    out = base[cols].sort_values(["start", "row"], kind="stable").reset_index(drop=True)
    out.attrs["rows_total"] = int(order.size)  # before keeping the `max_rows` busiest rows
    return out


def mentions_over_time(sel: Selection, actors: Sequence[str] = (), top: int = 8,
                       freq: str | None = None) -> pd.DataFrame:
    """Mentions per publication period: period, actor, mentions (long format).

    `actors` defaults to the selected actors, else the `top` most mentioned. `freq` ("D", "W",
    "MS") defaults to days, weeks or months depending on the span of publication dates."""
    m = sel.mentions
    pub = _lookup(m["article_id"], sel.articles.set_index("id")["published"])
    df = pd.DataFrame({"actor": m["actor"], "published": pub}).dropna(subset=["published"])
    names = list(actors) or list(sel.filters.actors) or list(sel.actors["actor"].head(top))
    df = df[df["actor"].isin(names)]
    if df.empty:
        return pd.DataFrame(columns=["period", "actor", "mentions"])
    if freq is None:
        span = (df["published"].max() - df["published"].min()).days
        freq = "D" if span <= 62 else "W" if span <= 730 else "MS"
    df["period"] = df["published"].dt.to_period({"D": "D", "W": "W", "MS": "M"}.get(freq, "D")).dt.start_time
    out = df.groupby(["period", "actor"]).size().rename("mentions").reset_index()
    return out.sort_values(["period", "actor"], kind="stable").reset_index(drop=True)


def places(sel: Selection, coordinates: Callable[[str], tuple[float, float] | None]) -> pd.DataFrame:
    """actor, actor_type, lat, lon, n_mentions, n_articles for the actors the gazetteer places."""
    rows = []
    for row in sel.actors.itertuples():
        try:
            where = coordinates(row.actor)
        except Exception:  # a gazetteer problem must not break the view
            where = None
        if where:
            lat, lon = where
            rows.append({"actor": row.actor, "actor_type": row.actor_type, "lat": float(lat),
                         "lon": float(lon), "n_mentions": row.n_mentions, "n_articles": row.n_articles})
    return pd.DataFrame(rows, columns=["actor", "actor_type", "lat", "lon", "n_mentions", "n_articles"])
