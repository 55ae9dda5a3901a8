"""The collector's dashboard, end to end in a real headless Chromium: the real
`confidant-collector` (SQLite storage) fed by real SDK stores through the
`confidant` CLI, over two weeks, in both arms of a holdout experiment; the
page is then checked against /v1/stats (dates, trend charts, the lift in
words), /v1/stats.csv against the same figures, and a screenshot is taken.

Each device: last week it grants, installs the brand's config, orders,
ranks (which draws its arm) and syncs (last week's interest report); in the
personalized arm it orders once more that week. This week it orders
again and syncs: this week's interest report and last week's outcome report.
Devices are added until both arms have PER_ARM of them (k is lower).

usage: collector_dashboard_test.py CONFIDANT COLLECTOR BRAND_TOOL CHROMIUM CHROMEDRIVER WORK_DIR
"""

import csv
import datetime
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import urllib.request

from privacy_center_test import CONTRAST_SCRIPT
from webdriver import Browser

K = 5
# Enough devices in each arm for an interval narrower than the effect (2 orders against 1).
PER_ARM = 40
MAX_DEVICES = 200
WEEK = 604800
NOW = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
LAST_WEEK = NOW - datetime.timedelta(days=7)

CONFIG = {
    "version": 1, "brand": "Corner Coffee", "epoch_seconds": WEEK, "budget_window_days": 30,
    "budget_total_cap": 12, "min_group_size": K,
    "taxonomy": [{"path": "drinks", "sensitive": False}, {"path": "food", "sensitive": False}],
    "metrics": [{"id": "top_drink", "source": "top_category",
                 "domain": ["drinks/coffee", "drinks/tea", "food/bakery"], "epsilon": 2, "budget_cap": 4}],
    "experiments": [{"id": "personalization", "holdout_share": 0.5, "period_seconds": WEEK,
                     "outcomes": [{"source": "orders", "buckets": [0, 1, 2, 3], "epsilon": 4,
                                   "budget_cap": 8}]}],
}

CANDIDATES = "".join(json.dumps(c) + "\n" for c in [
    {"id": "latte-1", "categories": ["drinks/coffee"], "kind": "consumable", "popularity": 0.2},
    {"id": "tea-1", "categories": ["drinks/tea"], "kind": "consumable", "popularity": 0.9},
    {"id": "croissant-1", "categories": ["food/bakery"], "kind": "consumable", "popularity": 0.5},
])
ITEMS = [("latte-1", "drinks/coffee"), ("tea-1", "drinks/tea"), ("croissant-1", "food/bakery")]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def iso(moment):
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def run(args, stdin=""):
    done = subprocess.run(args, input=stdin, capture_output=True, text=True, timeout=60)
    if done.returncode != 0:
        raise AssertionError(f"{' '.join(args)}: exit {done.returncode}: {done.stderr}")
    return done.stdout


def order(item, category, at):
    return json.dumps({"type": "order", "item": item, "categories": [category], "at": iso(at)}) + "\n"


def week_label(epoch):
    """The dashboard's words for a weekly epoch, computed independently here."""
    start = datetime.datetime.fromtimestamp(epoch * WEEK, datetime.timezone.utc)
    last = start + datetime.timedelta(days=6)
    first = f"{start.day} {MONTHS[start.month - 1]}" + (f" {start.year}" if start.year != last.year else "")
    return f"{first} – {last.day} {MONTHS[last.month - 1]} {last.year}"


class Collector:
    def __init__(self, binary, keys, work):
        self.log = open(os.path.join(work, "collector.log"), "wb")
        self.process = subprocess.Popen(
            [binary, "--listen", "127.0.0.1:0", "--keys", keys, "--k", str(K), "--rate", "100000",
             "--db", "sqlite:" + os.path.join(work, "collector.db")], stdout=subprocess.PIPE, stderr=self.log)
        first = self.process.stdout.readline().decode().rstrip("\n")
        prefix = "listening on 127.0.0.1:"
        assert first.startswith(prefix), f"first line of confidant-collector: {first!r}"
        self.url = f"http://127.0.0.1:{int(first[len(prefix):])}"

    def get(self, path):
        with urllib.request.urlopen(self.url + path, timeout=30) as response:
            return response.headers.get("Content-Type"), response.read().decode()

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        code = self.process.wait(timeout=20)
        self.log.close()
        assert code == 0, f"confidant-collector exited {code} on SIGTERM"


