"""lib/query.py: filter semantics, URL parameters and the tables of the views (toy corpus)."""
import datetime as dt

import pandas as pd
import pytest

from lib import schema
from lib.query import (
    Filters,
    actor_options,
    article_detail,
    article_table,
    cooccurrence,
    cooccurrence_edges,
    cooccurrence_network,
    event_table,
    filter_articles,
    filter_events,
    filter_quotes,
    mentions_over_time,
    overview,
    places,
    quote_table,
    select,
    speaker_label,
    table_for_export,
    timeline_frame,
)

# ---------------------------------------------------------------- Filters <-> URL parameters


def test_filters_round_trip_through_params():
    f = Filters(actors=("James Martin", "Nato"), actor_types=("person",),
                event_from=dt.date(2022, 10, 1), event_to=dt.date(2022, 10, 31),
                published_from=dt.date(2022, 10, 18), sources=("The Telegraph",),
                languages=("de",))
    params = f.to_params()
    assert params["actor"] == ["James Martin", "Nato"]
    assert params["type"] == ["person"]
    assert params["event_from"] == ["2022-10-01"]
    assert "published_to" not in params
    assert Filters.from_params(params) == f


def test_query_string_is_plain_and_readable():
    f = Filters(actors=("James Martin",), actor_types=("person",))
    assert f.query_string() == "actor=James+Martin&type=person"


def test_from_params_accepts_strings_lists_and_get_all():
    class QueryParams(dict):
        def get_all(self, key):
            value = self.get(key, [])
            return value if isinstance(value, list) else [value]

    f = Filters.from_params(QueryParams(actor=["A", "B", "A"], type="person", language="de"))
    assert f.actors == ("A", "B") and f.actor_types == ("person",) and f.languages == ("de",)
    assert Filters.from_params({"actor": "A"}).actors == ("A",)


def test_from_params_ignores_garbage():
    f = Filters.from_params({"type": ["person", "<script>"], "event_from": "not-a-date",
                             "published_to": "2022-13-45", "unknown": "x", "actor": ["", " "]})
    assert f == Filters(actor_types=("person",))
    assert f.active and not Filters().active


def test_empty_filters_have_no_params():
    assert Filters().to_params() == {}
    assert Filters.from_params({}) == Filters()


# ---------------------------------------------------------------- filter semantics


def test_no_filters_keep_everything(toy_corpus):
    sel = select(toy_corpus, Filters())
    assert len(sel.articles) == 3
    assert len(sel.mentions) == len(toy_corpus.mentions)
    assert len(sel.events) == len(toy_corpus.events)
    assert len(sel.quotes) == len(toy_corpus.quotes)


def test_actor_keeps_articles_events_and_own_quotes(toy_corpus):
    sel = select(toy_corpus, Filters(actors=("James Martin",)))
    assert list(sel.articles["id"]) == ["a1"]
    # events that involve him, not the Ukraine event of the same article
    assert set(sel.events["timex"]) == {"am 11. Oktober", ""}
    assert all("James Martin" in names for names in sel.events["actors"])
    # only his quotes: not the anonymous source in the same article
    assert set(sel.quotes["speaker_actor"]) == {"James Martin"}
    assert len(sel.quotes) == 2
    # mentions: everyone in his articles (who appears alongside him)
    assert set(sel.mentions["actor"]) == {"James Martin", "Nato", "Ukraine"}


def test_several_actors_mean_any_of_them(toy_corpus):
    sel = select(toy_corpus, Filters(actors=("James Martin", "Jens Stoltenberg")))
    assert set(sel.articles["id"]) == {"a1", "a3"}
    assert set(sel.quotes["speaker_actor"]) == {"James Martin", "Jens Stoltenberg"}


def test_unknown_actor_matches_nothing(toy_corpus):
    sel = select(toy_corpus, Filters(actors=("Nobody",)))
    assert sel.articles.empty and sel.quotes.empty and sel.events.empty and sel.actors.empty


def test_actor_types(toy_corpus):
    sel = select(toy_corpus, Filters(actor_types=("country",)))
    assert len(sel.articles) == 3  # articles are not narrowed by type
    assert set(sel.mentions["actor_type"]) == {"country"}
    assert set(sel.actors["actor"]) == {"Ukraine", "Iran"}
    assert all(any(n in {"Ukraine", "Iran"} for n in names) for names in sel.events["actors"])
    assert sel.quotes.empty  # no country speaks


