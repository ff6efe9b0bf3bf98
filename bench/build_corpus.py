"""A benchmark corpus of realistic German news at any size, with its annotations cached.

    python -m bench.build_corpus --size 100000 --out /tmp/lb-100k \\
        [--wikinews ../shared/corpora/wikinews-de-quotes] [--base-cache DIR] [--no-cache]

The base articles are the 702 German Wikinews articles of `--wikinews` (rebuilt from their
tokens with German spacing, scripts/eval_timex.py `wikinews_text`; title and publication date
from the file name), or without it the bundled sample in `data/` (so tests run without
../shared). Article *i* is copy *i // n* of base article *i % n*; copy 0 is the base article
itself, every other copy varies it:

* **names**: each person the base annotation found keeps its name (35 %: the people a story
  is about recur) or gets a first and last name drawn from the corpus's own person names,
  skewed so that a few are frequent and most rare; the name is replaced in the text, the title
  and every finding (also inflected, *Armstrongs*);
* **dates**: the publication date and every year near it (±3) in the text, the title, the
  TIMEX3 values and the event dates move by the same number of years (-6 … +14), so
  publication and event dates spread over two decades and stay consistent with the text
  (weekday names are not adjusted);
* **sources**: one of 24 German outlets, a few much more frequent than the rest;
* **ids**: the text differs, so the id (sha1 of the cleaned text) differs; a copy that would
  still equal an earlier text gets a closing line with its number.

Writes `OUT/corpus/part-NNNN.jsonl` (5,000 articles a file, under the 20 MB file limit) and,
unless `--no-cache`, `OUT/cache`: the annotation cache for that corpus (point
`LAGEBILD_CACHE` there). The base is annotated once (cached in `--base-cache`, default
`OUT/base-cache`, shareable between sizes); the copies' cached findings are *derived* from the
base's with the same substitutions (offsets moved by the length changes), not annotated again —
annotating 100k articles takes hours on this machine. They have the schema and distributions
of real annotations but are not what the pipeline would find in each copy.
"""
from __future__ import annotations

import argparse
import bisect
import json
import random
import re
import shutil
import sys
import time
from collections import defaultdict
from pathlib import Path

import pandas as pd

from lib.ingest.article import article_id, clean_text
from lib.settings import SAMPLE_DIR
from lib.store import INDEX_COLUMNS, TABLES, Store

PER_FILE = 5000
CACHE_BATCH = 10_000      # articles a cache segment (100k: 10 segments, no compaction)
KEEP_NAME = 0.35
YEAR_SHIFTS = range(-6, 15)
YEAR_WINDOW = 3
SOURCES = ["dpa", "Reuters", "AFP", "Tagesspiegel", "Süddeutsche Zeitung", "FAZ", "Die Zeit",
           "Der Spiegel", "taz", "Handelsblatt", "Deutsche Welle", "tagesschau.de", "ZDF",
           "Deutschlandfunk", "NZZ", "Der Standard", "Die Welt", "Stern", "Focus",
           "Frankfurter Rundschau", "Berliner Zeitung", "RND", "MDR", "BR24"]
# a few first and last names beside the corpus's own, so a small base still varies
FIRST = ["Anna", "Jonas", "Lena", "Lukas", "Sophie", "Felix", "Marie", "Paul", "Laura", "Jan",
         "Sarah", "Tobias", "Julia", "Stefan", "Katrin", "Andreas", "Petra", "Michael", "Olga",
         "Mykola", "Iryna", "Dmytro", "Natalia", "Sergej", "Ahmet", "Leyla"]
LAST = ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker",
        "Hoffmann", "Schulz", "Koch", "Richter", "Klein", "Wolf", "Neumann", "Schwarz",
        "Zimmermann", "Braun", "Krüger", "Hartmann", "Lange", "Werner", "Krause", "Lehmann",
        "Kowalenko", "Schewtschenko", "Bondarenko", "Tkatschenko", "Petrenko", "Melnyk",
        "Yilmaz", "Öztürk", "Nowak", "Kowalski", "Iwanow", "Popescu"]


# --------------------------------------------------------------------------------------
# base articles