class Device:
    def __init__(self, confidant, work, n):
        self.base = [confidant, "--dir", os.path.join(work, f"device-{n}"),
                     "--key-file", os.path.join(work, f"device-{n}.key")]

    def at(self, moment, *command, stdin=""):
        return run(self.base + ["--now", iso(moment), *command], stdin)


def run_device(device, n, keys, url):
    """One phone's two weeks; returns its arm last week."""
    item, category = ITEMS[n % 3]
    device.at(LAST_WEEK, "consent", "grant", "purchases", "personalize,share")
    device.at(LAST_WEEK, "config", "install", os.path.join(keys, "config.signed"),
              "--signer", os.path.join(keys, "signing.pub"))
    device.at(LAST_WEEK, "track", "-", stdin=order(item, category, LAST_WEEK))
    ranked = [json.loads(line) for line in device.at(LAST_WEEK, "rank", "-", stdin=CANDIDATES).splitlines()]
    holdout = any(r["reasons"] and r["reasons"][0]["code"] == "experiment_holdout" for r in ranked)
    if not holdout:  # a true effect for the estimate to find: 2 orders against 1
        device.at(LAST_WEEK, "track", "-", stdin=order(item, category, LAST_WEEK))
    device.at(LAST_WEEK, "sync", "--url", url + "/v1/reports")
    # This week the crowd drifts to tea: the interest trend has something to show.
    this_item, this_category = ITEMS[1] if n % 3 != 2 else ITEMS[2]
    device.at(NOW, "track", "-", stdin=order(this_item, this_category, NOW) * 3)
    device.at(NOW, "sync", "--url", url + "/v1/reports")
    return "holdout" if holdout else "personalized"


def numbers(text):
    return [float(x) for x in re.findall(r"[+-]?\d+(?:\.\d+)?", text)]


def expected_numbers(entry):
    """The figures the lift sentence must carry, from the JSON entry."""
    p, h, lift = entry["personalized"], entry["holdout"], entry["lift"]
    figures = [p["mean"], (p["high"] - p["low"]) / 2, h["mean"], (h["high"] - h["low"]) / 2]
    if "ratio" in lift:
        return figures, [100 * (lift[k] - 1) for k in ("ratio", "ratio_low", "ratio_high")]
    return figures, [lift["difference"], lift["low"], lift["high"]]


def check_lift_sentence(text, entry):
    figures, lift = expected_numbers(entry)
    pattern = (r"personalized: (\S+) ± (\S+) orders a week; not personalized: (\S+) ± (\S+); lift "
               + (r"(\S+) % \((\S+) % to (\S+) %\)" if "ratio" in entry["lift"]
                  else r"(\S+) orders a week \((\S+) to (\S+)\)"))
    match = re.fullmatch(pattern, text)
    assert match, f"lift sentence {text!r} does not read as expected"
    shown = [float(x) for x in match.groups()]
    # One decimal for means, whole percent for the ratio: allow the rounding.
    for got, want in zip(shown[:4], figures):
        assert abs(got - want) <= 0.051, f"{text!r}: {got} against {want} in /v1/stats"
    tolerance = 0.51 if "ratio" in entry["lift"] else 0.051
    for got, want in zip(shown[4:], lift):
        assert abs(got - want) <= tolerance, f"{text!r}: lift {got} against {want} in /v1/stats"


PAGE_SCRIPT = """
const out = {headings: [...document.querySelectorAll('h1,h2,h3')].map((h) => h.tagName + ' ' + h.textContent),
             text: document.body.innerText, experiments: [], metrics: []};
const chart = (section) => {
  const svg = section.querySelector('svg.trend');
  if (!svg) return null;
  const box = svg.getBoundingClientRect();
  return {width: box.width, height: box.height, label: svg.getAttribute('aria-labelledby'),
          title: svg.querySelector('title').textContent,
          series: [...svg.querySelectorAll('g.series')].map((g) => ({
            name: g.dataset.series, path: g.querySelector('path').getAttribute('d'),
            points: [...g.querySelectorAll('circle')].map((c) => ({
              epoch: Number(c.dataset.epoch), value: Number(c.dataset.value),
              drawn: c.getBoundingClientRect().width > 0}))}))};
};
const rows = (section) => [...section.querySelectorAll('tbody tr')].map((tr) => ({
  epoch: Number(tr.dataset.epoch), date: tr.querySelector('th').textContent,
  cells: [...tr.querySelectorAll('td')].map((td) => td.textContent)}));
for (const s of document.querySelectorAll('section.experiment')) {
  const lift = s.querySelector('p.lift');
  out.experiments.push({id: s.dataset.experiment, outcome: s.dataset.outcome, epoch: Number(lift.dataset.epoch),
                        lift: lift.textContent, caption: s.querySelector('table caption').textContent,
                        chart: chart(s), rows: rows(s)});
}
for (const s of document.querySelectorAll('section.metric')) {
  out.metrics.push({id: s.dataset.metric, caption: s.querySelector('table caption').textContent,
                    chart: chart(s), rows: rows(s)});
}
return out;
"""


