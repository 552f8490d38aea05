#!/usr/bin/env python3
"""Faults a publishing tool must survive, tried for real.

    python3 Checks/reliability_checks.py [--kills 50] [--pages 2000] [--cache-kills 30] [--cache-pages 1500]
                                         [--patch-kills 10] [--patch-pages 1500] [--random-edits 8]
                                         [--load-seconds 30] [--sitegen PATH | --scratch-path DIR] [--only NAME] [--keep]

- SIGKILL at random moments of builds of a generated corpus: the output folder is always exactly the
  complete old site or the complete new one, and the next build removes what a killed build left.
- SIGKILL at random moments of small incremental builds (one or two articles, a title, a catalog file
  edited), with kills aimed also at the end, where the build cache is written: the next build, reading
  whatever cache the killed one left, produces exactly what a clean `--no-cache` build does, and leaves
  no temporary cache file of its own. Where each kill landed is counted; temporary cache files that
  killed builds left are reported (whether a later build removed them), as are two states made by hand:
  a half-written temporary cache file, and a cache file cut short (one note, then a full build).
- SIGKILL at random moments of cached rebuilds that change over a thousand files but fewer than they keep
  (the two newest articles deleted or restored, listings two to a page), aimed mostly between the renames that
  move the changed files into the output: right after each kill the output is the old site, the new one,
  or a mix with the patch journal beside it; the next build's start (checked with a build that then fails)
  finishes that journal into exactly the new site, and the build after equals a clean one.
- Random deletions, additions and template edits of that corpus, each built with the cache and compared
  byte for byte with a clean `--no-cache` build; how many patched the folder and how many swapped it.
- A nearly full file system (a small tmpfs) and a read-only one: the build fails with a clear message
  and the previous site stays byte for byte.
- `wrk` against `sitegen serve` while a script edits content every 100 ms: no failed request, no 5xx,
  memory flat, and the final pages equal a full build.

Needs root for the tmpfs mounts (CI runs as root; elsewhere those checks are skipped, and say so).
The sitegen tested is built from the current sources first (`swift build -c release --product sitegen`,
into --scratch-path, `.build` by default), or given with --sitegen and then refused when older than any
file under Sources/. It is copied into the work folder, so a rebuild during the run cannot change it.
Every build gets a `--cache-dir` inside its check's own work folder (or `--no-cache` for clean reference
builds); sitegen runs with the work folder as its working directory, and the run fails if a default
`.sitegen-cache` appears there. Ends with "N passed, N failed".
"""

import argparse
import contextlib
import functools
import hashlib
import json
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
SITEGEN = None  # the binary under test, set by main() (a frozen copy in the work folder)
WORK = None     # the run's work folder: every sitegen runs there, so a forgotten --cache-dir would show


def sitegen():
    if SITEGEN is None:
        raise RuntimeError("no sitegen binary chosen (main() builds or checks one)")
    return SITEGEN


def newest_source():
    """The newest modification time of Package.swift and every file under Sources/, and that file."""
    newest = (os.stat(os.path.join(ROOT, "Package.swift")).st_mtime, "Package.swift")
    for directory, _, files in os.walk(os.path.join(ROOT, "Sources")):
        for name in files:
            path = os.path.join(directory, name)
            newest = max(newest, (os.stat(path).st_mtime, os.path.relpath(path, ROOT)))
    return newest


def prepare_sitegen(given, scratch):
    """A sitegen built from the current sources: `given` if it is not older than them, else a fresh release build."""
    if given is None:
        completed = subprocess.run(["swift", "build", "-c", "release", "--product", "sitegen", "--scratch-path", scratch],
                                   cwd=ROOT, capture_output=True, text=True)
        if completed.returncode != 0:
            raise RuntimeError(f"swift build failed:\n{(completed.stdout + completed.stderr)[-3000:]}")
        given = os.path.join(scratch, "release", "sitegen")
    given = os.path.abspath(given)
    built = os.stat(given).st_mtime
    newest, name = newest_source()
    if built < newest:
        raise RuntimeError(f"{given} is older than {name}; build it again from the current sources")
    return given


def cache_files(folder):
    """The build caches and temporary cache files in a cache folder, by name."""
    if not os.path.isdir(folder):
        return [], []
    names = sorted(os.listdir(folder))
    return [n for n in names if n.endswith(".memo")], [n for n in names if ".tmp-" in n]


def check(name):
    def wrap(function):
        @functools.wraps(function)
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


def corpus(work, pages, seed, catalog=None):
    out = os.path.join(work, f"corpus-{seed}")
    subprocess.run([sys.executable, GEN_CORPUS, "--pages", str(pages), "--seed", str(seed), "--out", out,
                    *(["--catalog", catalog] if catalog else [])], check=True, capture_output=True)
    return os.path.join(out, "sitegen", "Content")


