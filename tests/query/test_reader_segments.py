"""The reader's segments and the article's undated time expressions (lib/query/reader.py)."""
from __future__ import annotations

import pandas as pd

from lib.query import Filters, article_detail, article_segments, select
from lib.query.reader import undated_timexes
from pages.ui.markdown import STYLE, highlighted_markdown, legend


def _seed(corpus):
    rows = corpus.articles[corpus.articles["path"].str.contains("seed-telegraph")]
    return rows.iloc[0]["id"]


def test_no_space_before_punctuation_after_a_highlight(dashboard_corpus):
    """The seed article has "Lloyd Austin, der": the Markdown keeps the comma right after the
    highlight (the space seen in the browser came from the directive's padding, READER_CSS)."""
    md = highlighted_markdown(article_detail(dashboard_corpus, _seed(dashboard_corpus)).segments())
    assert ":blue-background[**Lloyd Austin**], der" in md
    # no highlight is followed by a space and then punctuation, none ends in a space
    assert " ]" not in md and "* ]" not in md
    for punct in ",.;!?)":
        assert f"] \\{punct}" not in md and f"] {punct}" not in md


def test_segments_keep_the_text_as_written():
    text = "Herr Austin, der Minister."
    mentions = pd.DataFrame({"start": [5], "end": [11], "actor": ["Lloyd Austin"],
                             "actor_type": ["person"]})
    segs = article_segments(text, mentions)
    assert "".join(s for s, _, _ in segs) == text
    md = highlighted_markdown(segs)
    assert md == "Herr :blue-background[**Austin**], der Minister\\."


def test_filtered_actor_is_emphasised():
    text = "Austin traf Wallace."
    mentions = pd.DataFrame({"start": [0, 12], "end": [6, 19], "actor": ["Lloyd Austin", "Ben Wallace"],
                             "actor_type": ["person", "person"]})
    segs = article_segments(text, mentions, focus=["Ben Wallace"])
    assert ("Wallace", "focus", "Ben Wallace (person)") in segs
    assert ("Austin", "actor", "Lloyd Austin (person)") in segs
    md = highlighted_markdown(segs)
    assert STYLE["focus"].format("Wallace") in md and STYLE["actor"].format("Austin") in md
    assert STYLE["focus"].format("filtered actor") in legend(True)
    assert "filtered actor" not in legend(False)


def test_article_detail_focus_follows_the_actor_filter(dashboard_corpus):
    aid = _seed(dashboard_corpus)
    sel = select(dashboard_corpus, Filters(actors=("James Martin",)))
    detail = article_detail(dashboard_corpus, aid, sel)
    assert detail.focus == ("James Martin",)
    kinds = {(s, k) for s, k, _ in detail.segments()}
    assert any(k == "focus" and "Martin" in s for s, k in kinds)
    assert all(k != "focus" for _, k, _ in article_detail(dashboard_corpus, aid).segments())


def test_undated_time_expressions():
    text = ("Am 3. Oktober 2022 trafen sie sich.\nIn den kommenden Tagen folgt mehr.\n"
            "Die Übung dauerte zwei Wochen.")
    df = undated_timexes(text, pd.Timestamp("2022-10-18"), "de")
    assert list(df.columns) == ["expression", "value", "type", "why", "paragraph"]
    assert "3. Oktober 2022" not in set(df["expression"])  # dated: not listed
    whys = dict(zip(df["expression"].str.lower(), df["why"]))
    assert whys.get("in den kommenden tagen") == "vague future"
    assert any(w == "duration" for w in df["why"])
    assert undated_timexes("", None).empty
    # without an anchor a year-less date stays incomplete
    nodate = undated_timexes("Am 3. Oktober trafen sie sich.", None, "de")
    assert set(nodate["why"]) <= {"incomplete date", "vague past", "vague future", "vague present"}


def test_article_detail_lists_undated_time_expressions(dashboard_corpus):
    detail = article_detail(dashboard_corpus, _seed(dashboard_corpus))
    exprs = set(detail.undated["expression"])
    assert "in den kommenden Tagen" in exprs and "innerhalb einer Woche" in exprs