def check_page(page, stats):
    assert "H1 Corner Coffee" in page["headings"], page["headings"]
    assert "H2 Experiments" in page["headings"] and "H2 Interests" in page["headings"], page["headings"]
    assert not re.search(r"\bepoch\b", page["text"]), "the page still speaks of epochs"
    this_week = NOW.timestamp() // WEEK
    assert week_label(int(this_week)) in page["text"], f"this week ({week_label(int(this_week))}) is not shown"

    # The experiment: the latest epoch's sentence, every epoch's row, the arms' chart.
    entries = stats["experiments"]
    assert len(entries) == 1 and entries[0]["published"], f"expected one published lift: {entries}"
    entry = entries[0]
    assert len(page["experiments"]) == 1, page["experiments"]
    shown = page["experiments"][0]
    assert (shown["id"], shown["outcome"], shown["epoch"]) == (entry["id"], entry["outcome"], entry["epoch"])
    date, sentence = shown["lift"].split(": ", 1)
    assert date == week_label(entry["epoch"]), f"{date!r} is not {week_label(entry['epoch'])!r}"
    check_lift_sentence(sentence, entry)
    assert [r["date"] for r in shown["rows"]] == [week_label(entry["epoch"])], shown["rows"]
    check_lift_sentence(shown["rows"][0]["cells"][-1], entry)
    assert shown["caption"], "the experiment's table has no caption"
    arms = {s["name"]: s for s in shown["chart"]["series"]}
    for name, arm in (("personalized", "personalized"), ("not personalized", "holdout")):
        points = arms[name]["points"]
        assert [p["epoch"] for p in points] == [entry["epoch"]], points
        assert abs(points[0]["value"] - entry[arm]["mean"]) < 1e-4, (points, entry[arm])
        assert points[0]["drawn"], f"the {name} point is not drawn"

    # Each metric: a row per epoch with its date, a line per bucket through both weeks.
    groups = {}
    for g in stats["groups"]:
        groups.setdefault(g["metric"], []).append(g)
    assert {m["id"] for m in page["metrics"]} == set(groups), (page["metrics"], groups)
    for metric in page["metrics"]:
        published = [g for g in groups[metric["id"]] if g["published"]]
        assert len(published) == 2, f"{metric['id']}: expected two published weeks: {groups[metric['id']]}"
        assert [r["date"] for r in metric["rows"]] == [week_label(g["epoch"]) for g in groups[metric["id"]]]
        assert metric["caption"], f"{metric['id']}: no caption"
        chart = metric["chart"]
        assert chart and chart["width"] > 100 and chart["height"] > 50, f"{metric['id']}: chart not laid out"
        assert chart["title"], f"{metric['id']}: chart without a title"
        series = {s["name"]: s for s in chart["series"]}
        assert set(series) == {b["value"] for b in published[0]["buckets"]}, series.keys()
        for bucket in series.values():
            assert "L" in bucket["path"], f"{bucket['name']}: no line between the two weeks"
            want = [(g["epoch"], b["frequency"]) for g in published for b in g["buckets"]
                    if b["value"] == bucket["name"]]
            got = [(p["epoch"], p["value"]) for p in bucket["points"]]
            assert [e for e, _ in got] == [e for e, _ in want], (got, want)
            for (_, g_value), (_, w_value) in zip(got, want):
                assert abs(g_value - w_value) < 1e-4, (bucket["name"], got, want)
            assert all(p["drawn"] for p in bucket["points"]), f"{bucket['name']}: a point is not drawn"


