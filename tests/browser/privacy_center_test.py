"""The privacy center page, end to end in a real headless Chromium:
`confidant privacy-center --serve` on a store with a barista week of data,
driven through WebDriver; every change the page makes is checked afterwards
through the CLI on the same store.

usage: privacy_center_test.py CONFIDANT CHROMIUM CHROMEDRIVER TEST_BRAND_DIR WORK_DIR
"""

import http.client
import json
import os
import shutil
import signal
import subprocess
import sys
import time

from webdriver import Browser, wait_for

NOW = "2026-11-20T08:00:00Z"

CONTRAST_SCRIPT = r"""
// WCAG 2 contrast of every visible text against its effective background
// (the element's own and its ancestors' backgrounds, alpha-blended on white).
function rgba(text) {
  const m = text.match(/rgba?\(([^)]+)\)/);
  if (!m) return null;
  const p = m[1].split(/[\s,\/]+/).filter(Boolean).map(Number);
  return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
}
function over(top, bottom) {
  const a = top[3];
  return [0, 1, 2].map((i) => top[i] * a + bottom[i] * (1 - a)).concat([1]);
}
function luminance(c) {
  const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
  return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
}
function background(el) {
  const layers = [];
  for (let n = el; n; n = n.parentElement) {
    const c = rgba(getComputedStyle(n).backgroundColor);
    if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
  }
  let bg = [255, 255, 255, 1];
  for (let i = layers.length - 1; i >= 0; i--) bg = over(layers[i], bg);
  return bg;
}
const results = [];
for (const el of document.querySelectorAll('body *')) {
  const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
  const style = getComputedStyle(el);
  if (!own || !el.getClientRects().length || style.visibility !== 'visible' || style.opacity === '0') continue;
  const bg = background(el);
  const fg = over(rgba(style.color), bg);
  const [hi, lo] = [luminance(fg), luminance(bg)].sort((a, b) => b - a);
  results.push({tag: el.tagName, text: el.textContent.trim().slice(0, 60), ratio: (hi + 0.05) / (lo + 0.05)});
}
return results;
"""

FOCUS_SCRIPT = """
const el = document.activeElement;
const s = getComputedStyle(el);
const row = el.closest('li[data-row-id]');
return {tag: el.tagName, action: el.dataset.action || null, row: row ? row.dataset.rowId : null,
        outline: s.outlineStyle, width: parseFloat(s.outlineWidth), visible: el.matches(':focus-visible')};
"""


class Store:
    def __init__(self, confidant, work):
        self.confidant = confidant
        self.dir = os.path.join(work, "store")
        self.key = os.path.join(work, "store.key")

    def args(self, *command):
        return [self.confidant, "--dir", self.dir, "--key-file", self.key, "--now", NOW, *command]

    def run(self, *command, stdin=""):
        done = subprocess.run(self.args(*command), input=stdin, capture_output=True, text=True, timeout=60)
        if done.returncode != 0:
            raise AssertionError(f"confidant {' '.join(command)}: exit {done.returncode}: {done.stderr}")
        return done.stdout

    def json(self, *command):
        return json.loads(self.run(*command))

    def jsonl(self, *command):
        return [json.loads(line) for line in self.run(*command).splitlines() if line.strip()]


def barista_week():
    """An oat latte every morning, a croissant most days, a look at matcha."""
    lines = []
    for day in range(13, 20):
        at = f"2026-11-{day}T08:00:00Z"
        lines.append({"type": "order", "item": "latte-1", "categories": ["drinks/coffee/latte"],
                      "attrs": {"milk": "oat"}, "at": at})
        if day % 2:
            lines.append({"type": "order", "item": "croissant-1", "categories": ["food/bakery/croissant"],
                          "at": f"2026-11-{day}T08:05:00Z"})
        if day >= 17:
            lines.append({"type": "view", "item": "matcha-1", "categories": ["drinks/tea/matcha"],
                          "at": f"2026-11-{day}T12:00:00Z"})
    return "".join(json.dumps(line) + "\n" for line in lines)


