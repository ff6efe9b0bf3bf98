"""Chart data: events on a time axis, mentions over time, places on the map."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

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


# Granularities too coarse to sit in the bulk of a timeline: shown only with the outliers;
# so is a vague range longer than a year ("in den vergangenen Jahren"), not "in the coming days".
COARSE_GRANULARITIES = ("decade", "century")
LONG_VAGUE = pd.Timedelta(days=366)
# An event is far from the bulk beyond FENCE times the spread of the middle half of the events
# (at least MIN_SPREAD) from that half, as the whiskers of a box plot (which use 1.5).
FENCE = 3
MIN_SPREAD = pd.Timedelta(days=30)
_DAY = pd.Timedelta(days=1)


@dataclass(frozen=True)
class TimelineView:
    """What the timeline draws: `frame` (the bars shown), `hidden` (how many bars the outlier
    toggle hides), `x_range` (the axis: start, end)."""
    frame: pd.DataFrame
    hidden: int
    x_range: tuple[pd.Timestamp, pd.Timestamp] | None


def _padded(lo: pd.Timestamp, hi: pd.Timestamp, share: float = 0.05,
            minimum: pd.Timedelta = 3 * _DAY) -> tuple[pd.Timestamp, pd.Timestamp]:
    pad = max((hi - lo) * share, minimum)
    return lo - pad, hi + pad


def timeline_view(frame: pd.DataFrame, event_from: dt.date | None = None,
                  event_to: dt.date | None = None, show_outliers: bool = False,
                  low: float = 0.02, high: float = 0.98) -> TimelineView:
    """The part of a `timeline_frame` worth drawing, and the axis for it.

    The axis covers the bulk of the events: from the `low` quantile of their starts to the
    `high` quantile of their ends (of the events finer than a decade), but no further than
    `FENCE` times the spread of the middle half of the events from that half (with few events
    the quantiles are the extremes), padded by 5 % (at least three days). Outliers — decades, centuries, vague ranges longer than a year, and events
    that lie wholly outside that window — are left out unless `show_outliers`, when the axis covers every event. An
    event-date filter (`event_from`, `event_to`) bounds the axis in any case."""
    if frame.empty:
        return TimelineView(frame, 0, None)
    f0 = pd.Timestamp(event_from) if event_from else None
    f1 = pd.Timestamp(event_to) + _DAY if event_to else None

    def clip(values: pd.Series) -> pd.Series:
        return values.clip(lower=f0, upper=f1)

    coarse = frame["granularity"].isin(COARSE_GRANULARITIES) | (
        (frame["granularity"] == "vague") & (frame["end"] - frame["start"] > LONG_VAGUE))
    bulk = frame[~coarse] if (~coarse).any() else frame
    lo = clip(bulk["start"]).quantile(low, interpolation="lower")
    hi = clip(bulk["end"]).quantile(high, interpolation="higher")
    # few events: the percentiles are the extremes, so fence them in as a box plot does
    middle = clip(bulk["start"] + (bulk["end"] - bulk["start"]) / 2)
    q1, q3 = middle.quantile(0.25), middle.quantile(0.75)
    reach = FENCE * max(q3 - q1, MIN_SPREAD)
    lo, hi = max(lo, q1 - reach), min(hi, q3 + reach)
    window = _padded(lo, max(hi, lo + _DAY))
    far = (frame["end"] <= window[0]) | (frame["start"] >= window[1])
    outlier = (coarse & (~coarse).any()) | far
    if show_outliers:
        shown = frame
        x0, x1 = _padded(clip(frame["start"]).min(), clip(frame["end"]).max())
        x0, x1 = min(x0, window[0]), max(x1, window[1])
    else:
        shown = frame[~outlier]
        x0, x1 = window
    if f0 is not None:
        x0 = max(x0, f0)
    if f1 is not None:
        x1 = min(x1, f1)
    if x1 <= x0:
        x1 = x0 + _DAY
    shown = shown.reset_index(drop=True)
    shown.attrs.update(frame.attrs)
    return TimelineView(shown, int(outlier.sum()), (x0, x1))


def undated_events(sel: Selection) -> tuple[int, int]:
    """(articles, events): the selected articles with no publication date, and how many of
    their events have no date (a relative date or an undated sentence needs the publication
    date), so no over-time chart can place them."""
    undated = sel.articles.loc[sel.articles["published"].isna(), "id"]
    ev = sel.events
    lost = ev[ev["article_id"].isin(set(undated)) & ev["date_start"].isna()]
    return int(len(undated)), int(len(lost))


def mentions_over_time(sel: Selection, actors: Sequence[str] = (), top: int = 8,
                       freq: str | None = None) -> pd.DataFrame:
    """Mentions per publication period: period, actor, mentions (long format).

    `actors` defaults to the selected actors, else the `top` most mentioned. `freq` ("D", "W",
    "MS") defaults to days, weeks or months depending on the span of publication dates.
    Mentions in articles of unknown publication date are left out and counted in
    `attrs["undated_mentions"]` and `attrs["undated_articles"]`; `attrs["freq"]` is the period."""
    m = sel.mentions
    pub = _lookup(m["article_id"], sel.articles.set_index("id")["published"])
    df = pd.DataFrame({"actor": m["actor"], "published": pub, "article_id": m["article_id"]})
    names = list(actors) or list(sel.filters.actors) or list(sel.actors["actor"].head(top))
    df = df[df["actor"].isin(names)]
    undated = df[df["published"].isna()]
    df = df.dropna(subset=["published"])
    counts = {"undated_mentions": int(len(undated)),
              "undated_articles": int(undated["article_id"].nunique())}
    if df.empty:
        out = pd.DataFrame(columns=["period", "actor", "mentions"])
        out.attrs.update(counts, freq=freq or "D")
        return out
    if freq is None:
        span = (df["published"].max() - df["published"].min()).days
        freq = "D" if span <= 62 else "W" if span <= 730 else "MS"
    df["period"] = df["published"].dt.to_period({"D": "D", "W": "W", "MS": "M"}.get(freq, "D")).dt.start_time
    out = df.groupby(["period", "actor"]).size().rename("mentions").reset_index()
    out = out.sort_values(["period", "actor"], kind="stable").reset_index(drop=True)
    out.attrs.update(counts, freq=freq)  # the chart's ticks follow the period
    return out


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