def test_event_date_range_overlaps(toy_corpus):
    sel = select(toy_corpus, Filters(event_from=dt.date(2022, 10, 20)))
    # the October month overlaps, the 11 and 18 October days do not, undated drops out
    assert set(sel.events["value"]) == {"2022-10", "2022-10-25"}
    assert len(sel.articles) == 3
    sel = select(toy_corpus, Filters(event_from=dt.date(2022, 10, 11), event_to=dt.date(2022, 10, 11)))
    assert set(sel.events["value"]) == {"2022-10-11", "2022-10"}


def test_publication_range_drops_undated_articles(toy_corpus):
    sel = select(toy_corpus, Filters(published_from=dt.date(2022, 10, 18),
                                     published_to=dt.date(2022, 10, 18)))
    assert list(sel.articles["id"]) == ["a1"]
    assert set(sel.quotes["article_id"]) == {"a1"}
    assert set(sel.mentions["article_id"]) == {"a1"}


def test_source_and_language(toy_corpus):
    assert list(select(toy_corpus, Filters(sources=("Reuters",))).articles["id"]) == ["a2"]
    sel = select(toy_corpus, Filters(languages=("de",)))
    assert set(sel.articles["id"]) == {"a1", "a3"}
    assert set(sel.events["article_id"]) <= {"a1", "a3"}


def test_filters_keep_schema_dtypes(toy_corpus):
    sel = select(toy_corpus, Filters(actors=("Nobody",)))
    for table in ("articles", "mentions", "actors", "events", "quotes"):
        assert list(getattr(sel, table).columns) == schema.COLUMNS[table]
    assert str(sel.articles["published"].dtype).startswith("datetime64")


def test_pure_filter_functions(toy_corpus):
    f = Filters(actors=("Iran",))
    articles = filter_articles(toy_corpus.articles, toy_corpus.mentions, f)
    assert list(articles["id"]) == ["a2"]
    assert list(filter_events(toy_corpus.events, ["a2"], f)["value"]) == ["2022-10-25"]
    assert filter_quotes(toy_corpus.quotes, ["a2"], f).empty  # Iran is not a speaker


def test_actor_counts_after_filtering(toy_corpus):
    sel = select(toy_corpus, Filters(sources=("The Telegraph",)))
    row = sel.actors.set_index("actor").loc["James Martin"]
    assert row["n_mentions"] == 2 and row["n_articles"] == 1
    assert list(sel.actors["actor"])[0] == "James Martin"


def test_table_for_export(toy_corpus):
    df = table_for_export(toy_corpus, "quotes", Filters(actors=("James Martin",)))
    assert list(df.columns) == schema.COLUMNS["quotes"]
    assert len(df) == 2
    with pytest.raises(ValueError):
        table_for_export(toy_corpus, "nope")


# ---------------------------------------------------------------- tables of the views


def test_quote_table_labels_anonymous_speakers(toy_corpus):
    df = quote_table(select(toy_corpus))
    assert "anonymous (Eine Verteidigungsquelle)" in set(df["speaker"])
    assert "anonymous (A Western official)" in set(df["speaker"])
    assert df["anonymous"].sum() == 2
    assert {"speaker", "quote", "kind", "article", "date", "article_id"} <= set(df.columns)
    assert speaker_label("", "") == "anonymous"


def test_quote_search(toy_corpus):
    sel = select(toy_corpus)
    assert list(quote_table(sel, "gegnern")["speaker"]) == ["James Martin"]
    assert len(quote_table(sel, "wir")) == 3
    assert quote_table(sel, "wir nothing").empty


def test_event_table_and_publication_toggle(toy_corpus):
    sel = select(toy_corpus)
    assert len(event_table(sel)) == 5
    only_text = event_table(sel, include_publication_dated=False)
    assert set(only_text["date_source"]) == {"text"}
    assert only_text["actors"].tolist() == ["Ukraine", "James Martin"]  # by date_start


