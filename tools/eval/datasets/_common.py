"""Shared helpers for the dataset converters (stdlib only).

Each converter builds a list of interactions (user, signal dict) already in
the order to write (per user, oldest first; users in a fixed order) and a list
of catalog candidates, then calls write_outputs(). Output is byte-for-byte
deterministic for the same input.
"""

import json
import os
import re
import sys

_SLUG = re.compile(r"[^a-z0-9]+")


def slug(text):
    """A category path segment or attribute value: lowercase [a-z0-9-]."""
    return _SLUG.sub("-", text.lower()).strip("-")


def dumps(obj):
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def stats(interactions, catalog):
    """Shape of a converted log, as reported in README.md."""
    users = {}
    repeats = 0
    for user, signal in interactions:
        seen = users.setdefault(user, set())
        item = signal.get("item")
        if item in seen:
            repeats += 1
        seen.add(item)
    times = [s["at"] for _, s in interactions]
    # Per user, is the last positive interaction's item one the user had
    # chosen before? (eval drops those earlier interactions from the training
    # part, see docs/cli.md "The split".)
    last_positive = {}
    earlier_items = {}
    for user, signal in interactions:
        if _positive(signal):
            item = signal["item"]
            before = earlier_items.get(user, set())
            last_positive[user] = item in before
        earlier_items.setdefault(user, set()).add(signal.get("item"))
    return {
        "users": len(users),
        "items": len(catalog),
        "items_interacted": len({s.get("item") for _, s in interactions}),
        "interactions": len(interactions),
        "repeat_interactions": repeats,
        "repeat_share": round(repeats / len(interactions), 4) if interactions else 0,
        "users_whose_held_out_item_is_a_repeat": sum(1 for v in last_positive.values() if v),
        "first_at_ms": min(times) if times else 0,
        "last_at_ms": max(times) if times else 0,
    }


def _positive(signal):
    kind = signal["type"]
    if kind in ("order", "purchase", "click", "add_to_cart", "view", "visit"):
        return True
    return kind == "rate" and signal.get("rating", 0) >= 4


def write_outputs(outdir, interactions, catalog, info):
    os.makedirs(outdir, exist_ok=True)
    with open(os.path.join(outdir, "interactions.jsonl"), "w", encoding="utf-8", newline="\n") as f:
        for user, signal in interactions:
            f.write(dumps({"user": user, "signal": signal}) + "\n")
    with open(os.path.join(outdir, "catalog.jsonl"), "w", encoding="utf-8", newline="\n") as f:
        for candidate in catalog:
            f.write(dumps(candidate) + "\n")
    shape = stats(interactions, catalog)
    shape.update(info)
    with open(os.path.join(outdir, "stats.json"), "w", encoding="utf-8", newline="\n") as f:
        f.write(json.dumps(shape, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
    print(dumps(shape), file=sys.stderr)
