"""YAML front matter, parsed so that hostile or sloppy metadata cannot hurt the loader.

* Anchors and aliases (``&a`` / ``*a``) are refused: a 1 KB "billion laughs" block would
  otherwise expand into gigabytes. Article metadata never needs them.
* The front matter is at most ``MAX_FRONT_MATTER_CHARS`` characters; longer is refused.
* Dates that YAML reads as timestamps but that do not exist (``published: 2022-02-30``) stay
  strings, so the article loads and the date is reported as not understood.
"""
from __future__ import annotations

import yaml

__all__ = ["FrontMatterError", "load_front_matter", "MAX_FRONT_MATTER_CHARS"]

MAX_FRONT_MATTER_CHARS = 64 * 1024
_MAX_DEPTH = 50


class FrontMatterError(Exception):
    """Front matter that is not loaded; the message says why, in plain words."""


class _Loader(yaml.SafeLoader):
    """SafeLoader without aliases, with a depth limit and lenient timestamps."""

    _depth = 0

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise FrontMatterError(
                f"front matter uses a YAML alias (*{event.anchor}) at line "
                f"{event.start_mark.line + 1}; aliases are not allowed"
            )
        event = self.peek_event()
        if getattr(event, "anchor", None):
            raise FrontMatterError(
                f"front matter uses a YAML anchor (&{event.anchor}) at line "
                f"{event.start_mark.line + 1}; anchors are not allowed"
            )
        self._depth += 1
        try:
            if self._depth > _MAX_DEPTH:
                raise FrontMatterError(f"front matter is nested more than {_MAX_DEPTH} deep")
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_yaml_timestamp(self, node):
        try:
            return super().construct_yaml_timestamp(node)
        except (ValueError, OverflowError):
            return self.construct_scalar(node)  # "2022-02-30": kept as the text it is


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)


def load_front_matter(text: str):
    """The YAML value of a front-matter block.

    Raises `FrontMatterError` for refused input and `yaml.YAMLError` for invalid YAML.
    """
    if len(text) > MAX_FRONT_MATTER_CHARS:
        raise FrontMatterError(
            f"front matter is longer than {MAX_FRONT_MATTER_CHARS // 1024} KB"
        )
    loader = _Loader(text)
    try:
        return loader.get_single_data()
    except RecursionError:
        raise FrontMatterError("front matter is nested too deeply") from None
    finally:
        loader.dispose()
