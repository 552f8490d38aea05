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

Needs: selenium, /usr/bin/chromium and chromedriver, `python3 -m pip install pagefind-bin` (1.5.2 measured).
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


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--site", help="an already built site (default: build this repository's site with SITEGEN)")
    parser.add_argument("--bytes-only", action="store_true", help="report bytes per query only (no expected pages)")
    parser.add_argument("--query", action="append", help="with --bytes-only: a query (repeatable; default five two-word queries)")
    parser.add_argument("--keep", action="store_true", help="keep the indexed copy and print its folder")
    args = parser.parse_args()

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