def test_timeline_rows_per_actor_and_article(toy_corpus):
    sel = select(toy_corpus)
    by_actor = timeline_frame(sel, rows="actor")
    # the Nato+Martin event appears on both rows; the undated event is not drawn
    assert set(by_actor["row"]) == {"James Martin", "Ukraine", "Nato", "Iran"}
    day = by_actor[by_actor["timex"] == "am 11. Oktober"].iloc[0]
    assert day["end"] - day["start"] == pd.Timedelta(days=1)
    month = by_actor[by_actor["granularity"] == "month"].iloc[0]
    assert (month["start"], month["end"]) == (pd.Timestamp("2022-10-01"), pd.Timestamp("2022-11-01"))
    by_article = timeline_frame(sel, rows="article", include_publication_dated=False)
    assert set(by_article["row"]) == {"Der Westen kontrolliert nicht länger den Himmel"}


def test_timeline_with_actor_filter_shows_only_their_rows(toy_corpus):
    frame = timeline_frame(select(toy_corpus, Filters(actors=("James Martin",))), rows="actor")
    assert set(frame["row"]) == {"James Martin"}


def test_article_table_counts(toy_corpus):
    df = article_table(select(toy_corpus)).set_index("article_id")
    assert df.loc["a1", "quotes"] == 3 and df.loc["a1", "mentions"] == 4
    assert df.loc["a3", "events"] == 1


def test_overview(toy_corpus):
    stats = overview(select(toy_corpus), toy_corpus.report)
    assert stats["articles"] == 3 and stats["sources"] == 3 and stats["languages"] == 2
    assert stats["first_published"] == dt.date(2022, 10, 18)
    assert stats["undated_articles"] == 1
    assert stats["quotes"] == 6 and stats["anonymous_quotes"] == 2
    assert stats["problems"] == 1
    assert set(stats["by_pipeline"]["pipeline"]) == {"de_lagebild_ner-0.1.0", "en_core_web_sm-3.8.0"}

def test_overview_counts_quotes_as_the_quotes_page_does(toy_corpus):
    """Phrases (scare quotes, titles) are hidden on the Quotes page by default: the Overview's
    quote count leaves them out too, and gives them apart."""
    phrase = toy_corpus.quotes.iloc[[0]].assign(kind="phrase", speaker="", speaker_actor="",
                                                text="terrorisiert")
    corpus = type(toy_corpus)(**{**vars(toy_corpus),
                                 "quotes": pd.concat([toy_corpus.quotes, phrase], ignore_index=True)})
    stats = overview(select(corpus))
    assert stats["quotes"] == 6 and stats["anonymous_quotes"] == 2 and stats["phrases"] == 1
    assert stats["quotes"] == len(quote_table(select(corpus)))


def test_actor_options_have_counts_and_keep_unknown_selection(toy_corpus):
    options = actor_options(toy_corpus.actors, ["Somebody"])
    assert list(options)[0] in {"James Martin", "Jens Stoltenberg", "Nato", "Ukraine"}
    assert options["James Martin"] == "James Martin (2)"
    assert options["Somebody"] == "Somebody (not in corpus)"


def test_mentions_over_time(toy_corpus):
    df = mentions_over_time(select(toy_corpus))
    assert {"period", "actor", "mentions"} == set(df.columns)
    assert df[df["actor"] == "Ukraine"]["mentions"].sum() == 2
    df = mentions_over_time(select(toy_corpus, Filters(actors=("Jens Stoltenberg",))))
    assert df.empty  # his article has no publication date


def test_cooccurrence(toy_corpus):
    sentence = cooccurrence_edges(toy_corpus.mentions, "sentence")
    pairs = {(a, b): n for a, b, n in sentence.itertuples(index=False)}
    assert pairs[("James Martin", "Nato")] == 1
    assert ("James Martin", "Ukraine") not in pairs
    article = cooccurrence_edges(toy_corpus.mentions, "article")
    assert ("James Martin", "Ukraine") in {(a, b) for a, b, _ in article.itertuples(index=False)}
    matrix = cooccurrence(toy_corpus.mentions, "article")
    assert (matrix.values == matrix.values.T).all()
    assert matrix.loc["Nato", "James Martin"] == 1
    assert cooccurrence(toy_corpus.mentions.iloc[0:0]).empty


