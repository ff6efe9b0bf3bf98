"""Text shown through Streamlit's Markdown dialect: escaped so it shows literally (article text
is never rendered as Markdown or HTML), and the reader's highlighted article."""
from __future__ import annotations

import re
from collections.abc import Iterable

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~:$=&\"'^%])")
# how the reader shows each kind of segment (lib.query.article_segments)
STYLE = {"focus": ":violet-background[**{}**]", "actor": ":blue-background[**{}**]",
         "time": ":green-background[{}]", "quote": ":orange-background[*{}*]"}
LEGEND = (STYLE["actor"].format("actor") + " · " + STYLE["time"].format("time expression") + " · "
          + STYLE["quote"].format("quote"))
# Streamlit pads a `:…-background[…]` span left and right (span.stMarkdownColoredBackground:
# padding 0.125rem 0.25rem), which shows as a space between a highlighted name and the comma
# after it ("Lloyd Austin , der") although the Markdown has none. The reader's container
# (key READER_KEY) drops the horizontal padding; a static style, no article text in it.
READER_KEY = "reader_text"
READER_CSS = (f"<style>.st-key-{READER_KEY} span.stMarkdownColoredBackground"
              "{padding-left:0;padding-right:0;}</style>")


def legend(focus: bool = False) -> str:
    """The reader's legend; with the filtered actors' style when `focus` (an actor filter is set)."""
    if not focus:
        return LEGEND
    return STYLE["focus"].format("filtered actor") + " · " + LEGEND


def escape_markdown(text: str) -> str:
    """Escape every character Markdown (or Streamlit's directives `:color[…]`, `$…$`) could
    interpret, so the text shows literally. HTML is never rendered by st.markdown anyway."""
    return _MD_SPECIAL.sub(r"\\\1", str(text))


def highlighted_markdown(segments: Iterable[tuple[str, str | None, str]]) -> str:
    """Markdown for the reader: escaped text with highlighted spans, lines as paragraphs."""
    out: list[str] = []
    for seg, k, _ in segments:
        if seg == "\n":
            out.append("\n\n")
            continue
        stripped = seg.strip()
        if not stripped:
            out.append(seg)
            continue
        if k is None:
            out.append(escape_markdown(seg))
            continue
        lead = seg[: len(seg) - len(seg.lstrip())]
        trail = seg[len(seg.rstrip()):]
        out.append(lead + STYLE[k].format(escape_markdown(stripped)) + trail)
    return "".join(out)
