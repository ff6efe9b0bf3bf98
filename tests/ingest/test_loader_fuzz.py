"""Property test of the loaders (issue 14): large and odd input in every supported format
never lets an exception escape, and every file is either loaded or named in the report."""
from __future__ import annotations

import os
import tempfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lib.ingest.corpus import SUPPORTED_SUFFIXES, load_corpus

PIECES = [
    "a" * 20_000,                     # a long line
    '"' * 5_000, "'" * 300, "„" * 50,  # runs of quote characters
    "\x00", "\x00" * 40, "\r", "\n", "\r\n", "\t", "\x1b[2J", "\u202e", "\ufeff",
    ",", ";", "|", "---\n", "title: x\n", "published: 2022-02-30\n", "a: &a [1, 2]\n", "b: *a\n",
    "{", "}", "[", "]", '"text": "', "text,title\n", "<html><body><p>", "</p>", "<!--",
    "Die Bundesregierung will der Ukraine weitere Systeme liefern. ",
    "The defence secretary announced it in London on Tuesday. ",
    "Grüße aus Köln, sagte die Bürgermeisterin. ", "Киев", "東京",
]
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-32", "cp1252", "latin-1",
             "cp1251", "shift_jis"]

odd_text = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=40)),
                    max_size=12).map("".join)
encoded = st.tuples(odd_text, st.sampled_from(ENCODINGS)).map(
    lambda te: te[0].encode(te[1], errors="replace"))
contents = st.one_of(st.binary(max_size=4_000), encoded)


@pytest.mark.timeout(300)
@settings(max_examples=30, deadline=None, database=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(files=st.lists(st.tuples(st.sampled_from(SUPPORTED_SUFFIXES), contents),
                      min_size=1, max_size=3))
def test_odd_input_is_loaded_or_reported(files):
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for i, (suffix, data) in enumerate(files):
            path = os.path.join(folder, f"f{i}{suffix}")
            with open(path, "wb") as fh:
                fh.write(data)
            paths.append(path)
        result = load_corpus(folder)  # must not raise
        loaded = {a.path.split("#")[0] for a in result.articles}
        reported = {i.path for i in result.report}
        for path in paths:
            assert path in loaded or path in reported, path
        for issue in result.report:
            assert issue.problem and issue.action in ("skipped", "repaired")
            assert issue.problem.isprintable()
        for path in paths:  # the files are left as they were
            assert os.path.getsize(path) == len(files[paths.index(path)][1])
