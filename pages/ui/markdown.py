"""Text shown through Streamlit's Markdown dialect: escaped so it shows literally (article text
is never rendered as Markdown or HTML), and the reader's highlighted article."""
from __future__ import annotations

import re
from collections.abc import Iterable

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~:$=&\"'^%])")
# how the reader shows each kind of segment (lib.query.article_segments)
STYLE = {"actor": ":blue-background[**{}**]", "time": ":green-background[{}]",
         "quote": ":orange-background[*{}*]"}
LEGEND = (STYLE["actor"].format("actor") + " · " + STYLE["time"].format("time expression") + " · "
          + STYLE["quote"].format("quote"))


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