def test_cooccurrence_network(toy_corpus):
    nodes, edges = cooccurrence_network(toy_corpus.mentions, "article")
    assert set(edges["actor_a"]) | set(edges["actor_b"]) <= set(nodes["actor"])
    full = cooccurrence_edges(toy_corpus.mentions, "article")
    assert len(edges) == len(full)                      # few actors: nothing left out
    row = nodes.set_index("actor").loc["James Martin"]
    assert row["actor_type"] == "person"
    assert row["together"] == full[(full["actor_a"] == "James Martin")
                                   | (full["actor_b"] == "James Martin")]["count"].sum()
    assert row["n_mentions"] == (toy_corpus.mentions["actor"] == "James Martin").sum()
    # top=2 keeps the two most connected actors and the one asked for, and only their edges
    nodes2, edges2 = cooccurrence_network(toy_corpus.mentions, "article", top=2,
                                          actors=("Ukraine",))
    assert nodes2["actor"].iloc[0] == "Ukraine" and len(nodes2) == 2
    assert set(edges2["actor_a"]) | set(edges2["actor_b"]) <= set(nodes2["actor"])
    empty_nodes, empty_edges = cooccurrence_network(toy_corpus.mentions.iloc[0:0])
    assert empty_nodes.empty and empty_edges.empty


def test_places(toy_corpus):
    coords = {"Berlin": (52.5, 13.4), "Ukraine": (49.0, 32.0)}
    df = places(select(toy_corpus), coords.get)
    assert set(df["actor"]) == {"Berlin", "Ukraine"}

    def broken(name):
        raise RuntimeError("gazetteer down")

    assert places(select(toy_corpus), broken).empty


# ---------------------------------------------------------------- the reader


def test_segments_cover_the_text_exactly(toy_corpus):
    text = toy_corpus.text("a1")
    detail = article_detail(toy_corpus, "a1")
    segments = detail.segments()
    assert "".join(s for s, _, _ in segments) == text
    kinds = {k for _, k, _ in segments}
    assert kinds == {None, "actor", "time", "quote"}
    # a name inside a quote is shown as a name; the rest of the quote as quote
    quote_parts = [s for s, k, _ in segments if k == "quote"]
    assert any("Gegnern" in s for s in quote_parts)
    assert ("Ukraine", "actor", "Ukraine (country)") in segments


def test_segments_respect_layers(toy_corpus):
    detail = article_detail(toy_corpus, "a1")
    assert {k for _, k, _ in detail.segments(["quotes"])} == {None, "quote"}
    assert {k for _, k, _ in detail.segments([])} == {None}
    assert article_detail(toy_corpus, "nope") is None


def test_article_detail_in_selection(toy_corpus):
    sel = select(toy_corpus, Filters(actors=("Iran",)))
    assert not article_detail(toy_corpus, "a1", sel).in_selection
    detail = article_detail(toy_corpus, "a2", sel)
    assert detail.in_selection and len(detail.quotes) == 2
    assert "anonymous (A Western official)" in set(detail.quotes["speaker"])


def test_speaker_only_actors_are_options_and_keep_their_articles(toy_corpus):
    quotes = toy_corpus.quotes.copy()
    quotes.loc[quotes["speaker_actor"] == "Jens Stoltenberg", "speaker_actor"] = "Unnamed General"
    corpus = type(toy_corpus)(**{**vars(toy_corpus), "quotes": quotes})
    options = actor_options(corpus.actors, (), corpus.quotes)
    assert options["Unnamed General"] == "Unnamed General (1 quote)"
    sel = select(corpus, Filters(actors=("Unnamed General",)))
    assert list(sel.articles["id"]) == ["a3"] and len(sel.quotes) == 1


def test_empty_corpus_gives_empty_tables():
    from types import SimpleNamespace

    empty = SimpleNamespace(**{t: schema.frame(t) for t in schema.COLUMNS})
    for filters in (Filters(), Filters(actors=("A",), actor_types=("person",),
                                       event_from=dt.date(2022, 1, 1))):
        sel = select(empty, filters)
        assert sel.articles.empty and sel.quotes.empty
        assert quote_table(sel).empty and event_table(sel).empty and article_table(sel).empty
        assert timeline_frame(sel).empty and mentions_over_time(sel).empty
        assert overview(sel)["articles"] == 0


def test_safe_url():
    from lib.query import safe_url

    assert safe_url("https://www.telegraph.co.uk/x") == "https://www.telegraph.co.uk/x"
    assert safe_url("javascript:alert(1)") == ""
    assert safe_url("data:text/html,<b>") == ""
    assert safe_url("") == ""


