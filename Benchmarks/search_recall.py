#!/usr/bin/env python3
"""Search recall@3 and bytes per query: sitegen's search (/search/) against Pagefind on the same built site.

    python3 Benchmarks/search_recall.py                 # builds this repository's site with SITEGEN, then measures
    python3 Benchmarks/search_recall.py --site DIR      # an already built site (left untouched: a copy is indexed)
    python3 Benchmarks/search_recall.py --site DIR --bytes-only [--query Q ...]

The site is copied, `python3 -m pagefind --site COPY` (or `-m pagefind_bin`, which `pip install pagefind-bin`
provides) adds Pagefind's index (/pagefind/) to the copy, and the copy is served on 127.0.0.1 (a free port) by
http.server's SimpleHTTPRequestHandler, as `python3 -m http.server` would, plus `Cache-Control: no-store`. In headless
Chromium (selenium), for each query of Checks/search_queries.json:

- sitegen: /search/?q=QUERY is loaded and the top three result links are read once the results' count line appears,
  as `search_top` in Checks/site_checks.py does;
- Pagefind: on a freshly loaded home page, its JS API: import /pagefind/pagefind.js, init(), search(q), data() of the
  first three results; their `url` is compared after the same normalization (no #fragment, no index.html).

Bytes are the response bodies the server sent (http.server does not compress, so each is the file's size), counted
server-side because Pagefind fetches its index from a Web Worker that the page's Resource Timing does not see: for
sitegen, /search-index.json and /search/*.json requested by the search page (not the page, its CSS or search.js); for
Pagefind, every /pagefind/ request from import() to the last data(), reported with and without the runtime
(pagefind.js, pagefind-worker.js and the wasm, which a reader's browser can keep across queries and pages).

Time to first result (sitegen only, no Pagefind index is built and nothing is copied: the site is served in place,
read only):

    python3 Benchmarks/search_recall.py --site DIR --latency [--query Q ...] [--repeat N] [--latency-detail]

Queries: --query Q (repeatable), else the five of --bytes-only. Each query is measured --repeat times (default 5), the
queries interleaved (run 1 of every query, then run 2, ...), each measurement on a freshly loaded /search/ (a new
document: search.js's in-memory fetch cache is empty, and the server sends no-store, so every file is fetched again).
Before timing, the page must have loaded search-index.json (the manifest named by #search-results' data-index, seen in
Resource Timing with a responseEnd) and search.js must have attached its `input` listener to #search-page-input (noted
by a wrapper of addEventListener that chromedriver installs before the page's scripts run), then one more task passes.
Everything timed is timed inside the page with performance.now() in one execute_async_script, so selenium's round
trips are excluded:

- cold, pasted: t0, then the input's value is set to the whole query and an `input` event (bubbles) is dispatched;
  the time is from t0 to the first MutationObserver callback on #search-results after which a
  `.search-list li` or a `.search-count` (no results) is in the DOM: the results are in the DOM, not yet painted. Every
  terms-*.json, f-*.json and d-*.json the query needs is fetched cold: the worst case.
- typed: the query is typed one character at a time: for each prefix, value set and `input` dispatched, then the time
  to the first mutation of #search-results after that dispatch (search.js drops the results of a stale prefix, so a
  mutation after a dispatch is that prefix's), or 2 s without one; a prefix without a search word (one letter: search.js
  then leaves no ?q= in the address) starts no search and counts its synchronous time. The next character is typed as
  soon as the previous one rendered (no sleeps). Reported: the final keystroke's time and the slowest keystroke's.

Printed: per query the cold median and max, the typed final-keystroke median and slowest-keystroke median; overall
"cold: median X ms, max Y ms over Q queries × N runs" and whether every query's cold median is within 100 ms (the
target: the first result within 100 ms of typing, on a 10,000-article corpus). --latency-detail adds, for each query,
the requests of its median cold run from Resource Timing (fetch(), request sent, first byte, end, ms after t0; body
bytes) and where the time went: last terms file, last fragment, last d- chunk, results in the DOM. The cold time's
next animation frame (requestAnimationFrame after the results are in the DOM) is printed too, about when they are
painted.

Needs: selenium, /usr/bin/chromium and chromedriver, `python3 -m pip install pagefind-bin` (1.5.2 measured; not for
--latency).
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from urllib.parse import quote, urlparse

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
QUERIES = os.path.join(ROOT, "Checks", "search_queries.json")
SITEGEN = os.environ.get("SITEGEN", os.path.join(ROOT, ".build", "release", "sitegen"))
BYTES_ONLY_QUERIES = ["sidecar memory", "linkerd mtls", "istio ambient", "canary deployment", "cost optimization"]


def normalize(url):
    """A result's site path as Checks/search_queries.json writes pages: no query or fragment, no index.html."""
    path = urlparse(url).path
    if path.endswith("/index.html"):
        path = path[: -len("index.html")]
    elif path.endswith(".html"):
        path = path[: -len(".html")] + "/"
    if not path.endswith("/"):
        path += "/"
    return path


