"""Command line: annotate a corpus, export a table.

    python -m lib annotate PATH… [--out DIR] [--cache DIR] [--no-cache] [--workers N]
                                 [--cache-only] [--dask SCHEDULER]
    python -m lib export TABLE [--corpus PATH…] [--actor NAME…] -o FILE.csv
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd
from tqdm import tqdm

from . import annotate_corpus, schema
from .atomic import write_atomic as _write_atomic
from .ingest.filesafety import shown
from .settings import corpus_paths


def _progress_bar():
    bar = None

    def update(done: int, total: int, label: str) -> None:
        nonlocal bar
        if bar is None:
            bar = tqdm(total=total, unit="article", desc="annotating", file=sys.stderr,
                       disable=total == 0)
        bar.n = done
        bar.refresh()
        if done >= total:
            bar.close()

    return update


def _load(paths, args):
    return annotate_corpus(paths, cache_dir=args.cache, progress=_progress_bar(),
                           use_cache=not args.no_cache, workers=getattr(args, "workers", 1))


def _fill_cache(args) -> int:
    """--cache-only / --dask: annotate into the cache, streamed, without building the frames."""
    if args.dask:
        from distributed import Client

        from .annotate_dask import annotate_on_dask
        with Client(args.dask) as client:
            summary = annotate_on_dask(args.paths, args.cache, client, progress=_progress_bar())
    else:
        from .annotate_stream import annotate_to_cache
        summary = annotate_to_cache(args.paths, args.cache, progress=_progress_bar(), workers=args.workers)
    for issue in summary.report:
        print(f"{issue.action}: {shown(issue.path)}: {issue.problem}", file=sys.stderr)
    print(f"{summary.articles} articles, {summary.annotated} newly annotated into the cache")
    return 0


def _print_report(corpus) -> None:
    for row in corpus.report.itertuples():
        where = shown(row.path) + (f", row {int(row.row)}" if pd.notna(row.row) else "")
        print(f"{row.action}: {where}: {row.problem}", file=sys.stderr)


def cmd_annotate(args) -> int:
    if args.cache_only or args.dask:
        if args.no_cache or args.out:
            print("error: --cache-only and --dask fill the cache; use them without --no-cache and --out",
                  file=sys.stderr)
            return 2
        return _fill_cache(args)
    corpus = _load(args.paths, args)
    _print_report(corpus)
    counts = {t: len(getattr(corpus, t)) for t in schema.COLUMNS}
    print(", ".join(f"{n} {t}" for t, n in counts.items()))
    if args.out:
        out = Path(args.out)
        try:
            out.mkdir(parents=True, exist_ok=True)
            for table in schema.COLUMNS:
                _write_atomic(out / f"{table}.parquet",
                              lambda p, t=table: getattr(corpus, t).to_parquet(p, index=False))
            _write_atomic(out / "load_report.csv", lambda p: corpus.report.to_csv(p, index=False))
        except OSError as exc:
            print(f"error: could not write to {str(out)!r}: {exc.strerror or exc}", file=sys.stderr)
            return 1
        print(f"wrote {len(schema.COLUMNS)} tables and the load report to {out}")
    return 0


def cmd_export(args) -> int:
    from .present.export import to_csv_bytes
    from .query import Filters, table_for_export
    from .query.labels import as_analysts_see_it

    # as the dashboard shows it: the analyst's alias rules, actor names in the reader's language
    corpus = as_analysts_see_it(_load(args.corpus or corpus_paths(), args))
    known = set(corpus.actors["actor"])
    unknown = [a for a in args.actor if a not in known]
    if unknown:
        print(f"unknown actor(s): {', '.join(unknown)}", file=sys.stderr)
        return 2
    df = table_for_export(corpus, args.table, Filters(actors=tuple(args.actor)))
    data = to_csv_bytes(df)
    try:
        _write_atomic(Path(args.output), lambda p: Path(p).write_bytes(data))
    except OSError as exc:
        print(f"error: could not write {args.output!r}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"wrote {len(df)} rows of {args.table} to {args.output}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lib", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--cache", help="annotation cache folder (default: LAGEBILD_CACHE or ~/.cache/lagebild)")
    common.add_argument("--no-cache", action="store_true", help="annotate everything, read and write no cache")

    p = sub.add_parser("annotate", parents=[common], help="load and annotate files or folders")
    p.add_argument("paths", nargs="+", help="files or folders (read recursively)")
    p.add_argument("--out", help="write the five tables (parquet) and the load report here")
    p.add_argument("--workers", type=int, default=1, help="annotate in this many processes (default 1)")
    p.add_argument("--cache-only", action="store_true",
                   help="only fill the cache, streamed in flat memory (no tables built)")
    p.add_argument("--dask", metavar="SCHEDULER",
                   help="fill the cache on a Dask cluster (e.g. tcp://host:8786); corpus and cache "
                        "on storage all workers see")
    p.set_defaults(func=cmd_annotate)

    p = sub.add_parser("export", parents=[common], help="export a table as CSV")
    p.add_argument("table", choices=list(schema.COLUMNS))
    p.add_argument("--corpus", nargs="+", help="files or folders (default: the dashboard's corpus)")
    p.add_argument("--actor", nargs="+", action="extend", default=[], metavar="NAME",
                   help="keep the rows of these actors")
    p.add_argument("-o", "--output", required=True, help="the CSV file to write")
    p.set_defaults(func=cmd_export)

    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