def wikinews_base(src: Path, dest: Path) -> Path:
    """The Wikinews articles as .md files with title, date, source and language."""
    from scripts.eval_timex import wikinews_text

    dest.mkdir(parents=True, exist_ok=True)
    for path in sorted((src / "articles").glob("*.json")):
        target = dest / f"{path.stem[:80]}.md"
        if target.exists():
            continue
        m = re.match(r"\d+ - (?P<title>.*) \((?P<date>\d{4}-\d\d-\d\d)\)$", path.stem)
        text, _ = wikinews_text(json.loads(path.read_text(encoding="utf-8")))
        title = m.group("title") if m else ""
        date = m.group("date") if m else ""
        target.write_text(f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\n"
                          f"published: {date}\nsource: Wikinews\nlanguage: de\n---\n{text}\n",
                          encoding="utf-8")
    return dest


def annotated_base(paths: list[Path], cache: Path, pipelines=None):
    """The base articles and their cached (not yet unified) findings: (articles, index by id,
    {table: {article id: frame}}, pipeline version by language)."""
    from lib import annotate_corpus
    from lib.ingest.corpus import load_corpus
    from lib.nlp.pipeline import load_pipeline

    pipelines = pipelines or load_pipeline
    annotate_corpus(paths, cache_dir=cache, pipelines=pipelines)
    articles = load_corpus(paths).articles
    store = Store(cache)
    versions = {lang: pipelines(lang).version for lang in {a.language for a in articles}}
    index_parts, found = [], {t: {} for t in TABLES}
    for lang, version in versions.items():
        index, frames = store.load(version, {a.id for a in articles if a.language == lang})
        index_parts.append(index)
        for t in TABLES:
            for aid, g in frames[t].groupby("article_id", sort=False):
                found[t][aid] = g.reset_index(drop=True)
    index = pd.concat(index_parts, ignore_index=True).set_index("id")
    articles = [a for a in articles if a.id in index.index]   # annotated ones only
    records = {t: {aid: df.to_dict("records") for aid, df in found[t].items()} for t in TABLES}
    return articles, index, records, versions


# --------------------------------------------------------------------------------------
# one copy


class Variant:
    """The substitutions of one copy: person-name tokens and years; `text()` applies them and
    `offset()` moves a character offset of the base text to the copy's text."""

    def __init__(self, names: dict[str, str], year_shift: int, pub_year: int | None):
        self.names = names
        self.shift = year_shift
        self.years = (set(range(pub_year - YEAR_WINDOW, pub_year + YEAR_WINDOW + 1))
                      if pub_year and year_shift else set())
        parts = []
        if names:
            alts = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
            parts.append(rf"(?P<name>\b(?:{alts}))(?=(?:s|'s|’s)?\b)")
        if self.years:
            parts.append(r"(?P<year>(?<!\d)(?:1[89]|20)\d\d(?!\d))")
        self.pattern = re.compile("|".join(parts)) if parts else None
        self.starts: list[int] = []
        self.deltas: list[int] = []     # cumulative length change after each replacement
        self._memo: dict[str, str] = {}

    def _replace(self, m: re.Match) -> str:
        if self.names and m.group("name"):
            return self.names[m.group("name")]
        year = m.group(0)
        return str(int(year) + self.shift) if int(year) in self.years else year

    def text(self, text: str, record: bool = False) -> str:
        """`text` with the substitutions (with `record`, remembering the offsets moved)."""
        if self.pattern is None or not text:
            return text
        if not record:
            if text not in self._memo:
                self._memo[text] = self.pattern.sub(self._replace, text)
            return self._memo[text]
        out, pos, total = [], 0, 0
        for m in self.pattern.finditer(text):
            new = self._replace(m)
            out.append(text[pos:m.start()])
            out.append(new)
            pos = m.end()
            if len(new) != len(m.group(0)):
                total += len(new) - len(m.group(0))
                self.starts.append(m.end())
                self.deltas.append(total)
        out.append(text[pos:])
        return "".join(out)

    def offset(self, value):
        if value is None or pd.isna(value) or not self.starts:
            return value
        i = bisect.bisect_right(self.starts, int(value))
        return int(value) + (self.deltas[i - 1] if i else 0)

    def date(self, value, always: bool = False):
        if value is None or pd.isna(value) or not self.shift or (
                value.year not in self.years and not always):
            return value
        try:
            return value.replace(year=value.year + self.shift)
        except ValueError:          # 29 February
            return value.replace(year=value.year + self.shift, day=28)

    def value(self, timex3: str) -> str:
        if not self.years or not timex3:
            return timex3
        return re.sub(r"^(\d{4})", lambda m: str(int(m.group(1)) + self.shift)
                      if int(m.group(1)) in self.years else m.group(1), timex3)