class Recorder:
    """http.server's SimpleHTTPRequestHandler on the copy, in this process, noting each (path, body bytes) it serves.

    Pagefind fetches its index from a Web Worker, whose requests neither the page's Resource Timing nor chromedriver's
    performance log see, so bytes are counted where they are sent. Responses carry Cache-Control: no-store, so no
    query is served from an earlier one's HTTP cache (the page's own caches start empty on each navigation).
    """

    def __init__(self, folder):
        import functools
        import threading
        from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
        recorder = self
        self.lock = threading.Lock()
        self.served = []

        class Handler(SimpleHTTPRequestHandler):
            def send_header(self, keyword, value):
                if keyword.lower() == "content-length":
                    with recorder.lock:
                        recorder.served.append((urlparse(self.path).path, int(value)))
                super().send_header(keyword, value)

            def end_headers(self):
                self.send_header("Cache-Control", "no-store")
                super().end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=folder))
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def take(self, keep):
        """{path: bytes} served since the last take() whose path `keep` accepts; forgets everything served so far."""
        with self.lock:
            served, self.served = self.served, []
        sizes = {}
        for path, size in served:
            if keep(path):
                sizes[path] = sizes.get(path, 0) + size
        return sizes

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def build_site(out):
    subprocess.run([SITEGEN, "build", "--content", os.path.join(ROOT, "Content"), "--templates",
                    os.path.join(ROOT, "Templates"), "--output", out, "--no-cache", "--quiet"], check=True)


def driver_new():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    options = webdriver.ChromeOptions()
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,900"):
        options.add_argument(argument)
    if os.path.exists("/usr/bin/chromium"):
        options.binary_location = "/usr/bin/chromium"
    service = Service("/usr/bin/chromedriver") if os.path.exists("/usr/bin/chromedriver") else Service()
    driver = webdriver.Chrome(options=options, service=service)
    driver.set_script_timeout(300)
    return driver


def wait_for(condition, seconds, message):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if condition():
                return
        except Exception:  # noqa: BLE001 - the page may be between states
            pass
        time.sleep(0.05)
    raise TimeoutError(message)


def sitegen_query(driver, server, query):
    """Top three result paths of /search/?q=query (as Checks/site_checks.py's search_top) and the index bytes fetched."""
    from selenium.webdriver.common.by import By
    server.take(lambda p: False)
    driver.get(server.url + "search/?q=" + quote(query))
    wait_for(lambda: driver.find_elements(By.CSS_SELECTOR, "#search-results .search-count"), 60, f"no results line for {query!r}")
    links = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "#search-results h2 a")][:3]
    sizes = server.take(lambda p: p == "/search-index.json" or (p.startswith("/search/") and p.endswith(".json")))
    return [normalize(link) for link in links], sizes


PAGEFIND = """
const [q, done] = arguments;
(async () => {
  const pagefind = await import("/pagefind/pagefind.js");
  await pagefind.init();
  const r = await pagefind.search(q);
  const top = await Promise.all(r.results.slice(0, 3).map((x) => x.data()));
  done({ urls: top.map((t) => t.url), count: r.results.length });
})().catch((e) => done({ error: String(e && e.stack || e) }));
"""