def build_command(content, output, cache, extra=(), templates=None):
    """`sitegen build` with `--cache-dir cache`, or `--no-cache` when cache is None (clean reference builds)."""
    caching = ["--no-cache"] if cache is None else ["--cache-dir", cache]
    return [sitegen(), "build", "--quiet", "--content", content, "--templates", templates or os.path.join(ROOT, "Templates"),
            "--output", output, *caching, *extra]


def build(content, output, cache, check_result=True, extra=(), templates=None):
    completed = subprocess.run(build_command(content, output, cache, extra, templates), capture_output=True, text=True, cwd=WORK)
    if check_result and completed.returncode != 0:
        raise AssertionError(completed.stderr[-2000:])
    return completed


def differences(found, expected, limit=8):
    """What differs between two folders: paths only in one, and paths whose bytes differ."""
    a, b = folder_files(found), folder_files(expected)
    missing = sorted(set(b) - set(a))
    extra = sorted(set(a) - set(b))
    changed = sorted(path for path in set(a) & set(b) if a[path] != b[path])
    return (f"{len(missing)} missing {missing[:limit]}, {len(extra)} extra {extra[:limit]}, "
            f"{len(changed)} with other bytes {changed[:limit]}")


@check("SIGKILL at random moments never leaves a mixed site")
def crash_safety(work, kills, pages):
    old, new = corpus(work, pages, 1), corpus(work, pages, 2)
    output = os.path.join(work, "Site")
    cache = os.path.join(work, "cache")
    reference = os.path.join(work, "reference")
    build(new, reference, None)
    new_site = digest(reference)
    expected = {new_site}
    shutil.rmtree(reference)
    started = time.monotonic()
    build(old, output, cache)
    duration = time.monotonic() - started
    expected.add(digest(output))
    rng = random.Random(20261127)
    for attempt in range(kills):
        content = new if attempt % 2 == 0 else old
        process = subprocess.Popen(build_command(content, output, cache), cwd=WORK,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0, duration * 1.1))  # a random moment of the build, not a synchronisation
        process.send_signal(signal.SIGKILL)
        process.wait()
        found = digest(output)
        if found not in expected:
            raise AssertionError(f"after kill {attempt + 1}, {output} is neither the old nor the new site")
    build(new, output, cache)
    if digest(output) != new_site:
        raise AssertionError("the build after the kills is not the new site")
    leftovers = [name for name in os.listdir(work) if ".sitegen-" in name]
    if leftovers:
        raise AssertionError(f"the next build left {leftovers}")
    _, temporary = cache_files(cache)
    print(f"     {kills} kills over builds of {pages} articles ({duration:.1f} s each)"
          + (f"; temporary cache files left in the cache folder: {temporary}" if temporary else ""))


WORDS = ["caches", "fingerprints", "renames", "staging folders", "memos", "front matter", "tag pages", "feeds"]


def retitle(text, count):
    """The article with ` (edit N)` at the end of its front-matter title (replacing an earlier one)."""
    end = text.index("\n---", 3)
    front, rest = text[:end], text[end:]
    match = re.search(r"^title: (.*)$", front, re.MULTILINE)
    value = match.group(1).strip()
    if value.startswith('"'):
        value = json.loads(value)
    elif value.startswith("'"):
        value = value[1:-1].replace("''", "'")
    value = re.sub(r" \(edit [^)]*\)$", "", value) + f" (edit {count})"
    return front[:match.start()] + "title: " + json.dumps(value) + front[match.end():] + rest


def small_edit(content, rng, count):
    """Appends a sentence to one or two random articles' bodies; sometimes retitles one, sometimes edits the catalog."""
    folder = os.path.join(content, "articles")
    articles = sorted(name for name in os.listdir(folder) if name.endswith(".md"))
    made = []
    for name in rng.sample(articles, rng.choice((1, 2))):
        path = os.path.join(folder, name)
        with open(path, encoding="utf-8") as file:
            text = file.read()
        if rng.random() < 0.25:
            text = retitle(text, count)
            made.append(f"title of {name}")
        text += f"\nEdit {count} adds a sentence about {rng.choice(WORDS)}.\n"
        with open(path, "w", encoding="utf-8") as file:
            file.write(text)
        made.append(f"body of {name}")
    meshes = os.path.join(content, "catalog", "meshes")
    if os.path.isdir(meshes) and rng.random() < 0.2:
        name = rng.choice(sorted(os.listdir(meshes)))
        path = os.path.join(meshes, name)
        with open(path, encoding="utf-8") as file:
            text = file.read()
        levels = ["low", "medium", "high"]
        text, changed = re.subn(r"^(  learning-curve: )(low|medium|high)$",
                                lambda m: m.group(1) + levels[(levels.index(m.group(2)) + 1) % 3], text, count=1, flags=re.MULTILINE)
        if changed:
            with open(path, "w", encoding="utf-8") as file:
                file.write(text)
            made.append(f"catalog/meshes/{name}")
    return ", ".join(made)