def make_store(store, brand_dir):
    store.run("consent", "grant", "preferences,purchases,browsing", "personalize")
    store.run("consent", "grant", "purchases", "share")
    store.run("config", "install", os.path.join(brand_dir, "config.signed"),
              "--signer", os.path.join(brand_dir, "signing.pub"))
    store.run("track", stdin=barista_week())
    store.run("prefer", "like", "drinks/tea", "--text", "green tea, never sweetened")
    store.run("sync")  # queues this week's reports (no --url: nothing leaves)


def rows_of(model):
    return {row["id"]: row for section in model["sections"] for row in section["rows"]}


class Server:
    def __init__(self, store, log_path):
        self.log = open(log_path, "wb")
        self.process = subprocess.Popen(store.args("privacy-center", "--serve", "127.0.0.1:0"),
                                        stdout=subprocess.PIPE, stderr=self.log)
        first = self.process.stdout.readline().decode().rstrip("\n")
        prefix = "listening on 127.0.0.1:"
        assert first.startswith(prefix), f"first line of --serve: {first!r}"
        self.port = int(first[len(prefix):])
        assert self.port > 0, first
        self.url = f"http://127.0.0.1:{self.port}/"

    def stop(self, how=signal.SIGTERM):
        self.process.send_signal(how)
        code = self.process.wait(timeout=20)
        self.log.close()
        assert code == 0, f"privacy-center --serve exited {code} on {signal.Signals(how).name}"


def page_row(browser, row_id):
    return browser.script("""
      const row = document.querySelector('li[data-row-id="' + CSS.escape(arguments[0]) + '"]');
      if (!row) return null;
      return {title: row.querySelector('h3').textContent,
              lines: [...row.querySelectorAll('p.line')].map((p) => p.textContent),
              actions: [...row.querySelectorAll('button')].map((b) => b.dataset.action)};""", row_id)


def status_text(browser):
    return browser.script("return document.getElementById('status').textContent;")


def check_row_as_model(browser, row):
    shown = page_row(browser, row["id"])
    assert shown is not None, f"row {row['id']} is not on the page"
    assert shown["title"] == row["title"]["text"], (shown, row["title"])
    assert shown["lines"] == [line["text"] for line in row["lines"]], (shown["lines"], row["lines"])
    assert shown["actions"] == [action["id"] for action in row["actions"]], (shown["actions"], row["actions"])
    return shown


def check_guards(server, token):
    """Only this run's page may use the bridge: the token, Host and Origin are checked, bodies are capped."""
    def post(path, body, headers):
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
        connection.putrequest("POST", path, skip_host=True)
        for name, value in headers.items():
            connection.putheader(name, value)
        connection.putheader("Content-Length", str(len(body)))
        connection.endheaders(body)
        response = connection.getresponse()
        answer = (response.status, response.read())
        connection.close()
        return answer
    host = f"127.0.0.1:{server.port}"
    good = {"Host": host, "Origin": "http://" + host, "Content-Type": "application/json", "X-Confidant-Token": token}
    erase = json.dumps({"id": "erase"}).encode()
    assert post("/action", erase, {**good, "X-Confidant-Token": "0" * 32})[0] == 403
    assert post("/action", erase, {k: v for k, v in good.items() if k != "X-Confidant-Token"})[0] == 403
    assert post("/action", erase, {**good, "Origin": "http://evil.example"})[0] == 403
    assert post("/action", erase, {**good, "Host": "evil.example:80", "Origin": "http://evil.example:80"})[0] == 421
    assert post("/action", erase, {**good, "Content-Type": "text/plain"})[0] == 403
    assert post("/action", b"{" + b" " * (80 * 1024) + b"}", good)[0] == 413
    status, body = post("/model", b"{}", good)
    assert status == 200 and json.loads(body)["model"]["format"] == "confidant.privacy-center.v1", (status, body[:200])


def open_page(browser, server):
    browser.open(server.url)
    wait_for(lambda: browser.script("return document.getElementById('center').getAttribute('aria-busy') === 'false'"),
             "the page to render the model")


