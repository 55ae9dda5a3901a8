#!/usr/bin/env python3
"""Repeated-run check of experiments end to end (docs/collector.md, "Proof by simulation").

Each run: a fresh brand (confidant-brand keygen + sign, one experiment whose
first outcome is orders at --epsilon, holdout share 0.5), a fresh
confidant-collector on a free loopback port, and confidant-fleet --people P
with N devices (real SDK stores syncing over HTTP). The published lift
interval from GET /v1/stats is compared with the fleet's truth
(truth.experiments.<id>.lift) and with 0.

  tests/bench/experiment_coverage.py --build build/default --people responsive \
      --devices 2000 --epsilon 1 --runs 20

Prints one line per run and a summary: how often the interval covered the
true lift, covered 0, excluded 0. Exit 0 always (it measures; ctest's
collector/experiment_fleet_test judges). Runs one after another: one run of
2,000 devices takes a few seconds on two cores.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request

CONFIG = {
    "version": 1, "brand": "coverage", "epoch_seconds": 604800, "budget_window_days": 30,
    "budget_total_cap": 12, "min_group_size": 100,
    "metrics": [{"id": "top_drink", "source": "top_category",
                 "domain": ["drinks/coffee", "drinks/tea", "drinks/chocolate", "food/bakery", "food/sandwiches"],
                 "epsilon": 2, "budget_cap": 4}],
    "experiments": [{"id": "plain", "holdout_share": 0.5, "period_seconds": 604800,
                     "outcomes": [{"source": "orders", "buckets": [0, 1, 2, 3, 6], "epsilon": 1, "budget_cap": 4}]}],
}


def one_run(build, people, devices, epsilon, seed, work, args_threads):
    tools = os.path.join(build, "samples")
    brand_tool = os.path.join(tools, "collector", "confidant-brand")
    collector = os.path.join(tools, "collector", "confidant-collector")
    fleet = os.path.join(tools, "fleet", "confidant-fleet")
    config = json.loads(json.dumps(CONFIG))
    config["experiments"][0]["outcomes"][0]["epsilon"] = epsilon
    config["experiments"][0]["outcomes"][0]["budget_cap"] = max(4, epsilon)
    keys = os.path.join(work, "keys")
    config_path = os.path.join(work, "config.json")
    with open(config_path, "w") as f:
        json.dump(config, f)
    subprocess.run([brand_tool, "keygen", keys], check=True, stdout=subprocess.DEVNULL)
    subprocess.run([brand_tool, "sign", keys, config_path, os.path.join(keys, "config.signed")], check=True,
                   stdout=subprocess.DEVNULL)
    server = subprocess.Popen([collector, "--listen", "127.0.0.1:0", "--keys", keys, "--rate", "1000000",
                               "--db", "sqlite:" + os.path.join(work, "collector.db")],
                              stdout=subprocess.PIPE, text=True)
    try:
        line = server.stdout.readline()
        if not line.startswith("listening on "):
            raise RuntimeError("collector said: " + line)
        url = "http://" + line.split()[2]
        out = subprocess.run([fleet, "--collector", url, "--signer", os.path.join(keys, "signing.pub"),
                              "--devices", str(devices), "--threads", str(args_threads), "--seed", str(seed), "--people", people],
                             check=True, capture_output=True, text=True).stdout
        truth = json.loads(out)["truth"]["experiments"]["plain"]
        stats = json.loads(urllib.request.urlopen(url + "/v1/stats").read())
    finally:
        server.terminate()
        server.wait()
    entries = [e for e in stats.get("experiments", []) if e["id"] == "plain" and e.get("published")]
    if len(entries) != 1:
        raise RuntimeError("expected one published experiment entry, got %r" % stats.get("experiments"))
    return truth, entries[0]["lift"]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build", default="build/default")
    parser.add_argument("--people", choices=["responsive", "indifferent"], default="responsive")
    parser.add_argument("--devices", type=int, default=2000)
    parser.add_argument("--epsilon", type=float, default=1.0)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    # The devices wait mostly on their stores' disk syncs, so more threads than cores help.
    parser.add_argument("--threads", type=int, default=4)
    args = parser.parse_args()
    covered_truth = covered_zero = excluded_zero = 0
    half_widths = []
    started = time.time()
    for run in range(args.runs):
        with tempfile.TemporaryDirectory(prefix="confidant-coverage-") as work:
            truth, lift = one_run(args.build, args.people, args.devices, args.epsilon, args.seed + run, work,
                                  args.threads)
        t = truth["lift"]
        hit = lift["low"] <= t <= lift["high"]
        zero = lift["low"] <= 0 <= lift["high"]
        covered_truth += hit
        covered_zero += zero
        excluded_zero += not zero
        half_widths.append((lift["high"] - lift["low"]) / 2)
        print("run %2d: truth %.3f (P %d, H %d devices)  estimate %.3f [%.3f, %.3f]  %s%s" % (
            run, t, truth["personalized"]["devices"], truth["holdout"]["devices"], lift["difference"], lift["low"],
            lift["high"], "covers truth" if hit else "MISSES truth", ", covers 0" if zero else ", excludes 0")
            + "  buckets P %s H %s" % (truth["personalized"]["buckets"], truth["holdout"]["buckets"]),
            flush=True)
    print("people=%s devices=%d epsilon=%g runs=%d: covered the true lift %d, covered 0 %d, excluded 0 %d; "
          "mean half-width %.3f; %.0f s" % (args.people, args.devices, args.epsilon, args.runs, covered_truth,
                                            covered_zero, excluded_zero, sum(half_widths) / len(half_widths),
                                            time.time() - started))
    return 0


if __name__ == "__main__":
    sys.exit(main())