def test_timeline_keeps_the_busiest_rows(toy_corpus):
    frame = timeline_frame(select(toy_corpus), rows="actor", max_rows=2)
    assert frame["row"].nunique() == 2 and frame.attrs["rows_total"] == 4
    assert "James Martin" in set(frame["row"])  # two events


def test_history_dates_before_1677(toy_corpus):
    """Dates are datetime64[s] (lib/schema.py): events of 1618 and filters on them work."""
    events = toy_corpus.events.copy()
    events.loc[0, ["date_start", "date_end"]] = [pd.Timestamp("1618-05-23"), pd.Timestamp("1618-05-23")]
    events["date_start"] = events["date_start"].astype("datetime64[s]")
    events["date_end"] = events["date_end"].astype("datetime64[s]")
    corpus = type(toy_corpus)(**{**vars(toy_corpus), "events": events})
    sel = select(corpus, Filters(event_from=dt.date(1600, 1, 1), event_to=dt.date(1700, 1, 1)))
    assert list(sel.events["value"]) == ["2022-10-11"]  # the value text was left as it was
    frame = timeline_frame(sel)
    assert frame["start"].iloc[0].year == 1618
    assert event_table(sel)["date_start"].iloc[0].year == 1618
    assert len(quote_table(sel)) == 6


def test_parse_params_names_every_dropped_value():
    from lib.query import MAX_DATE, MIN_DATE, parse_params

    f, notices = parse_params({"published_from": "0001-01-01", "event_from": "0500-01-01",
                               "event_to": "9999-12-31", "published_to": "2022-13-45",
                               "type": ["person", "<script>"], "actor": "A"})
    assert f == Filters(actors=("A",), actor_types=("person",))
    text = "\n".join(notices)
    for part in ("published_from=0001-01-01: outside", "event_from=0500-01-01: outside",
                 "event_to=9999-12-31: outside", "published_to=2022-13-45: not a date",
                 "type=<script>: unknown actor type"):
        assert part in text, text
    assert parse_params({"event_from": MIN_DATE.isoformat(), "event_to": MAX_DATE.isoformat()}) \
        == (Filters(event_from=MIN_DATE, event_to=MAX_DATE), [])
    assert parse_params({"event_from": ["2022-10-01", "2022-11-01"]})[1] == \
        ["event_from=2022-11-01: only the first value is used"]
    # a day with a valid time is that day; a broken time is no date (not its first 10 characters)
    assert parse_params({"event_from": "2022-10-01T12:30"}) == (Filters(event_from=dt.date(2022, 10, 1)), [])
    assert parse_params({"event_from": "2022-10-01T99:99"})[1] == \
        ["event_from=2022-10-01T99:99: not a date (YYYY-MM-DD)"]


def test_dates_pandas_cannot_hold_never_reach_the_frames(toy_corpus):
    f = Filters(published_from=dt.date(1, 1, 1), event_to=dt.date(9999, 12, 31),
                published_to="1500-01-01")
    assert f == Filters()
    assert len(select(toy_corpus, f).articles) == len(toy_corpus.articles)


def test_parse_params_swaps_a_reversed_date_range_with_a_notice():
    from lib.query import parse_params

    f, notices = parse_params({"event_from": "2022-12-01", "event_to": "2022-01-01"})
    assert (f.event_from, f.event_to) == (dt.date(2022, 1, 1), dt.date(2022, 12, 1))
    assert notices == ["event_to=2022-01-01 is before event_from=2022-12-01: the two are swapped"]


# ---------------------------------------------------------------- timeline axis (issue 12)


def _bars(spans: list[tuple[str, str, str]]) -> pd.DataFrame:
    """A timeline frame of (start, last day, granularity) bars."""
    start = pd.to_datetime([s for s, _, _ in spans])
    end = pd.to_datetime([e for _, e, _ in spans]) + pd.Timedelta(days=1)
    return pd.DataFrame({"row": [f"r{i % 7}" for i in range(len(spans))], "start": start,
                         "end": end, "granularity": [g for _, _, g in spans]})