def cache_state(cache):
    """The cache file's identity (name, inode, mtime, size), or None when there is none."""
    memos, _ = cache_files(cache)
    try:
        info = os.stat(os.path.join(cache, memos[0]))
    except (IndexError, FileNotFoundError):  # none, or unlinked since the listing
        return None
    return (memos[0], info.st_ino, info.st_mtime_ns, info.st_size)


def timed_build(command, cache):
    """Runs a build to completion; returns it (with its pid) and its timing: its duration, and when (seconds after
    the start) the old cache file was first seen gone and the new one first seen in place, polling every millisecond.
    A measurement for aiming kills, nothing more: the temporary cache file lives only while its bytes are written,
    often under a millisecond, too short to see this way."""
    before = cache_state(cache)
    events = {}
    stop = threading.Event()
    started = time.monotonic()

    def watch():
        while not stop.is_set():
            now, state = time.monotonic() - started, cache_state(cache)
            if "unlinked" not in events and state is None:
                events["unlinked"] = now
            if "unlinked" in events and "saved" not in events and state is not None and state != before:
                events["saved"] = now
            time.sleep(0.001)
    watcher = threading.Thread(target=watch)
    watcher.start()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=WORK)
    stdout, stderr = process.communicate()
    duration = time.monotonic() - started
    stop.set()
    watcher.join()
    completed = subprocess.CompletedProcess(command, process.returncode, stdout, stderr)
    completed.pid = process.pid
    return completed, (duration, events.get("unlinked"), events.get("saved"))


KILL_PHASES = [
    "the build had already finished",
    "before the output changed (cache untouched)",
    "after the cache was unlinked, before the output changed",
    "while changed files were being renamed into the output (old and new files mixed, the patch journal beside them)",
    "after the output was complete, before the cache write began",
    "during the cache write (temporary cache file present)",
    "after the new cache was renamed into place",
]