def check_csv(content_type, text, stats):
    assert content_type.startswith("text/csv"), content_type
    assert "\r\n" in text and "\n" not in text.replace("\r\n", ""), "rows must end in CRLF"
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    header = text.split("\r\n", 1)[0].split(",")
    assert header == ["kind", "id", "outcome", "epoch", "start", "arm", "statistic", "bucket", "reports",
                      "published", "estimate", "low", "high"], header
    number = lambda v: float(f"{v:.6g}")
    for g in stats["groups"]:
        start = iso(datetime.datetime.fromtimestamp(g["epoch"] * WEEK, datetime.timezone.utc))
        for b in g.get("buckets", []):
            [row] = [r for r in rows if r["kind"] == "metric" and r["id"] == g["metric"]
                     and r["epoch"] == str(g["epoch"]) and r["bucket"] == b["value"]]
            assert row["start"] == start and row["statistic"] == "share", row
            assert float(row["estimate"]) == number(b["frequency"]), (row, b)
            assert (float(row["low"]), float(row["high"])) == (number(b["low"]), number(b["high"])), (row, b)
    entry = stats["experiments"][0]
    for arm in ("personalized", "holdout"):
        [row] = [r for r in rows if r["kind"] == "experiment" and r["arm"] == arm and r["statistic"] == "mean"]
        assert int(row["reports"]) == entry[arm]["reports"], (row, entry)
        assert float(row["estimate"]) == number(entry[arm]["mean"]), (row, entry)
    [row] = [r for r in rows if r["arm"] == "lift" and r["statistic"] == "difference"]
    lift = entry["lift"]
    assert [float(row[k]) for k in ("estimate", "low", "high")] == \
        [number(lift[k]) for k in ("difference", "low", "high")], (row, lift)


def main():
    confidant, collector_bin, brand_tool, chromium, chromedriver, work = sys.argv[1:7]
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    keys = os.path.join(work, "keys")
    run([brand_tool, "keygen", keys])
    with open(os.path.join(work, "config.json"), "w") as out:
        json.dump(CONFIG, out)
    run([brand_tool, "sign", keys, os.path.join(work, "config.json"), os.path.join(keys, "config.signed")])

    collector = Collector(collector_bin, keys, work)
    try:
        arms = {"personalized": 0, "holdout": 0}
        n = 0
        while min(arms.values()) < PER_ARM:
            assert n < MAX_DEVICES, f"{MAX_DEVICES} devices and still an arm under {PER_ARM}: {arms}"
            arms[run_device(Device(confidant, work, n), n, keys, collector.url)] += 1
            n += 1
        print(f"{n} devices: {arms}")
        _, body = collector.get("/v1/stats")
        stats = json.loads(body)
        assert stats["epoch_seconds"] == WEEK, stats
        entry = stats["experiments"][0]
        assert entry["personalized"]["reports"] == arms["personalized"], (entry, arms)
        assert entry["holdout"]["reports"] == arms["holdout"], (entry, arms)
        assert set(entry["lift"]) >= {"difference", "low", "high"}, entry
        check_csv(*collector.get("/v1/stats.csv"), stats)

        browser = Browser(chromium, chromedriver, os.path.join(work, "chromedriver.log"))
        try:
            browser.open(collector.url + "/")
            page = browser.script(PAGE_SCRIPT)
            check_page(page, stats)
            # Nothing but the page itself: no script, nothing fetched (the
            # favicon is the browser's own request, not the page's).
            scripts, fetched = browser.script("return [document.scripts.length, "
                                              "performance.getEntriesByType('resource').map((e) => e.name)]")
            fetched = [url for url in fetched if url != collector.url + "/favicon.ico"]
            assert scripts == 0 and not fetched, f"scripts: {scripts}; fetched: {fetched}"
            low = [c for c in browser.script(CONTRAST_SCRIPT) if c["ratio"] < 4.5]
            assert not low, f"text under 4.5:1 contrast: {low}"
            shot = os.path.join(work, "collector-dashboard.png")
            # The whole page in one picture: the window as tall as the page (the
            # browser's own frame takes some of the window's height).
            height = browser.script("return Math.ceil(document.body.getBoundingClientRect().bottom) + 32 "
                                    "+ (window.outerHeight - window.innerHeight)")
            browser.command("POST", "/window/rect", {"width": 900, "height": min(height, 4000)})
            browser.screenshot(shot)
            with open(shot, "rb") as f:
                assert f.read(8) == b"\x89PNG\r\n\x1a\n", "the screenshot is not a PNG"
            print(f"screenshot: {shot}")
            print(f"lift: {page['experiments'][0]['lift']}")
        finally:
            browser.close()
    finally:
        collector.stop()
    print("ok")


if __name__ == "__main__":
    main()