def pagefind_query(driver, server, query):
    """Top three result paths of Pagefind's JS API in a fresh page (nothing loaded before) and the bytes fetched."""
    driver.get(server.url)  # a new document: Pagefind's module, worker and caches start empty, as on a first search
    wait_for(lambda: driver.execute_script("return document.readyState") == "complete", 20, "home page did not load")
    server.take(lambda p: False)
    answer = driver.execute_async_script(PAGEFIND, query)
    if "error" in answer:
        raise RuntimeError(f"Pagefind failed for {query!r}: {answer['error']}")
    sizes = server.take(lambda p: p.startswith("/pagefind/"))
    return [normalize(u) for u in answer["urls"]], sizes


def pagefind_split(sizes):
    """(all /pagefind/ bytes, bytes without pagefind.js and the wasm)."""
    total = sum(sizes.values())
    runtime = sum(b for p, b in sizes.items() if os.path.basename(p) in ("pagefind.js", "pagefind-worker.js")
                  or os.path.basename(p).startswith("wasm."))
    return total, total - runtime


def kb(n):
    return f"{n / 1024:.1f} KB"


def summary(label, values):
    return f"{label}: median {kb(statistics.median(values))}, max {kb(max(values))}"


# Time to first result (--latency). Installed before the page's own scripts: notes when search.js attaches its input
# listener, which it does once the manifest has been fetched and parsed; until then an input event would be ignored.
LISTENER_HOOK = """
(() => {
  const add = EventTarget.prototype.addEventListener;
  EventTarget.prototype.addEventListener = function (type, listener, options) {
    if (type === "input" && this && this.id === "search-page-input" && window.__searchListening === undefined)
      window.__searchListening = performance.now();
    return add.call(this, type, listener, options);
  };
})();
"""

SEARCH_READY = """
const results = document.getElementById("search-results");
if (document.readyState !== "complete" || !results) return false;
const manifest = new URL(results.dataset.index, location.href).href;
const loaded = performance.getEntriesByType("resource").some((e) => e.name === manifest && e.responseEnd > 0);
return loaded && (!arguments[0] || window.__searchListening !== undefined);
"""

# Resource Timing entries of requests started at or after t0, relative to t0.
LATENCY_REQUESTS = """
const requests = (t0) => performance.getEntriesByType("resource").filter((e) => e.startTime >= t0).map((e) => ({
  path: new URL(e.name).pathname, start: e.startTime - t0, sent: e.requestStart - t0, firstByte: e.responseStart - t0,
  end: e.responseEnd - t0, bytes: e.encodedBodySize }));
"""

COLD = LATENCY_REQUESTS + """
const [query, done] = arguments;
const results = document.getElementById("search-results");
const input = document.getElementById("search-page-input");
let t0 = 0, finished = false, timer = 0;
const finish = (answer) => {
  if (finished) return;
  finished = true;
  observer.disconnect();
  clearTimeout(timer);
  // The next animation frame (about when the results are painted), then one more task: Resource Timing entries are
  // queued after the responses.
  let framed = false;
  const frame = () => {
    if (framed) return;
    framed = true;
    answer.frame = performance.now() - t0;
    setTimeout(() => done(Object.assign(answer, { requests: requests(t0) })), 0);
  };
  requestAnimationFrame(frame);
  setTimeout(frame, 1000);
};
const observer = new MutationObserver(() => {
  const ms = performance.now() - t0;
  const count = results.querySelector(".search-count");
  if (results.querySelector(".search-list li") || count)
    finish({ ms, count: count ? count.textContent : "", items: results.querySelectorAll(".search-list > li").length });
  else if (results.children.length) finish({ error: "results show: " + results.textContent });
});
observer.observe(results, { childList: true, subtree: true });
timer = setTimeout(() => finish({ error: "no results within 30 s" }), 30000);
t0 = performance.now();
input.value = query;
input.dispatchEvent(new Event("input", { bubbles: true }));
if (location.search === "") finish({ error: "the input event started no search (no listener, or no search word)" });
"""