def _thousand_events() -> pd.DataFrame:
    days = pd.date_range("2022-02-01", "2022-11-30", periods=990)
    spans = [(d.strftime("%Y-%m-%d"),) * 2 + ("day",) for d in days]
    spans += [("1975-05-01", "1975-05-01", "day"), ("2000-01-01", "2009-12-31", "decade"),
              ("1901-01-01", "2000-12-31", "century"), ("2015-03-01", "2022-03-31", "vague"),
              ("2022-03-01", "2022-03-31", "vague"),
              ("2031-01-01", "2031-12-31", "year")]
    spans += [(f"2022-10-{d:02d}", f"2022-10-{d:02d}", "day") for d in range(1, 6)]
    return _bars(spans)


def test_timeline_view_zooms_to_the_bulk_and_hides_outliers():
    from lib.query import timeline_view

    frame = _thousand_events()
    view = timeline_view(frame)
    x0, x1 = view.x_range
    assert pd.Timestamp("2021-12-01") < x0 < pd.Timestamp("2022-02-15")
    assert pd.Timestamp("2022-11-15") < x1 < pd.Timestamp("2023-01-31")
    # the 1975 day, the decade, the century, the vague years and the 2031 year; not the
    # vague month within the bulk
    assert view.hidden == 5 and len(view.frame) == len(frame) - 5
    assert set(view.frame["granularity"]) == {"day", "vague"}
    every = timeline_view(frame, show_outliers=True)
    assert every.hidden == 5 and len(every.frame) == len(frame)
    assert every.x_range[0] < pd.Timestamp("1901-01-01") and every.x_range[1] > pd.Timestamp("2031-12-31")


def test_timeline_view_follows_the_event_date_filter():
    from lib.query import timeline_view

    frame = _bars([("1975-01-01", "2008-12-31", "vague"), ("2000-01-01", "2009-12-31", "decade"),
                   ("2005-01-01", "2005-12-31", "year"), ("2005-06-03", "2005-06-03", "day")])
    for outliers in (False, True):
        x0, x1 = timeline_view(frame, dt.date(2005, 1, 1), dt.date(2005, 12, 31),
                               show_outliers=outliers).x_range
        assert pd.Timestamp("2005-01-01") <= x0 and x1 <= pd.Timestamp("2006-01-01"), (x0, x1)
    # only one end of the range set: that end bounds the axis, the bulk gives the other
    x0, x1 = timeline_view(frame, dt.date(2005, 6, 1), None).x_range
    assert x0 == pd.Timestamp("2005-06-01") and x1 < pd.Timestamp("2007-01-01")


def test_timeline_view_of_a_few_or_only_coarse_events():
    from lib.query import timeline_view

    one = timeline_view(_bars([("2022-10-18", "2022-10-18", "day")]))
    assert one.hidden == 0 and len(one.frame) == 1
    assert pd.Timedelta(days=5) <= one.x_range[1] - one.x_range[0] <= pd.Timedelta(days=10)
    coarse = timeline_view(_bars([("2000-01-01", "2009-12-31", "decade")]))
    assert coarse.hidden == 0 and len(coarse.frame) == 1, "nothing but coarse dates: all shown"
    empty = timeline_view(_bars([]))
    assert empty.frame.empty and empty.x_range is None


def test_undated_articles_are_counted(toy_corpus):
    from lib.query import undated_events

    assert undated_events(select(toy_corpus)) == (1, 1)  # a3: no publication date, one event
    assert undated_events(select(toy_corpus, Filters(actors=("James Martin",)))) == (0, 0)
    df = mentions_over_time(select(toy_corpus, Filters(actors=("Jens Stoltenberg",))))
    assert df.attrs["undated_mentions"] == 2 and df.attrs["undated_articles"] == 1
    df = mentions_over_time(select(toy_corpus))
    assert df.attrs["freq"] == "D" and df.attrs["undated_articles"] == 1  # a3, among the top actors


def test_timeline_view_fences_off_far_dates_among_few_events():
    from lib.query import timeline_view

    spans = [(f"2022-10-{d:02d}", f"2022-10-{d:02d}", "day") for d in range(10, 20)]
    spans += [("1949-04-01", "1949-04-30", "month"), ("2022-12-01", "2022-12-31", "month")]
    view = timeline_view(_bars(spans))
    assert view.hidden == 1, "with twelve events the percentiles alone would keep 1949"
    assert "1949" not in " ".join(view.frame["start"].dt.strftime("%Y"))
    assert view.x_range[1] > pd.Timestamp("2023-01-01"), "a month after the bulk stays"