def check_shared_against_ledger(browser, rows, ledger):
    """One report row per ledger line, with its metric, ε, status and as many marked answers."""
    statuses = {"pending": "Waiting to be sent", "sent": "Sent", "dropped": "Not delivered; given up",
                "discarded": "Discarded before sending, because you withdrew consent"}
    for entry in ledger:
        report = entry["report"]
        shown = check_row_as_model(browser, rows["report:" + report["report_id"]])
        assert shown["title"] == "Report: " + report["metric"].replace("_", " "), (shown, entry)
        assert f"Privacy cost: ε = {entry['epsilon']:g}" in shown["lines"], (shown, entry)
        assert statuses[entry["status"]] in shown["lines"], (shown, entry)
        sent = [line for line in shown["lines"] if line.startswith("Sent, after noise: ")]
        marked = sent[0][len("Sent, after noise: "):]
        assert (marked == "no answer marked") == (not report["ones"]), (sent, report)
        if report["ones"]:
            assert len(marked.split(", ")) == len(report["ones"]), (sent, report)
    count = browser.script("return document.querySelectorAll('li[data-kind=\"report\"]').length")
    assert count == len(ledger), (count, len(ledger))


def main():
    confidant, chromium, chromedriver, brand_dir, work = sys.argv[1:6]
    for tool in (chromium, chromedriver):
        if not (os.path.isfile(tool) and os.access(tool, os.X_OK)):
            raise SystemExit(f"browser/privacy_center: not run: missing {tool} (Debian: chromium, chromium-driver)")
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    store = Store(confidant, work)
    make_store(store, brand_dir)
    model = store.json("privacy-center", "--json")
    ledger = store.jsonl("shared")
    rows = rows_of(model)
    interests = [rid for rid in rows if rid.startswith("interest:")]
    assert "usual:milk=oat" in rows and "told:like:drinks/tea" in rows and len(interests) >= 3, sorted(rows)
    assert ledger and all(entry["status"] == "pending" for entry in ledger), ledger
    log = os.path.join(work, "server.log")
    browser = Browser(chromium, chromedriver, os.path.join(work, "chromedriver.log"))
    started = time.monotonic()
    try:
        # 1. What the page shows is the model, row by row.
        server = Server(store, log)
        try:
            open_page(browser, server)
            assert browser.script("return document.documentElement.lang") == "en"
            headings = browser.script("return [...document.querySelectorAll('h2')].map((h) => h.textContent)")
            assert headings == [s["title"]["text"] for s in model["sections"]], headings
            usual = check_row_as_model(browser, rows["usual:milk=oat"])
            assert "oat milk — your usual (7 of 7 orders)" in usual["lines"], usual
            told = check_row_as_model(browser, rows["told:like:drinks/tea"])
            assert "In your words: “green tea, never sweetened”" in told["lines"], told
            assert "tea — you told us" in told["lines"], told
            for row_id in interests:
                check_row_as_model(browser, rows[row_id])
            check_shared_against_ledger(browser, rows, ledger)
            token = browser.script("return document.querySelector('meta[name=\"confidant-bridge-token\"]').content")
            check_guards(server, token)
            browser.screenshot(os.path.join(work, "privacy-center.png"))

            # Readable contrast of every visible text.
            checked = browser.script(CONTRAST_SCRIPT)
            low = [c for c in checked if c["ratio"] < 4.5]
            assert len(checked) > 30 and not low, low or checked

            # Forget an interest with the mouse.
            forgotten = interests[-1]
            browser.click(f'li[data-row-id="{forgotten}"] button[data-action="forget"]')
            wait_for(lambda: page_row(browser, forgotten) is None, f"{forgotten} to leave the page")
            assert status_text(browser).startswith("Done: Forget this"), status_text(browser)
        finally:
            server.stop()
        profile = store.json("profile")
        assert forgotten[len("interest:"):] not in [i["target"] for i in profile["interests"]], profile
        remaining = ["interest:" + i["target"] for i in profile["interests"] if "/" in i["target"]]
        assert remaining, profile  # the other categories stay

        # 2. Block a category with the keyboard only: from the top of a fresh
        # page, Tab to its button (focus visible at every stop), then Enter.
        blocked = remaining[-1]  # the last one: the most Tab stops to get there
        target = blocked[len("interest:"):]
        server = Server(store, log)
        try:
            open_page(browser, server)
            for presses in range(1, 400):
                browser.press("tab")
                focus = browser.script(FOCUS_SCRIPT)
                if presses == 1 and focus["tag"] == "BODY":
                    continue  # the first Tab may only bring focus into the document
                assert focus["tag"] in ("BUTTON", "A"), focus  # nothing else takes Tab stops
                assert focus["visible"] and focus["outline"] != "none" and focus["width"] >= 2, focus
                if focus["row"] == blocked and focus["action"] == "block":
                    break
            else:
                raise AssertionError(f"Tab never reached the block button of {blocked}")
            browser.press("enter")
            wait_for(lambda: page_row(browser, "block:" + target) is not None, f"block:{target} to show")
            label = next(a["label"]["text"] for a in rows[blocked]["actions"] if a["id"] == "block")
            after_block = browser.script(FOCUS_SCRIPT)
            assert after_block["tag"] != "BODY", after_block  # the keyboard user keeps a place on the page
            assert status_text(browser).startswith(f"Done: {label} — "), status_text(browser)  # announced
        finally:
            server.stop()
        profile = store.json("profile")
        assert {"kind": "block", "target": target} in [{"kind": p["kind"], "target": p["target"]}
                                                       for p in profile["preferences"]], profile

        # 3. Withdraw purchases in the consent section; erase asks first and
        # Escape cancels it.
        cell = "consent:purchases:personalize"
        server = Server(store, log)
        try:
            open_page(browser, server)
            assert "Allowed" in page_row(browser, cell)["lines"]
            browser.click(f'li[data-row-id="{cell}"] button[data-action="deny"]')
            wait_for(lambda: "Not allowed" in page_row(browser, cell)["lines"], "purchases to show as not allowed")
            browser.click('#center-actions button[data-action="erase"]')
            wait_for(lambda: browser.script("return document.getElementById('confirm').open"), "the erase confirmation")
            wait_for(lambda: browser.script("return document.activeElement.id === 'confirm-cancel'"),
                     "focus on Cancel, the safe choice")
            browser.press("escape")
            wait_for(lambda: not browser.script("return document.getElementById('confirm').open"), "the dialog to close")
        finally:
            server.stop()
        consent = store.json("consent", "show")
        assert consent["current"]["purchases"]["personalize"] == "denied", consent["current"]
        assert consent["records"][-1]["source"] == "user", consent["records"][-1]
        assert store.json("profile")["preferences"], "erase was cancelled: the store keeps its data"

        # 4. The shared section after the withdrawal, against the ledger again.
        after = store.jsonl("shared")
        server = Server(store, log)
        try:
            open_page(browser, server)
            check_shared_against_ledger(browser, rows_of(store_model_of(browser)), after)
            browser.screenshot(os.path.join(work, "privacy-center-after.png"))
        finally:
            server.stop(signal.SIGINT)  # Ctrl-C stops it as cleanly
        print(f"browser steps passed in {time.monotonic() - started:.1f} s: {len(checked)} texts at contrast >= 4.5 "
              f"(lowest {min(c['ratio'] for c in checked):.2f}); {presses} Tab presses to the block button; "
              f"forgot {forgotten}, blocked {target}, denied {cell}; ledger statuses now "
              f"{sorted(set(e['status'] for e in after))}")
    finally:
        browser.close()


def store_model_of(browser):
    """The model the page was given, read back through its own bridge."""
    return json.loads(browser.command("POST", "/execute/async", {
        "script": "const done = arguments[0]; window.confidantBridge(JSON.stringify({request: 'model'}))"
                  ".then((text) => done(JSON.stringify(JSON.parse(text).model)));", "args": []}))


if __name__ == "__main__":
    main()