def _skewed(rng: random.Random, items: list[str], scale: float) -> str:
    """An item of `items`, the first ones much more often (a Zipf-like choice)."""
    return items[min(int(rng.expovariate(1 / scale)), len(items) - 1)]


def _name_pools(found: dict) -> tuple[list[str], list[str]]:
    firsts, lasts = dict.fromkeys(FIRST), dict.fromkeys(LAST)
    for rows in found["mentions"].values():
        for name in (r["actor"] for r in rows if r["actor_type"] == "person"):
            words = str(name).split()
            if len(words) >= 2 and all(w[:1].isupper() and w.isalpha() for w in words):
                firsts.setdefault(words[0])
                lasts.setdefault(words[-1])
    rng = random.Random(7)
    firsts, lasts = list(firsts), list(lasts)
    rng.shuffle(firsts)
    rng.shuffle(lasts)
    return firsts, lasts


def _variant(rng: random.Random, mentions: list[dict] | None, pools, pub_year) -> Variant:
    firsts, lasts = pools
    names: dict[str, str] = {}
    if mentions:
        other = {w for r in mentions if r["actor_type"] != "person" for w in str(r["actor"]).split()}
        for person in dict.fromkeys(r["actor"] for r in mentions if r["actor_type"] == "person"):
            words = [w for w in str(person).split() if w[:1].isupper() and w.isalpha()
                     and len(w) > 2 and not w.isupper() and w not in other]   # not III
            if not words or rng.random() < KEEP_NAME:
                continue
            new = [_skewed(rng, firsts, 60)] * (len(words) - 1) + [_skewed(rng, lasts, 150)]
            for old, repl in zip(words, new):
                names.setdefault(old, repl)
    shift = rng.choice(YEAR_SHIFTS)
    if not pub_year or pub_year < 1900:      # no date, or a placeholder such as 0001-01-01
        shift = 0
    return Variant({k: v for k, v in names.items() if k != v}, shift, pub_year)


def _copy_frames(v: Variant, aid: str, found: dict, base_id: str) -> dict[str, list[dict]]:
    out = {}
    m = found["mentions"].get(base_id)
    out["mentions"] = [] if m is None else [{
        "article_id": aid, "start": v.offset(r["start"]), "end": v.offset(r["end"]),
        "text": v.text(r["text"]), "label": r["label"], "actor": v.text(r["actor"]),
        "actor_type": r["actor_type"], "sentence": v.text(r["sentence"]),
        "sent_index": r["sent_index"], "form": r["form"]} for r in m]
    e = found["events"].get(base_id)
    out["events"] = [] if e is None else [{
        "article_id": aid, "sentence": v.text(r["sentence"]), "start": v.offset(r["start"]),
        "end": v.offset(r["end"]), "timex": v.text(r["timex"]), "value": v.value(r["value"]),
        "date_start": v.date(r["date_start"]), "date_end": v.date(r["date_end"]),
        "granularity": r["granularity"], "actors": [v.text(a) for a in r["actors"]],
        "date_source": r["date_source"], "sent_index": r["sent_index"]}
        for r in e]
    q = found["quotes"].get(base_id)
    out["quotes"] = [] if q is None else [{
        "article_id": aid, "start": v.offset(r["start"]), "end": v.offset(r["end"]),
        "text": v.text(r["text"]), "kind": r["kind"], "speaker": v.text(r["speaker"]),
        "speaker_start": v.offset(r["speaker_start"]), "speaker_end": v.offset(r["speaker_end"]),
        "cue": r["cue"], "speaker_actor": v.text(r["speaker_actor"])}
        for r in q]
    return out


# --------------------------------------------------------------------------------------
# the corpus


