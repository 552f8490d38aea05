#!/usr/bin/env python3
"""Faults a publishing tool must survive, tried for real.

    python3 Checks/reliability_checks.py [--kills 50] [--pages 2000] [--load-seconds 30]

- SIGKILL at random moments of builds of a generated corpus: the output folder is always exactly the
  complete old site or the complete new one, and the next build removes what a killed build left.
- A nearly full file system (a small tmpfs) and a read-only one: the build fails with a clear message
  and the previous site stays byte for byte.
- `wrk` against `sitegen serve` while a script edits content every 100 ms: no failed request, no 5xx,
  memory flat, and the final pages equal a full build.

Needs root for the tmpfs mounts (CI runs as root; elsewhere those checks are skipped, and say so).
Ends with "N passed, N failed".
"""

import argparse
import contextlib
import hashlib
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import traceback

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GEN_CORPUS = os.path.join(ROOT, "Benchmarks", "gen_corpus.py")
results = []


def sitegen():
    for configuration in ("release", "debug"):
        path = os.path.join(ROOT, ".build", configuration, "sitegen")
        if os.path.exists(path):
            return path
    raise RuntimeError("build sitegen first (swift build)")


def check(name):
    def wrap(function):
        def run(*args):
            started = time.monotonic()
            try:
                outcome = function(*args)
                if outcome == "skipped":
                    print(f"SKIP {name}", flush=True)
                    return
                results.append((name, True))
                print(f"PASS {name} ({time.monotonic() - started:.1f} s)", flush=True)
            except Exception as error:  # noqa: BLE001 - report every failure, keep checking
                results.append((name, False))
                print(f"FAIL {name}: {''.join(traceback.format_exception_only(type(error), error)).strip()}", flush=True)
        return run
    return wrap


def digest(folder):
    """One hash of every file's path and bytes, or None when the folder is missing."""
    if not os.path.isdir(folder):
        return None
    total = hashlib.sha256()
    for directory, folders, files in os.walk(folder):
        folders.sort()
        for name in sorted(files):
            path = os.path.join(directory, name)
            total.update(os.path.relpath(path, folder).encode())
            with open(path, "rb") as file:
                total.update(hashlib.sha256(file.read()).digest())
    return total.hexdigest()


def corpus(work, pages, seed):
    out = os.path.join(work, f"corpus-{seed}")
    subprocess.run([sys.executable, GEN_CORPUS, "--pages", str(pages), "--seed", str(seed), "--out", out],
                   check=True, capture_output=True)
    return os.path.join(out, "sitegen", "Content")


def build(content, output, check_result=True, extra=()):
    completed = subprocess.run([sitegen(), "build", "--quiet", "--content", content,
                                "--templates", os.path.join(ROOT, "Templates"), "--output", output, *extra],
                               capture_output=True, text=True)
    if check_result and completed.returncode != 0:
        raise AssertionError(completed.stderr[-2000:])
    return completed


@check("SIGKILL at random moments never leaves a mixed site")
def crash_safety(work, kills, pages):
    old, new = corpus(work, pages, 1), corpus(work, pages, 2)
    output = os.path.join(work, "Site")
    reference = os.path.join(work, "reference")
    build(new, reference)
    expected = {digest(reference)}
    shutil.rmtree(reference)
    started = time.monotonic()
    build(old, output)
    duration = time.monotonic() - started
    expected.add(digest(output))
    rng = random.Random(20261127)
    for attempt in range(kills):
        content = new if attempt % 2 == 0 else old
        process = subprocess.Popen([sitegen(), "build", "--quiet", "--content", content,
                                    "--templates", os.path.join(ROOT, "Templates"), "--output", output],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0, duration * 1.1))  # a random moment of the build, not a synchronisation
        process.send_signal(signal.SIGKILL)
        process.wait()
        found = digest(output)
        if found not in expected:
            raise AssertionError(f"after kill {attempt + 1}, {output} is neither the old nor the new site")
    build(new, output)
    leftovers = [name for name in os.listdir(work) if ".sitegen-" in name]
    if leftovers:
        raise AssertionError(f"the next build left {leftovers}")
    print(f"     {kills} kills over builds of {pages} articles ({duration:.1f} s each)")


@contextlib.contextmanager
def tmpfs(folder, size):
    """A tmpfs of `size` mounted at `folder` for the block, or None where it cannot be (not root)."""
    os.makedirs(folder, exist_ok=True)
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", folder],
                                           capture_output=True).returncode != 0:
        yield None
        return
    try:
        yield folder
    finally:
        subprocess.run(["umount", folder])


@check("a nearly full disk fails with a clear message and keeps the old site")
def full_disk(work):
    with tmpfs(os.path.join(work, "small-disk"), "4m") as disk:
        if disk is None:
            return "skipped"
        output = os.path.join(disk, "Site")
        build(os.path.join(ROOT, "Content"), output)
        before = digest(output)
        big = corpus(work, 1500, 3)
        completed = build(big, output, check_result=False)
        if completed.returncode == 0:
            raise AssertionError("the build into a full disk succeeded")
        if "No space left on device" not in completed.stderr:
            raise AssertionError(f"unclear message: {completed.stderr[-800:]}")
        if digest(output) != before:
            raise AssertionError("the previous site changed")
        print(f"     {completed.stderr.strip().splitlines()[0][:160]}")