TYPED = """
const [query, done] = arguments;
const results = document.getElementById("search-results");
const input = document.getElementById("search-page-input");
let pending = null;
const observer = new MutationObserver(() => {
  if (pending) { const p = pending; pending = null; p.resolve(performance.now() - p.t0); }
});
observer.observe(results, { childList: true, subtree: true });
(async () => {
  const keys = [];
  for (let i = 1; i <= query.length; i++) {
    const prefix = query.slice(0, i);
    let resolve;
    const rendered = new Promise((r) => { resolve = r; });
    const t0 = performance.now();
    input.value = prefix;
    input.dispatchEvent(new Event("input", { bubbles: true }));
    // search.js renders asynchronously; anything recorded during the dispatch (a cleared list) is not a result.
    observer.takeRecords();
    if (location.search === "") {  // search.js set no ?q=: no search word in this prefix, nothing will render
      keys.push({ prefix, ms: performance.now() - t0, search: false, timedOut: false });
      continue;
    }
    pending = { resolve, t0 };
    let timer = 0;
    const ms = await Promise.race([rendered, new Promise((r) => { timer = setTimeout(() => r(null), 2000); })]);
    clearTimeout(timer);
    pending = null;
    keys.push({ prefix, ms: ms === null ? 2000 : ms, search: true, timedOut: ms === null });
  }
  observer.disconnect();
  const count = results.querySelector(".search-count");
  done({ keys, count: count ? count.textContent : "" });
})().catch((e) => done({ error: String(e && e.stack || e) }));
"""


def search_page_fresh(driver, server, hooked):
    """Loads /search/ anew and returns once the manifest is loaded and search.js listens to the input, plus one task."""
    driver.get(server.url + "search/")
    wait_for(lambda: driver.execute_script(SEARCH_READY, hooked), 30, "search page: manifest not loaded or no listener")
    driver.execute_async_script("setTimeout(arguments[0], 0);")


def latency_cold(driver, server, hooked, query):
    search_page_fresh(driver, server, hooked)
    answer = driver.execute_async_script(COLD, query)
    server.take(lambda p: False)  # not needed here: keeps the recorder's list short
    if "error" in answer:
        raise RuntimeError(f"cold {query!r}: {answer['error']}")
    return answer


def latency_typed(driver, server, hooked, query):
    search_page_fresh(driver, server, hooked)
    answer = driver.execute_async_script(TYPED, query)
    server.take(lambda p: False)
    if "error" in answer:
        raise RuntimeError(f"typed {query!r}: {answer['error']}")
    searched = [k for k in answer["keys"] if k["search"]]
    return {"final": answer["keys"][-1]["ms"], "max": max(k["ms"] for k in answer["keys"]),
            "timeouts": sum(k["timedOut"] for k in searched), "keys": answer["keys"], "count": answer["count"]}


def ms(value):
    return f"{value:.1f}"


def latency_phases(requests, dom_ms):
    """Where a cold query's time went: the end of its last terms, fragment and d- file, and the DOM, ms after t0."""
    def last(prefix):
        ends = [r["end"] for r in requests if os.path.basename(r["path"]).startswith(prefix)]
        return (max(ends), len(ends)) if ends else (None, 0)
    parts = []
    for label, prefix in (("terms", "terms-"), ("fragments", "f-"), ("d- chunks", "d-")):
        end, n = last(prefix)
        if n:
            parts.append(f"{n} {label} by {ms(end)}")
    parts.append(f"results in the DOM at {ms(dom_ms)}")
    return "; ".join(parts)