def build(size: int, out: Path, base_paths: list[Path], base_cache: Path,
          cache: bool = True, pipelines=None, seed: int = 1, log=print) -> dict:
    """Write `size` articles to `out/corpus` (and their derived annotations to `out/cache`);
    returns {"articles", "files", "corpus", "cache", "versions"}."""
    from lib import schema

    t0 = time.perf_counter()
    articles, index, found, versions = annotated_base(base_paths, base_cache, pipelines)
    if not articles:
        raise SystemExit("no annotated base articles")
    log(f"base: {len(articles)} articles annotated ({time.perf_counter() - t0:.0f} s)")
    pools = _name_pools(found)
    corpus_dir = out / "corpus"
    corpus_dir.mkdir(parents=True, exist_ok=True)
    for old in corpus_dir.glob("part-*.jsonl"):
        old.unlink()
    if cache and (out / "cache").is_dir():    # a cache of an earlier build: replaced
        shutil.rmtree(out / "cache")
    store = Store(out / "cache") if cache else None
    seen: set[str] = set()
    batch_index: dict[str, list] = defaultdict(list)
    batch = {lang: {t: [] for t in TABLES} for lang in versions}
    lines: list[str] = []
    files = 0

    def flush(final: bool = False):
        nonlocal lines, files
        if lines and (final or len(lines) >= PER_FILE):
            path = corpus_dir / f"part-{files:04d}.jsonl"
            tmp = path.with_suffix(".tmp")
            tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
            tmp.replace(path)
            files += 1
            lines = []
        if store is not None and (final or sum(map(len, batch_index.values())) >= CACHE_BATCH):
            for lang, rows in batch_index.items():
                frames = {t: schema.frame(t, batch[lang][t]) for t in TABLES}
                store.save(versions[lang], pd.DataFrame(rows, columns=INDEX_COLUMNS), frames)
                batch[lang] = {t: [] for t in TABLES}
            batch_index.clear()

    n = len(articles)
    for i in range(size):
        base, k = articles[i % n], i // n
        rng = random.Random(seed * 1_000_003 + i)
        pub = base.published
        if k == 0:
            v = Variant({}, 0, None)
            source = base.source
        else:
            v = _variant(rng, found["mentions"].get(base.id), pools, pub.year if pub else None)
            source = _skewed(rng, SOURCES, 5)
        text = v.text(base.text, record=True)
        published = v.date(pd.Timestamp(pub), always=True).date() if pub else None
        aid = article_id(clean_text(text)[0])
        if aid in seen:      # the substitutions changed nothing: make the text distinct
            text += f"\n\n(Meldung {i})"
            aid = article_id(clean_text(text)[0])
        seen.add(aid)
        lines.append(json.dumps({"title": v.text(base.title), "published":
                                 published.isoformat() if published else "", "source": source,
                                 "language": base.language, "text": text},
                                ensure_ascii=False))
        if store is not None:
            info = index.loc[base.id]
            batch_index[base.language].append({
                "id": aid, "pipeline": info["pipeline"], "n_words": int(info["n_words"]),
                "published": published.isoformat() if published else ""})
            for t, rows in _copy_frames(v, aid, found, base.id).items():
                batch[base.language][t] += rows
        flush()
        if (i + 1) % 10_000 == 0:
            log(f"{i + 1} articles ({time.perf_counter() - t0:.0f} s)")
    flush(final=True)
    log(f"{size} articles in {files} files ({time.perf_counter() - t0:.0f} s)")
    if store is not None:     # the dashboard's first start: assemble once, store the snapshot
        from lib.snapshot import cached_corpus

        t1 = time.perf_counter()
        cached_corpus([corpus_dir], cache_dir=out / "cache", pipelines=pipelines)
        log(f"corpus assembled from the cache and stored as a snapshot "
            f"({time.perf_counter() - t1:.0f} s)")
    return {"articles": size, "files": files, "corpus": corpus_dir,
            "cache": out / "cache" if cache else None, "versions": versions}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, required=True, help="number of articles")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--wikinews", type=Path,
                        help="../shared/corpora/wikinews-de-quotes (default: the bundled sample)")
    parser.add_argument("--base-cache", type=Path,
                        help="annotation cache of the base articles (default OUT/base-cache)")
    parser.add_argument("--no-cache", action="store_true",
                        help="write the corpus only, no derived annotation cache")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    if args.size < 1:
        parser.error("--size must be at least 1")
    if args.wikinews is not None and not (args.wikinews / "articles").is_dir():
        parser.error(f"{args.wikinews}: no articles/ folder of Wikinews JSON files")
    args.out.mkdir(parents=True, exist_ok=True)
    base_cache = args.base_cache or args.out / "base-cache"
    base = ([wikinews_base(args.wikinews, base_cache.parent / "wikinews-base")]
            if args.wikinews is not None else [SAMPLE_DIR])
    result = build(args.size, args.out, base, base_cache, cache=not args.no_cache,
                   seed=args.seed)
    print(f"corpus: LAGEBILD_CORPUS={result['corpus']}"
          + (f" LAGEBILD_CACHE={result['cache']}" if result["cache"] else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