@check("a read-only output folder fails with a clear message and keeps the old site")
def read_only(work):
    with tmpfs(os.path.join(work, "read-only"), "16m") as disk:
        if disk is None:
            return "skipped"
        output = os.path.join(disk, "Site")
        build(os.path.join(ROOT, "Content"), output)
        before = digest(output)
        subprocess.run(["mount", "-o", "remount,ro", disk], check=True)
        # Different output (another base URL), so the build has to write: an unchanged site writes nothing.
        completed = build(os.path.join(ROOT, "Content"), output, check_result=False, extra=("--base-url", "https://other.example/"))
        if completed.returncode == 0 or "Read-only file system" not in completed.stderr:
            raise AssertionError(f"expected a read-only failure, got {completed.returncode}: {completed.stderr[-800:]}")
        if digest(output) != before:
            raise AssertionError("the previous site changed")


@check("wrk against sitegen serve during edits: no failures, memory flat, final pages equal a full build")
def load(work, seconds):
    if shutil.which("wrk") is None:
        raise AssertionError("wrk is not installed (apt-get install wrk)")
    site = os.path.join(work, "served")
    for name in ("Content", "Templates"):
        shutil.copytree(os.path.join(ROOT, name), os.path.join(site, name))
    output = os.path.join(site, "out")
    server = subprocess.Popen([sitegen(), "serve", "--port", "0", "--content", os.path.join(site, "Content"),
                               "--templates", os.path.join(site, "Templates"), "--output", output],
                              stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    url = None
    while url is None:
        line = server.stderr.readline()
        if not line:
            raise AssertionError("sitegen serve exited")
        match = re.search(r"Serving at (http://\S+)", line)
        url = match.group(1) if match else None
    threading.Thread(target=lambda: [None for _ in server.stderr], daemon=True).start()

    def resident():
        with open(f"/proc/{server.pid}/status") as status:
            return int(re.search(r"VmRSS:\s+(\d+)", status.read()).group(1))

    stop = threading.Event()
    article = os.path.join(site, "Content", "articles", "kubernetes-cost-optimization.md")
    mesh = os.path.join(site, "Content", "catalog", "meshes", "linkerd.yaml")

    def edit():
        count = 0
        with open(article, encoding="utf-8") as file:
            original = file.read()
        with open(mesh, encoding="utf-8") as file:
            mesh_text = file.read()
        while not stop.is_set():
            count += 1
            with open(article, "w", encoding="utf-8") as file:
                file.write(original + f"\nEdit number {count}.\n")
            if count % 10 == 0:
                level = ["low", "medium"][count // 10 % 2]
                with open(mesh, "w", encoding="utf-8") as file:
                    file.write(mesh_text.replace("learning-curve: low", f"learning-curve: {level}"))
            stop.wait(0.1)
    editor = threading.Thread(target=edit)
    try:
        # Warm up, then measure memory around the loaded run.
        subprocess.run(["wrk", "-t2", "-c8", "-d2s", url + "kubernetes-service-mesh-comparison/"], capture_output=True)
        before = resident()
        editor.start()
        completed = subprocess.run(["wrk", "-t2", "-c64", f"-d{seconds}s", "--timeout", "10s", "--latency", url + "kubernetes-service-mesh-comparison/"],
                                   capture_output=True, text=True)
        stop.set()
        editor.join()
        after = resident()
        report = completed.stdout
        print("     " + "\n     ".join(line for line in report.splitlines() if "Requests/sec" in line or "requests in" in line))
        if "Non-2xx or 3xx responses" in report or "Socket errors" in report:
            raise AssertionError(report)
        if after > before * 1.5 + 30_000:
            raise AssertionError(f"resident memory grew from {before} kB to {after} kB")
        print(f"     resident memory {before} kB before, {after} kB after")
        # Let the last edit's rebuild land, then compare with a full build of the same files.
        deadline = time.monotonic() + 30
        reference = os.path.join(work, "load-reference")
        while True:
            if os.path.exists(reference):
                shutil.rmtree(reference)
            build(os.path.join(site, "Content"), reference)
            if digest(reference) == digest(output):
                break
            if time.monotonic() > deadline:
                raise AssertionError("the served folder never matched a full build")
            time.sleep(0.5)  # polling for the outcome, with a deadline
    finally:
        stop.set()
        server.terminate()
        server.wait(timeout=10)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=50)
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--load-seconds", type=int, default=30)
    arguments = parser.parse_args()
    work = tempfile.mkdtemp(prefix="sitegen-reliability-")
    try:
        crash_safety(work, arguments.kills, arguments.pages)
        full_disk(work)
        read_only(work)
        load(work, arguments.load_seconds)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    passed = sum(1 for _, ok in results if ok)
    print(f"{passed} passed, {len(results) - passed} failed")
    return 0 if passed == len(results) else 1


if __name__ == "__main__":
    sys.exit(main())