@check("SIGKILL while the cache is being written, then a build: the output equals a clean --no-cache build")
def cache_kill_safety(work, kills, pages):
    content = corpus(work, pages, 4, catalog=os.path.join(ROOT, "Content", "catalog"))
    output = os.path.join(work, "Site")
    cache = os.path.join(work, "cache")
    reference = os.path.join(work, "reference")
    rng = random.Random(20261128)
    measured = []
    notes = {}

    def clean_reference():
        shutil.rmtree(reference, ignore_errors=True)
        build(content, reference, None)
        return digest(reference)

    def cached_build(what):
        """A build with the cache, to completion; its notes are counted, and any failure ends the check."""
        completed, timing = timed_build(build_command(content, output, cache), cache)
        if completed.returncode != 0:
            raise AssertionError(f"{what}: the build failed: {completed.stderr[-2000:]}")
        for line in completed.stderr.splitlines():
            if line.startswith("sitegen: note:"):
                key = line.replace(cache, "CACHE")
                notes[key] = notes.get(key, 0) + 1
        return completed, timing

    def measure(label):
        """An edit and a cached build of it, timed: a fresh estimate of the next killed build, under the load of now."""
        small_edit(content, rng, label)
        _, timing = cached_build(f"measuring build {label}")
        measured.append(timing)
        recent = measured[-3:]
        duration = sorted(m[0] for m in recent)[len(recent) // 2]
        unlinked = sorted(m[1] if m[1] is not None else 0.7 * duration for m in recent)[len(recent) // 2]
        saved = sorted(m[2] if m[2] is not None else duration for m in recent)[len(recent) // 2]
        return duration, unlinked, saved

    cached_build("first build")
    if digest(output) != clean_reference():
        raise AssertionError(f"the first build with a cache differs from a --no-cache build: {differences(output, reference)}")
    for count in range(2):
        measure(f"m{count}")
    duration, unlinked, saved = measure("m2")
    if digest(output) != clean_reference():
        raise AssertionError(f"an incremental build differs from a --no-cache build: {differences(output, reference)}")
    print(f"     incremental build of {pages} articles: {duration:.3f} s; old cache unlinked at about {unlinked:.3f} s, "
          f"new cache in place at about {saved:.3f} s (medians of 3, measured again before every kill)")

    phases = {phase: 0 for phase in KILL_PHASES}
    violations, killed_temporaries, cleaned, strays, aims = [], {}, 0, [], {}
    for attempt in range(kills):
        duration, unlinked, saved = measure(f"m{attempt + 3}")
        old = digest(output)
        edit = small_edit(content, rng, attempt)
        before, temporary_before = cache_state(cache), set(cache_files(cache)[1])
        aim, signal_after = rng.random(), None
        if aim < 0.3:
            way, delay = "anywhere", rng.uniform(0, 1.1 * duration)
        elif aim < 0.6:
            way, delay = "near the end", rng.uniform(max(0, unlinked - 0.1 * duration), 1.1 * duration)
        elif aim < 0.8:
            # Random kills seldom land in the tens of milliseconds between the unlink and the new cache: a random
            # delay from when the unlink is seen.
            way, delay, signal_after = "after the unlink", rng.uniform(0, saved - unlinked + 0.005), "unlinked"
        else:
            # The temporary file exists for about a millisecond: kill as soon as one is seen.
            way, delay, signal_after = "on the temporary file", 0, "temporary"
        aims[way] = aims.get(way, 0) + 1
        process = subprocess.Popen(build_command(content, output, cache), cwd=WORK,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        started = time.monotonic()
        if signal_after:
            while process.poll() is None and time.monotonic() - started < 3 * duration + 1:
                if (cache_state(cache) is None) if signal_after == "unlinked" else (set(cache_files(cache)[1]) - temporary_before):
                    break
                time.sleep(0.0002)
        time.sleep(delay)  # a random moment of the build (or of its end), not a synchronisation
        process.send_signal(signal.SIGKILL)
        returncode = process.wait()
        after, found = cache_state(cache), digest(output)
        temporary_now = set(cache_files(cache)[1]) - temporary_before
        killed_temporaries.update((name, attempt + 1) for name in temporary_now)
        new = clean_reference()  # after the kill, so the killed build runs in the same conditions as the measured one
        if returncode == 0:
            phase = KILL_PHASES[0]
        elif after == before:
            phase = KILL_PHASES[1]
            if found != old:
                violations.append(f"kill {attempt + 1}: the output changed while the old cache file was still in place")
        elif after is not None:
            phase = KILL_PHASES[6]
        elif temporary_now:
            phase = KILL_PHASES[5]
        elif found == old:
            phase = KILL_PHASES[2]
        elif found == new:
            phase = KILL_PHASES[4]
        else:
            phase = KILL_PHASES[3]
            if not os.path.exists(os.path.join(work, ".Site.sitegen-patch")):
                violations.append(f"kill {attempt + 1}: the output is a mix of old and new files without the patch journal")
        phases[phase] += 1

        what = f"after kill {attempt + 1} (aimed {way}, {delay:.3f} s; landed {phase}; edit: {edit})"
        completed, _ = cached_build(what)
        if digest(output) != new:
            raise AssertionError(f"{what}, the next build's output differs from a clean --no-cache build: "
                                 f"{differences(output, reference)}")
        staging = [name for name in os.listdir(work) if ".sitegen-" in name]
        if staging:
            raise AssertionError(f"{what}, the next build left {staging} beside the output")
        temporary_left = set(cache_files(cache)[1])
        cleaned += len(temporary_now - temporary_left)
        strays += sorted(temporary_left - set(killed_temporaries))  # e.g. the completing build's own, `.tmp-{completed.pid}`

    # What a kill in the middle of the cache write leaves, made exactly, since random kills rarely land in the
    # millisecond the temporary file exists: the new output complete, the old cache gone, half a cache under a
    # dead process's name. Then a cache file cut short under its own name (a foreign or damaged cache).
    made = {}
    for case in ("half-written temporary file", "cache file cut short"):
        edit = small_edit(content, rng, f"p{len(made)}")
        cached_build(f"before the {case}")
        memo = os.path.join(cache, cache_state(cache)[0])
        with open(memo, "rb") as file:
            data = file.read()
        if case == "half-written temporary file":
            dead = subprocess.Popen(["true"])
            dead.wait()
            temporary = f"{memo}.tmp-{dead.pid}"
            with open(temporary, "wb") as file:
                file.write(data[:len(data) // 2])
            os.unlink(memo)
        else:
            with open(memo, "wb") as file:
                file.write(data[:len(data) // 2])
        notes_before = sum(notes.values())
        edit = small_edit(content, rng, f"q{len(made)}")
        new = clean_reference()
        cached_build(f"after a {case}")
        if digest(output) != new:
            raise AssertionError(f"after a {case} (edit: {edit}), the build's output differs from a clean --no-cache build: "
                                 f"{differences(output, reference)}")
        made[case] = (sum(notes.values()) - notes_before, cache_files(cache)[1])
        if case == "cache file cut short" and made[case][0] != 1:
            violations.append(f"a build after a {case} printed {made[case][0]} notes, not one")

    print(f"     {kills} kills of incremental builds, aimed " + ", ".join(f"{n} {way}" for way, n in sorted(aims.items()))
          + "; where they landed:")
    for phase in KILL_PHASES:
        print(f"       {phases[phase]:3d}  {phase}")
    print(f"     kills while the old cache was gone and the new one not yet in place: {sum(phases[p] for p in KILL_PHASES[2:6])} "
          f"(with a temporary cache file being written: {phases[KILL_PHASES[5]]}); earlier, cache untouched: "
          f"{phases[KILL_PHASES[1]]}; later, new cache in place or build finished: {phases[KILL_PHASES[0]] + phases[KILL_PHASES[6]]}")
    print(f"     after every kill the next build equalled a clean --no-cache build")
    still = sorted(kill for name, kill in killed_temporaries.items() if name in cache_files(cache)[1])
    print(f"     temporary cache files left by killed builds: {len(killed_temporaries)}; removed by the next build: {cleaned}"
          + (f"; the ones left by kills {still} were read and removed by no later build"
             if still else ""))
    for case, (count, temporaries) in made.items():
        print(f"     made by hand, a {case}: the next build equalled a clean build, printed {count} note(s); "
              f"temporary cache files in the cache folder after it: {len(temporaries)}")
    print("     notes printed by completed builds: " + (", ".join(f"{n} x {note!r}" for note, n in notes.items()) or "none"))
    leftover = sorted(set(cache_files(cache)[1]))
    if leftover:
        sizes = sum(os.path.getsize(os.path.join(cache, name)) for name in leftover)
        print(f"     left in the cache folder at the end, never removed by any later build: {len(leftover)} temporary cache "
              f"files, {sizes} bytes (the cache file itself: {cache_state(cache)[3]} bytes)")
        violations.append(f"temporary cache files killed builds left were not removed by the builds after them: {leftover}")
    if strays:
        violations.append(f"completed builds left temporary cache files of their own: {strays}")
    if violations:
        raise AssertionError("; ".join(violations))


def listing_corpus(work, pages, seed):
    """A generated corpus listed two articles to a page, with its own copy of the templates (to edit): one article
    more or less at the top shifts every listing page after it, over a thousand files at 1,500 articles."""
    content = corpus(work, pages, seed)
    with open(os.path.join(content, "site.yaml"), "a", encoding="utf-8") as file:
        file.write("options:\n  page_size: 2\n")
    templates = os.path.join(work, "templates")
    shutil.copytree(os.path.join(ROOT, "Templates"), templates)
    return content, templates


def article_facts(content):
    """Each article file's name → (date, slug), and the slugs other articles link to or list as related (deleting
    one of those would break a link, an error)."""
    folder = os.path.join(content, "articles")
    facts, referenced = {}, set()
    for name in sorted(os.listdir(folder)):
        with open(os.path.join(folder, name), encoding="utf-8") as file:
            text = file.read()
        date = re.search(r"^date: (\S+)$", text, re.MULTILINE)
        slug = re.search(r"^url_slug: (\S+)$", text, re.MULTILINE)
        facts[name] = (date.group(1) if date else "", slug.group(1) if slug else name[:-3])
        referenced.update(re.findall(r"\]\(/([^/)#?]+)/?[#)]", text))
        related = re.search(r"^related:(.*(?:\n  - .*)*)", text, re.MULTILINE)
        if related:
            referenced.update(item.strip(" -[]\"'") for item in re.split(r"[,\n]", related.group(1)) if item.strip(" -[]\"'"))
    return facts, referenced


def deletable(content):
    """The article files no other article links to, newest first."""
    facts, referenced = article_facts(content)
    return [name for name, (date, slug) in sorted(facts.items(), key=lambda item: item[1][0], reverse=True) if slug not in referenced]


def newest_articles(content, count):
    """The `count` newest articles no other links to, and the place of the last by date: deleting them shifts every
    listing page they were above."""
    facts, _ = article_facts(content)
    names = deletable(content)[:count]
    position = sorted((date for date, _ in facts.values()), reverse=True).index(facts[names[-1]][0])
    return [os.path.join(content, "articles", name) for name in names], position


def folder_files(folder):
    """Path → sha256 of every file below folder."""
    listing = {}
    for directory, _, names in os.walk(folder):
        for name in names:
            path = os.path.join(directory, name)
            with open(path, "rb") as file:
                listing[os.path.relpath(path, folder)] = hashlib.sha256(file.read()).hexdigest()
    return listing


def changed_files(a, b):
    """How many paths two folders differ in: new, gone, or with other bytes."""
    x, y = folder_files(a), folder_files(b)
    return sum(1 for path in set(x) | set(y) if x.get(path) != y.get(path))


def inode(path):
    return os.stat(path).st_ino


PATCH_PHASES = [
    "the build had already finished",
    "before the output changed (the old site)",
    "after the new site was complete (the new site)",
    "between two renames (old and new files mixed, the journal present)",
]


@check("SIGKILL while a rebuild moves over 1,000 changed files into the output: old site, new site, or a journal the next build finishes")
def patch_kill_safety(work, kills, pages):
    content, templates = listing_corpus(work, pages, 5)
    output, cache = os.path.join(work, "Site"), os.path.join(work, "cache")
    journal, staging_prefix = os.path.join(work, ".Site.sitegen-patch"), ".Site.sitegen-staging-"
    newest, position = newest_articles(content, 2)
    texts = {}
    for path in newest:
        with open(path, encoding="utf-8") as file:
            texts[path] = file.read()
    broken = os.path.join(content, "articles", "zz-broken.md")

    def with_newest(present):
        for path, text in texts.items():
            if present:
                with open(path, "w", encoding="utf-8") as file:
                    file.write(text)
            elif os.path.exists(path):
                os.unlink(path)

    # The two sites a build alternates between: with the newest article, and without it.
    sites = {}
    for present in (True, False):
        with_newest(present)
        reference = os.path.join(work, f"reference-{present}")
        build(content, reference, None, templates=templates)
        sites[present] = digest(reference)
    changed = changed_files(os.path.join(work, "reference-True"), os.path.join(work, "reference-False"))
    total = len(folder_files(os.path.join(work, "reference-True")))
    if changed <= 1000:
        raise AssertionError(f"deleting the two newest articles changes only {changed} files of {total}; the check needs over 1,000")

    command = lambda: build_command(content, output, cache, templates=templates)  # noqa: E731
    with_newest(True)
    build(content, output, cache, templates=templates)
    if digest(output) != sites[True]:
        raise AssertionError(f"the first build differs from a clean build: {differences(output, os.path.join(work, 'reference-True'))}")

    def timed(present):
        """A cached build to completion, polled every 0.2 ms: its duration, when the staging folder and the journal
        were first seen, and when the journal went (for aiming kills)."""
        with_newest(present)
        folder_before = inode(output)
        events, stop = {}, threading.Event()
        started = time.monotonic()

        def watch():
            while not stop.is_set():
                now = time.monotonic() - started
                names = os.listdir(work)
                if "staging" not in events and any(n.startswith(staging_prefix) for n in names):
                    events["staging"] = now
                if ".Site.sitegen-patch" in names:
                    events.setdefault("journal", now)
                elif "journal" in events:
                    events.setdefault("journal gone", now)
                time.sleep(0.0002)
        watcher = threading.Thread(target=watch)
        watcher.start()
        completed = subprocess.run(command(), capture_output=True, text=True, cwd=WORK)
        duration = time.monotonic() - started
        stop.set()
        watcher.join()
        if completed.returncode != 0:
            raise AssertionError(f"a cached build failed: {completed.stderr[-2000:]}")
        if digest(output) != sites[present]:
            raise AssertionError("a cached build differs from a clean build")
        return duration, events, inode(output) == folder_before

    timings = [timed(present) for present in (False, True, False, True)]
    duration = sorted(t[0] for t in timings)[2]
    patched = sum(1 for t in timings if t[2])
    journal_seen = [t[1]["journal"] for t in timings if "journal" in t[1]]
    windows = [t[1]["journal gone"] - t[1]["journal"] for t in timings if "journal gone" in t[1]]
    staging_seen = [t[1]["staging"] for t in timings if "staging" in t[1]]
    at_journal = sorted(journal_seen)[len(journal_seen) // 2] if journal_seen else 0.8 * duration
    window = max(sorted(windows)[len(windows) // 2] if windows else 0.02, 0.002)
    at_staging = sorted(staging_seen)[len(staging_seen) // 2] if staging_seen else 0.5 * duration
    print(f"     {pages} articles, two to a listing page: deleting or restoring the two newest that no other links to "
          f"(down to number {position + 1} by date) changes {changed} of {total} files; "
          f"a cached build of that takes {duration:.2f} s and patched the folder in place {patched} of {len(timings)} times; "
          f"staging folder seen at {at_staging:.3f} s, journal at {at_journal:.3f} s, renames for {window * 1000:.1f} ms")
    if patched != len(timings):
        raise AssertionError("a rebuild changing fewer files than it keeps swapped the whole folder instead of patching it")

    rng = random.Random(20261208)
    present, phases, aims, recovered, violations = True, {phase: 0 for phase in PATCH_PHASES}, {}, 0, []
    for attempt in range(kills):
        old, new = sites[present], sites[not present]
        present = not present
        with_newest(present)
        aim = rng.random()
        if aim < 0.3:
            way, wait_for, delay = "anywhere", None, rng.uniform(0, 1.1 * duration)
        elif aim < 0.8:
            way, wait_for, delay = "between renames (after the journal is seen)", journal, rng.uniform(0, 1.2 * window)
        else:
            way, wait_for, delay = "while the staging folder is written", "staging", rng.uniform(0, max(0.001, at_journal - at_staging))
        aims[way] = aims.get(way, 0) + 1
        process = subprocess.Popen(command(), cwd=WORK, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        started = time.monotonic()
        if wait_for:
            while process.poll() is None and time.monotonic() - started < 3 * duration + 1:
                if os.path.exists(journal) if wait_for == journal else any(n.startswith(staging_prefix) for n in os.listdir(work)):
                    break
                time.sleep(0.0001)
        time.sleep(delay)  # a random moment of the build (or of its write), not a synchronisation
        process.send_signal(signal.SIGKILL)
        returncode = process.wait()
        found, journaled = digest(output), os.path.exists(journal)
        what = f"kill {attempt + 1} (aimed {way}, {delay * 1000:.1f} ms)"
        if returncode == 0:
            phase = PATCH_PHASES[0]
        elif found == old and not journaled:
            phase = PATCH_PHASES[1]
        elif found == new and not journaled:
            phase = PATCH_PHASES[2]
        elif journaled:
            phase = PATCH_PHASES[3]
        else:
            violations.append(f"{what}: the output is a mix of the two sites and no journal says how to finish it")
            phase = None
        if phase:
            phases[phase] += 1
        # The next build starts with the journal: a build that then fails (an article with no front matter) has
        # already made the output whole, before reading it, and changes nothing else.
        with open(broken, "w", encoding="utf-8") as file:
            file.write("")
        failed = subprocess.run(command(), capture_output=True, text=True, cwd=WORK)
        os.unlink(broken)
        after = digest(output)
        if failed.returncode == 0:
            violations.append(f"{what}: a build with an empty article succeeded")
        if os.path.exists(journal):
            violations.append(f"{what}: the next build's start left the journal")
        if journaled:
            recovered += 1
            if after != new:
                violations.append(f"{what}: the next build's start did not finish the journal's patch into the new site")
        elif after != found:
            violations.append(f"{what}: a failed build changed the output")
        completed = subprocess.run(command(), capture_output=True, text=True, cwd=WORK)
        if completed.returncode != 0:
            raise AssertionError(f"after {what}, the build failed: {completed.stderr[-2000:]}")
        if digest(output) != new:
            raise AssertionError(f"after {what}, the build's output differs from a clean --no-cache build")
        leftovers = [name for name in os.listdir(work) if name.startswith(".Site.sitegen-")]
        if leftovers:
            violations.append(f"after {what}, the build left {leftovers} beside the output")

    print(f"     {kills} kills, aimed " + ", ".join(f"{n} {way}" for way, n in sorted(aims.items())) + "; where they landed:")
    for phase in PATCH_PHASES:
        print(f"       {phases[phase]:3d}  {phase}")
    print(f"     mixed without a journal: {kills - sum(phases.values())}; journals finished by the next build's start: {recovered}, "
          f"each into exactly the new site; every build after a kill equalled a clean --no-cache build")
    if violations:
        raise AssertionError("; ".join(violations))


@check("random deletions, additions and template edits, each built with the cache, equal clean --no-cache builds")
def random_edit_equivalence(work, edits, pages):
    content, templates = listing_corpus(work, pages, 6)
    output, cache, reference = os.path.join(work, "Site"), os.path.join(work, "cache"), os.path.join(work, "reference")
    folder = os.path.join(content, "articles")
    rng = random.Random(20261209)
    anchors = {"layout.mustache": "</main>", "article.mustache": "<h1>{{article.title}}</h1>", "tag.mustache": "<h1>{{page.heading}}</h1>"}

    def delete():
        names = deletable(content)
        gone = rng.sample(names, rng.choice((1, 1, 2, 3)))
        if rng.random() < 0.5:
            gone[0] = names[0]
        for name in set(gone):
            os.unlink(os.path.join(folder, name))
        return f"deleted {len(set(gone))}"

    def add(count):
        made = rng.choice((1, 2))
        for index in range(made):
            with open(os.path.join(folder, rng.choice(sorted(os.listdir(folder)))), encoding="utf-8") as file:
                text = file.read()
            slug = f"added-{count}-{index}"
            text = re.sub(r"^url_slug: .*$", f"url_slug: {slug}", text, count=1, flags=re.MULTILINE)
            text = retitle(text, f"added {count}.{index}")
            # Half of them newest of all, at the top of every listing.
            if rng.random() < 0.5:
                text = re.sub(r"^date: .*$", f"date: 2026-0{1 + index}-{10 + count % 18}", text, count=1, flags=re.MULTILINE)
            with open(os.path.join(folder, f"{slug}.md"), "w", encoding="utf-8") as file:
                file.write(text)
        return f"added {made}"

    def template(count):
        name = rng.choice(sorted(anchors))
        path = os.path.join(templates, name)
        with open(path, encoding="utf-8") as file:
            text = re.sub(r"<!-- edit \S+ -->", "", file.read())
        with open(path, "w", encoding="utf-8") as file:
            file.write(text.replace(anchors[name], anchors[name] + f"<!-- edit {count} -->", 1))
        return f"edited {name}"

    build(content, output, cache, templates=templates)
    kinds, outcomes = {}, []
    for count in range(edits):
        kind = rng.choice(("delete", "add", "template", "delete and add"))
        edit = {"delete": delete, "add": lambda: add(count), "template": lambda: template(count),
                "delete and add": lambda: delete() + ", " + add(count)}[kind]()
        kinds[kind] = kinds.get(kind, 0) + 1
        before, folder_before = folder_files(output), inode(output)
        build(content, output, cache, templates=templates)
        shutil.rmtree(reference, ignore_errors=True)
        build(content, reference, None, templates=templates)
        after = folder_files(output)
        if after != folder_files(reference):
            raise AssertionError(f"edit {count + 1} ({edit}): the cached build differs from a clean --no-cache build: "
                                 f"{differences(output, reference)}")
        changed = sum(1 for path in set(before) | set(after) if before.get(path) != after.get(path))
        outcomes.append(f"{edit}: {changed} of {len(after)} files, " + ("patched" if inode(output) == folder_before else "swapped"))
    print(f"     {edits} edits of a corpus of {pages} articles (" + ", ".join(f"{n} {k}" for k, n in sorted(kinds.items()))
          + "), each equal to a clean --no-cache build:")
    for outcome in outcomes:
        print(f"       {outcome}")


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
        cache = os.path.join(work, "cache")  # on the work folder's disk: the full one holds only the site
        build(os.path.join(ROOT, "Content"), output, cache)
        before = digest(output)
        big = corpus(work, 1500, 3)
        completed = build(big, output, cache, check_result=False)
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
        cache = os.path.join(work, "cache")
        build(os.path.join(ROOT, "Content"), output, cache)
        before = digest(output)
        subprocess.run(["mount", "-o", "remount,ro", disk], check=True)
        # Different output (another base URL), so the build has to write: an unchanged site writes nothing.
        completed = build(os.path.join(ROOT, "Content"), output, cache, check_result=False, extra=("--base-url", "https://other.example/"))
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
                               "--templates", os.path.join(site, "Templates"), "--output", output,
                               "--cache-dir", os.path.join(work, "cache")],
                              stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, cwd=WORK)
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
            build(os.path.join(site, "Content"), reference, None)  # a clean full build, sharing nothing with the server
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
    global SITEGEN, WORK
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=50, help="SIGKILLs of whole builds (crash_safety)")
    parser.add_argument("--pages", type=int, default=2000, help="articles in crash_safety's corpora")
    parser.add_argument("--cache-kills", type=int, default=30, help="SIGKILLs of incremental builds (cache_kill_safety)")
    parser.add_argument("--cache-pages", type=int, default=1500, help="articles in cache_kill_safety's corpus")
    parser.add_argument("--patch-kills", type=int, default=10, help="SIGKILLs of rebuilds patching over 1,000 files (patch_kill_safety)")
    parser.add_argument("--patch-pages", type=int, default=1500,
                        help="articles in patch_kill_safety's and random_edit_equivalence's corpora")
    parser.add_argument("--random-edits", type=int, default=8, help="random edits in random_edit_equivalence")
    parser.add_argument("--only", help="run only the checks whose function names contain this (e.g. patch)")
    parser.add_argument("--load-seconds", type=int, default=30)
    parser.add_argument("--sitegen", help="the sitegen binary to test (refused when older than the sources)")
    parser.add_argument("--scratch-path", default=os.path.join(ROOT, ".build"),
                        help="where to build sitegen when --sitegen is not given (default .build)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder, to look at what a failed check left")
    arguments = parser.parse_args()
    binary = prepare_sitegen(arguments.sitegen, arguments.scratch_path)
    WORK = tempfile.mkdtemp(prefix="sitegen-reliability-")
    # A copy, so a rebuild of the binary during the run cannot change what is tested.
    SITEGEN = os.path.join(WORK, "sitegen")
    shutil.copy2(binary, SITEGEN)
    print(f"sitegen: {binary} (not older than any source file); work folder {WORK}", flush=True)

    def folder(name):
        path = os.path.join(WORK, name)
        os.makedirs(path)
        return path
    try:
        checks = [
            (crash_safety, "crash", arguments.kills, arguments.pages),
            (cache_kill_safety, "cache-kills", arguments.cache_kills, arguments.cache_pages),
            (patch_kill_safety, "patch-kills", arguments.patch_kills, arguments.patch_pages),
            (random_edit_equivalence, "random-edits", arguments.random_edits, arguments.patch_pages),
            (full_disk, "full-disk"),
            (read_only, "read-only"),
            (load, "load", arguments.load_seconds),
        ]
        for function, name, *values in checks:
            if arguments.only is None or arguments.only in function.__name__:
                function(folder(name), *values)
        if os.path.exists(os.path.join(WORK, ".sitegen-cache")):
            results.append(("every build names its cache folder", False))
            print("FAIL every build names its cache folder: a sitegen run used the default .sitegen-cache", flush=True)
    finally:
        if arguments.keep:
            print(f"kept {WORK}")
        else:
            shutil.rmtree(WORK, ignore_errors=True)
    passed = sum(1 for _, ok in results if ok)
    print(f"{passed} passed, {len(results) - passed} failed")
    return 0 if passed == len(results) else 1


if __name__ == "__main__":
    sys.exit(main())
