"""Lagebild's data layer: load news articles and annotate actors, events and quotes.

    from lib import annotate_text, annotate_corpus

    ann = annotate_text(text, published="2022-10-18", language="de")
    ann.mentions, ann.events, ann.quotes          # pandas DataFrames (columns: lib/schema.py)

    corpus = annotate_corpus(["data/"])
    corpus.articles, corpus.mentions, corpus.actors, corpus.events, corpus.quotes, corpus.report
"""
from .annotate import Annotation, Corpus, annotate_corpus, annotate_text

__all__ = ["Annotation", "Corpus", "annotate_corpus", "annotate_text"]