def latency_main(args):
    if args.repeat < 1:
        sys.exit("--repeat must be at least 1")
    queries = args.query or BYTES_ONLY_QUERIES
    scratch = None
    if args.site:
        folder = args.site  # served read only: nothing is added, so no copy
    else:
        scratch = tempfile.mkdtemp(prefix="search-latency-")
        folder = os.path.join(scratch, "site")
        build_site(folder)
    server = Recorder(folder)
    driver = None
    cold = {q: [] for q in queries}
    typed = {q: [] for q in queries}
    try:
        driver = driver_new()
        try:
            driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": LISTENER_HOOK})
            hooked = True
        except Exception:  # noqa: BLE001 - not Chromium: the manifest's responseEnd and one task must do
            hooked = False
        search_page_fresh(driver, server, hooked)  # a first load, not measured: the browser's own start-up costs
        for _ in range(args.repeat):
            for query in queries:
                cold[query].append(latency_cold(driver, server, hooked, query))
                typed[query].append(latency_typed(driver, server, hooked, query))
    finally:
        if driver:
            driver.quit()
        server.close()
        if scratch and not args.keep:
            shutil.rmtree(scratch, ignore_errors=True)

    manifest = os.path.join(folder, "search-index.json")
    documents = ""
    if os.path.exists(manifest):
        with open(manifest, encoding="utf-8") as file:
            documents = f", {json.load(file).get('documents', '?'):,} documents in the index"
    print(f"Site: {args.site or '(this repository, built with ' + SITEGEN + ')'}{documents}; headless Chromium, "
          f"{args.repeat} run{'s' if args.repeat > 1 else ''} per query, queries interleaved; times in ms from the input "
          f"event to the results in the DOM (next animation frame: about when they are painted)")
    print()
    print("| query | cold median | cold max | cold, next frame, median | cold requests (body bytes) | "
          "typed: final keystroke, median | typed: slowest keystroke, median | typed: keystrokes over 2 s | results |")
    print("|---|---|---|---|---|---|---|---|---|")
    all_cold, medians, all_final, all_max = [], {}, [], []
    for query in queries:
        times = [c["ms"] for c in cold[query]]
        all_cold += times
        medians[query] = statistics.median(times)
        finals = [t["final"] for t in typed[query]]
        maxes = [t["max"] for t in typed[query]]
        all_final += finals
        all_max += maxes
        last = cold[query][-1]["requests"]
        requests = [r for r in last if r["path"].startswith("/search/")]
        frames = [c["frame"] for c in cold[query]]
        print(f"| {query} | {ms(medians[query])} | {ms(max(times))} | {ms(statistics.median(frames))} | "
              f"{len(requests)} ({sum(r['bytes'] for r in requests):,}) "
              f"| {ms(statistics.median(finals))} | {ms(statistics.median(maxes))} | "
              f"{sum(t['timeouts'] for t in typed[query])} | {cold[query][-1]['count']} |")
    print()
    n = len(queries)
    print(f"cold: median {ms(statistics.median(all_cold))} ms, max {ms(max(all_cold))} ms over {n} queries × {args.repeat} runs")
    print(f"typed: final keystroke median {ms(statistics.median(all_final))} ms, slowest keystroke median "
          f"{ms(statistics.median(all_max))} ms, max {ms(max(all_max))} ms")
    over = [q for q, m in medians.items() if m > 100]
    print("every cold median within 100 ms: " + ("yes" if not over else "no (" + ", ".join(
        f"{q!r} {ms(medians[q])} ms" for q in over) + ")"))
    if args.latency_detail:
        for query in queries:
            runs = sorted(cold[query], key=lambda c: c["ms"])
            run = runs[(len(runs) - 1) // 2]
            print()
            print(f"{query!r}, its median cold run (the lower median if even; {ms(run['ms'])} ms): {latency_phases(run['requests'], run['ms'])}")
            print("| request | fetch() | request sent | first byte | end | duration | body bytes |")
            print("|---|---|---|---|---|---|---|")
            for r in sorted(run["requests"], key=lambda r: r["start"]):
                print(f"| {r['path']} | {ms(r['start'])} | {ms(r['sent'])} | {ms(r['firstByte'])} | {ms(r['end'])} | "
                      f"{ms(r['end'] - r['start'])} | {r['bytes']:,} |")
            keys = typed[query][(len(typed[query]) - 1) // 2]["keys"]
            print("typed, one run: " + ", ".join(f"{k['prefix']!r} {ms(k['ms'])}" + ("" if k["search"] else " (no search)")
                                                  + (" (timed out)" if k["timedOut"] else "") for k in keys))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--site", help="an already built site (default: build this repository's site with SITEGEN)")
    parser.add_argument("--bytes-only", action="store_true", help="report bytes per query only (no expected pages)")
    parser.add_argument("--query", action="append", help="with --bytes-only or --latency: a query (repeatable; default five two-word queries)")
    parser.add_argument("--keep", action="store_true", help="keep the indexed copy and print its folder")
    parser.add_argument("--latency", action="store_true", help="time to first result of sitegen's /search/ instead "
                        "(cold pasted query and typed query; default queries those of --bytes-only)")
    parser.add_argument("--repeat", type=int, default=5, help="with --latency: measurements per query (default 5)")
    parser.add_argument("--latency-detail", action="store_true",
                        help="with --latency: the requests of each query's median cold run, from Resource Timing")
    args = parser.parse_args()
    if args.latency or args.latency_detail:
        latency_main(args)
        return

    scratch = tempfile.mkdtemp(prefix="search-recall-")
    copy = os.path.join(scratch, "site")
    if args.site:
        shutil.copytree(args.site, copy)
    else:
        build_site(copy)
    started = time.monotonic()
    # `pip install pagefind-bin` provides the module pagefind_bin; `pip install pagefind[bin]` provides pagefind.
    import importlib.util
    module = "pagefind" if importlib.util.find_spec("pagefind") else "pagefind_bin"
    pf = subprocess.run([sys.executable, "-m", module, "--site", copy], capture_output=True, text=True)
    if pf.returncode != 0:
        sys.exit("pagefind failed:\n" + pf.stdout + pf.stderr)
    pf_seconds = time.monotonic() - started
    pf_files = sum(len(f) for _, _, f in os.walk(os.path.join(copy, "pagefind")))
    pf_bytes = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(os.path.join(copy, "pagefind")) for f in fs)
    indexed = [line.strip() for line in pf.stdout.splitlines() if "Indexed" in line]

    if args.bytes_only:
        queries = [{"q": q, "expect": None} for q in (args.query or BYTES_ONLY_QUERIES)]
    else:
        with open(QUERIES, encoding="utf-8") as file:
            queries = json.load(file)["queries"]

    server = Recorder(copy)
    driver = None
    try:
        driver = driver_new()
        rows = []
        for entry in queries:
            s_top, s_sizes = sitegen_query(driver, server, entry["q"])
            p_top, p_sizes = pagefind_query(driver, server, entry["q"])
            rows.append((entry, s_top, s_sizes, p_top, p_sizes))
    finally:
        if driver:
            driver.quit()
        server.close()

    print(f"Site: {args.site or '(this repository, built with ' + SITEGEN + ')'}; Pagefind index: {pf_files} files, "
          f"{kb(pf_bytes)}, built in {pf_seconds:.1f} s ({'; '.join(indexed)})")
    print()
    if args.bytes_only:
        print("| query | sitegen bytes (files) | Pagefind bytes, all (files) | Pagefind bytes without pagefind.js and wasm | sitegen top 3 | Pagefind top 3 |")
        print("|---|---|---|---|---|---|")
    else:
        print("| query | expected | sitegen hit@3 | Pagefind hit@3 | sitegen bytes (files) | Pagefind bytes, all (files) | Pagefind without pagefind.js and wasm |")
        print("|---|---|---|---|---|---|---|")
    s_hits = p_hits = 0
    s_all, p_all, p_idx = [], [], []
    misses = {"sitegen": [], "Pagefind": []}
    for entry, s_top, s_sizes, p_top, p_sizes in rows:
        s_bytes = sum(s_sizes.values())
        p_total, p_index = pagefind_split(p_sizes)
        s_all.append(s_bytes)
        p_all.append(p_total)
        p_idx.append(p_index)
        if args.bytes_only:
            print(f"| {entry['q']} | {s_bytes:,} ({len(s_sizes)}) | {p_total:,} ({len(p_sizes)}) | {p_index:,} | "
                  f"{', '.join(s_top)} | {', '.join(p_top)} |")
            continue
        s_hit, p_hit = entry["expect"] in s_top, entry["expect"] in p_top
        s_hits += s_hit
        p_hits += p_hit
        if not s_hit:
            misses["sitegen"].append(f"{entry['q']!r}: got {s_top}")
        if not p_hit:
            misses["Pagefind"].append(f"{entry['q']!r}: got {p_top}")
        print(f"| {entry['q']} | {entry['expect']} | {'yes' if s_hit else '**no**'} | {'yes' if p_hit else '**no**'} | "
              f"{s_bytes:,} ({len(s_sizes)}) | {p_total:,} ({len(p_sizes)}) | {p_index:,} |")
    print()
    if not args.bytes_only:
        n = len(rows)
        print(f"recall@3: sitegen {s_hits}/{n} = {s_hits / n:.3f}; Pagefind {p_hits}/{n} = {p_hits / n:.3f}")
        for name, missed in misses.items():
            for line in missed:
                print(f"  {name} missed {line}")
    print(summary("sitegen bytes per query", s_all))
    print(summary("Pagefind bytes per query, all /pagefind/ requests", p_all))
    print(summary("Pagefind bytes per query, without pagefind.js and the wasm", p_idx))
    if args.keep:
        print(f"indexed copy kept in {copy}")
    else:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
