#!/usr/bin/env python3
"""Write a synthetic corpus of technical articles, twice: once for sitegen, once for Hugo.

    Benchmarks/gen_corpus.py --pages N --seed S --out DIR [--catalog CATALOG_DIR [--collections 2 [--templates T]]]

Layouts written:

    DIR/sitegen/Content/site.yaml           title, base_url, author
    DIR/sitegen/Content/articles/<slug>.md  front matter (title, meta_description, url_slug,
                                            primary_keyword, secondary_keywords, author, date,
                                            tags, related) and a Markdown body
    DIR/sitegen/Content/catalog/            only with --catalog: a copy of CATALOG_DIR, every collection
                                            folder (<id>/_collection.yaml and its entries), or the older
                                            layout (features.yaml and meshes/) as it is
    DIR/sitegen/Templates/                  only with --collections 2: a copy of T (default: the
                                            repository's Templates/) with the fixture's four
                                            ingress-*.mustache added; build with --templates this folder
    DIR/hugo/                               a minimal Hugo site: the same articles at the same
                                            URLs (/<slug>/), tag pages, RSS, sitemap and a
                                            "Related reading" block (layouts/partials/related.html;
                                            empty that file to measure Hugo without it)

Shape of an article (so figures stay comparable with earlier runs of the benchmark): a Markdown body
of 2 to 6 KiB (most between 3 and 6 KiB), an introduction, 3 to 6 `##` sections of which 1 to 3 have a
`###` subsection, 2 or 3 lists (bulleted or numbered), 1 or 2 fenced code blocks (YAML or Bash), a
block quote in about a third of the articles, inline code, emphasis and strong text, and 1 to 4 inline
links to other articles of the corpus (`/<slug>/`, so every link resolves in both layouts). Each
article has 1 to 4 tags drawn uniformly from 40, and 0 to 3 `related` slugs.

With --catalog, about one article in ten ends with a catalog directive (```comparison```,
```resources```, ```mesh-summary <id>``` or ```diagram <id>```), drawn from a second random stream so
that everything else -- including the Hugo layout -- is byte for byte what it is without --catalog. The
first collection (in folder-name order) keeps that stream whatever the layout, so a corpus of one collection
has the same articles as one made from the older layout.

--collections 2 adds a second collection, the ingress controllers of the two-collection test site
(Tests/SitegenKitTests/Fixtures/TwoCollections/: its catalog folder and its four templates), and about
one article in ten (another stream) also ends with one of its directives: ```comparison```,
```resources```, ```decision```, ```summary ingress/<id>``` or ```diagram ingress/<id>```. With two
collections every directive names its collection (`collection: <id>`, or `<collection>/<id>`), as
sitegen requires. A catalog that already declares several collections gets directives for each.

The output depends only on N and S: every random choice comes from random.Random seeded with S, lists
are iterated in a fixed order, and nothing reads the clock or the environment. Standard library only.
Prints one line of statistics (pages, body bytes, smallest, median and largest body).
"""

import argparse
import datetime
import glob
import os
import re
import random
import shutil
import sys

# ----------------------------------------------------------------------------------------------------
# Corpus-wide settings
# ----------------------------------------------------------------------------------------------------

REPOSITORY = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# The second collection of --collections 2: the two-collection test site's ingress controllers.
SECOND_COLLECTION = os.path.join(REPOSITORY, "Tests", "SitegenKitTests", "Fixtures", "TwoCollections")
SECOND_COLLECTION_ID = "ingress"
DECLARATION = "_collection.yaml"

SITE_TITLE = "Notes from the Build Room"
SITE_AUTHOR = "The Build Room Editors"
BASE_URL = "https://example.org/"

# Bodies outside these bounds are drawn again (from the same stream, so still deterministic).
MIN_BODY_BYTES = 2048
MAX_BODY_BYTES = 6144
# Each body aims at a length drawn from this range; padding stops before SOFT_CEILING.
TARGET_RANGE = (2200, 5700)
SOFT_CEILING = 5850
FIRST_DAY = datetime.date(2018, 1, 1)
LAST_DAY = datetime.date(2025, 12, 31)

# ----------------------------------------------------------------------------------------------------
# Vocabulary. Placeholders: {topic} {tool} {Tool} {verb} {metric} {quality}
# ----------------------------------------------------------------------------------------------------

WRITERS = [
    "Aino Virtanen", "Babajide Adeyemi", "Camille Fournier", "Diego Alvarez",
    "Elif Yildiz", "Finn Gallagher", "Greta Sorensen", "Hiroshi Tanaka",
    "Isabel Costa", "Jakub Novak", "Keira Mbeki", "Lukas Hofmann",
]

TAG_POOL = [
    "builds", "caching", "templates", "markdown", "yaml", "json", "html", "css",
    "javascript", "typescript", "swift", "go", "rust", "python", "shell", "makefiles",
    "containers", "kubernetes", "terraform", "ci-cd", "github-actions", "deployments",
    "cdn", "dns", "tls", "http", "web-performance", "accessibility", "search", "seo",
    "feeds", "sitemaps", "logging", "metrics", "tracing", "incidents", "postgres",
    "testing", "code-review", "writing",
]

TOPICS = [
    "build caching", "partial rebuilds", "template rendering", "Markdown parsing",
    "front matter validation", "URL design", "permalink stability", "redirect handling",
    "tag archives", "RSS generation", "sitemap generation", "search indexing",
    "image resizing", "asset hashing", "CSS bundling", "dark mode styles",
    "table of contents", "heading anchors", "link validation", "draft previews",
    "content migration", "release automation", "preview deployments", "rollback plans",
    "cache headers", "CDN purges", "TLS automation", "DNS changes",
    "log shipping", "metrics dashboards", "trace sampling", "alert thresholds",
    "load testing", "smoke tests", "snapshot testing", "fuzz testing",
    "dependency updates", "lock files", "vendoring", "toolchain upgrades",
    "container builds", "multi-stage images", "job queues", "cron schedules",
    "database backups", "schema changes", "config templating", "secret rotation",
    "access logs", "uptime checks",
]

TOOLBOX = [
    "Swift", "Go", "Rust", "Python", "Node.js", "Nginx", "Caddy", "Apache",
    "GitHub Actions", "Buildkite", "Jenkins", "Podman", "Docker", "Kubernetes",
    "Terraform", "Prometheus", "Grafana", "PostgreSQL", "SQLite", "Bash",
]

READERS = [
    "two-person teams", "weekend maintainers", "infrastructure teams", "technical writers",
    "release managers", "volunteer projects", "documentation portals", "fast-growing teams",
]

TITLE_PATTERNS = [
    "Getting {topic} Right in {tool}",
    "A Close Look at {topic} with {tool}",
    "{Topic}: What {readers} Should Know",
    "{count} Mistakes We Made with {topic} in {tool}",
    "The Case for Simple {topic} for {readers}",
    "Notes on {topic} After a Year of {tool}",
    "Tracking Down Slow {topic} in {tool}",
    "{Topic} on a Budget: Advice for {readers}",
    "Rebuilding Our {topic} Around {tool}",
    "Moving {topic} from Scripts to {tool}",
]

H2_PATTERNS = [
    "Why {topic} deserves attention", "Preparing {tool}", "How we measured it",
    "Mistakes worth avoiding", "An example from our own site", "Costs and benefits",
    "Verifying the change", "Shipping it gradually", "Watching it in production",
    "Where we started", "What {tool} is good at", "Keeping {topic} tidy",
    "Scripts that save time", "Odd cases", "Speed and memory",
    "Before you merge", "The moving parts", "When to leave it alone",
]

H3_PATTERNS = [
    "The smallest working setup", "Choosing names", "What breaks first",
    "On a laptop", "On the build server", "First run and second run",
    "Reporting errors", "Hooks for monitoring", "Sensible defaults",
    "Growing the site", "Tidying up", "Threats to consider",
]

CODE_WORDS = [
    "swift build -c release", "git log --oneline", "Last-Modified", "immutable",
    "no-store", "site.yaml", "feed.xml", "sitemap.xml", "404.html", "If-None-Match",
    "--verbose", "make test", "podman build .", "kubectl get pods", "nginx -t",
    "ulimit -a", "rsync -av", "jq -r .name", "EXPLAIN ANALYZE", "Strict-Transport-Security",
    "noindex", "--keep-going", "set -o pipefail", "TZ=UTC", "LC_ALL=C", "go vet ./...",
    "python3 -m pytest", "cargo test", "dist/", "Content/", "stat -c %s", "sha1sum",
    "curl -sS", "hreflang", "rel=alternate",
]

VERBS = [
    "cuts", "hides", "reveals", "doubles", "halves", "removes", "adds", "shifts",
    "untangles", "bounds", "smooths out", "explains",
]

METRICS = [
    "build minutes", "review time", "pager alerts", "cache misses", "failed deploys",
    "bytes over the wire", "cold-start latency", "config files", "flaky runs",
    "dead links", "near-duplicate pages", "hand-run steps", "late regressions",
    "peak memory", "disk writes",
]

QUALITIES = [
    "dull", "predictable", "explicit", "tiny", "measurable", "inexpensive", "undoable",
    "repeatable", "quick", "well-covered", "gradual", "safe to rerun",
]

SENTENCE_PATTERNS = [
    "Once we looked closely, {topic} {verb} {metric} far more than the team had guessed.",
    "Before changing anything, confirm that {topic} really sits on the slow path.",
    "Our first step was to record {metric} for a week without touching a setting.",
    "A {quality} take on {topic} tends to outlast a clever one.",
    "{Tool} keeps this {quality}, as long as nobody quietly overrides its defaults.",
    "The biggest win was making {topic} {quality}, not making it faster.",
    "Do not tune {topic} until the problem shows up on your own machine.",
    "Each extra knob in {topic} is one more thing to explain during an outage.",
    "These figures come from one afternoon of runs, so read them as a rough sketch.",
    "When {metric} start to climb, check {topic} before you blame {tool}.",
    "Write down what a finished {topic} looks like before the first commit.",
    "Nothing here depends on {tool}; the same reasoning carries over to other stacks.",
    "The goal is to keep {topic} {quality} and let the tools carry the load.",
    "We found this out after a release that quietly doubled {metric}.",
    "A script checked into the repository is easier to trust than a page of notes.",
    "After the pipeline became {quality}, {metric} dropped off the weekly agenda.",
    "Out of the box, {tool} ships settings that suit most small sites.",
    "Watch {metric} closely; they are the first hint that {topic} has slipped.",
    "As a bonus, it also {verb} {metric} for everyone on the team.",
    "Debugging {topic} at three in the morning is miserable, so keep the logs readable.",
]

BULLET_PATTERNS = [
    "Keep {topic} {quality} and written down.",
    "Record {metric} before and after each change.",
    "Pin the exact version of {tool}.",
    "Treat the warnings you care about as errors.",
    "Keep settings in the same repository as the code.",
    "Offer one documented way to run {topic} locally.",
    "Plan the rollback before the rollout.",
    "Log enough to explain {metric} a week later.",
    "Remove settings that nobody has touched in a year.",
    "Revisit {topic} after every upgrade of {tool}.",
    "Automate the check as well as the fix.",
    "Put the slow path on a dashboard.",
]

STEP_PATTERNS = [
    "Start from a fresh clone of the repository.",
    "Build once so that every cache is warm.",
    "Change a single setting in {tool}.",
    "Build again and compare {metric} with the first run.",
    "Commit the setting together with the numbers.",
    "Try it on a preview deployment before production.",
    "Keep an eye on {metric} for a whole day.",
    "Leave a short note in the changelog.",
]

EPIGRAPHS = [
    "First make it correct, then make it clear, and only then make it fast.",
    "The fastest build step is the one that never runs.",
    "Do the painful thing often until it stops hurting.",
    "Naming, caching and off-by-one errors: the eternal trio.",
    "Check it twice, ship it once.",
    "Easy things should stay easy, and hard things should stay possible.",
]

LINK_PATTERNS = [
    "The earlier article [{title}](/{slug}/) has the details.",
    "Background is in [{title}](/{slug}/).",
    "This picks up where [{title}](/{slug}/) left off.",
    "For more depth, see [{title}](/{slug}/).",
    "Newcomers may want to read [{title}](/{slug}/) first.",
]

SMALL_WORDS = {"a", "an", "and", "after", "around", "for", "from", "in", "of", "on", "the", "to", "with"}
YAML_SAFE = re.compile(r"[A-Za-z][A-Za-z0-9 ._/'-]*")
YAML_WORDS = {"true", "false", "yes", "no", "on", "off", "null", "y", "n", "~"}

# ----------------------------------------------------------------------------------------------------
# Small helpers
# ----------------------------------------------------------------------------------------------------


def upper_first(text):
    return text[:1].upper() + text[1:]


def headline(text):
    """Title case: capitalise each word except short connecting words after the first."""
    words = []
    for position, word in enumerate(text.split(" ")):
        small = position > 0 and word.lower() in SMALL_WORDS
        words.append(word.lower() if small else upper_first(word))
    return " ".join(words)


def slug_of(text):
    text = text.lower().replace("'", "").replace(".", "")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def yaml_string(text):
    """A YAML scalar for text: plain when YAML would read it back as the same string, quoted otherwise."""
    if YAML_SAFE.fullmatch(text) and text.lower() not in YAML_WORDS and not text.endswith(" "):
        return text
    return '"%s"' % text.replace("\\", "\\\\").replace('"', '\\"')


def write_file(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)


def remove_markdown_files(folder):
    """Drop articles a previous run with more pages left behind, so DIR always holds exactly N."""
    if os.path.isdir(folder):
        for name in sorted(os.listdir(folder)):
            if name.endswith(".md"):
                os.remove(os.path.join(folder, name))


# ----------------------------------------------------------------------------------------------------
# Articles: metadata first (every body links to other articles by title and slug), then bodies
# ----------------------------------------------------------------------------------------------------


class Article:
    def __init__(self):
        self.slug = self.title = self.topic = self.tool = self.readers = ""
        self.description = self.keyword = self.author = ""
        self.keywords, self.tags, self.related = [], [], []
        self.date = FIRST_DAY
        self.body = ""
        self.directive = ""   # sitegen only: a catalog directive appended to the body


def draw_metadata(count, rng):
    articles = []
    taken = set()
    days = (LAST_DAY - FIRST_DAY).days
    for _ in range(count):
        article = Article()
        article.topic = rng.choice(TOPICS)
        article.tool = rng.choice(TOOLBOX)
        article.readers = rng.choice(READERS)
        pattern = rng.choice(TITLE_PATTERNS)
        title = headline(pattern.format(topic=article.topic, Topic=upper_first(article.topic),
                                        tool=article.tool, readers=article.readers,
                                        count=rng.randint(3, 12)))
        # Same title twice: make it a numbered part of a series, with its own slug.
        base, part = slug_of(title), 1
        slug = base
        while slug in taken:
            part += 1
            slug = "%s-%d" % (base, part)
        taken.add(slug)
        article.slug = slug
        article.title = title if part == 1 else "%s (Part %d)" % (title, part)
        article.keyword = article.topic.lower()
        others = [t.lower() for t in TOPICS if t != article.topic]
        article.keywords = rng.sample(others, rng.randint(2, 4))
        article.author = rng.choice(WRITERS)
        article.date = FIRST_DAY + datetime.timedelta(days=rng.randint(0, days))
        article.tags = rng.sample(TAG_POOL, rng.randint(1, 4))
        article.description = "%s in practice: why it %s %s, how to measure it, and a %s %s setup that %s can keep running." % (
            upper_first(article.topic), rng.choice(VERBS), rng.choice(METRICS),
            rng.choice(QUALITIES), article.tool, article.readers)
        articles.append(article)

    # Related: up to three draws of another article; a draw that hits itself or a repeat is dropped.
    for index, article in enumerate(articles):
        draws = rng.randint(0, min(3, count - 1)) if count > 1 else 0
        for _ in range(draws):
            other = articles[rng.randrange(count)]
            if other is not article and other.slug not in article.related:
                article.related.append(other.slug)
    return articles


class BodyWriter:
    """Writes one article's Markdown body from the shared random stream."""

    def __init__(self, rng, articles, index):
        self.rng = rng
        self.articles = articles
        self.index = index
        self.article = articles[index]
        # How many inline links this body may still place (at least one ends up in the body).
        self.links = rng.randint(1, 4) if len(articles) > 1 else 0

    # -- words ---------------------------------------------------------------------------------------

    def expand(self, pattern):
        """Fill a pattern, mostly with the article's own topic and tool, sometimes with any."""
        rng, article = self.rng, self.article
        topic = article.topic if rng.random() < 0.6 else rng.choice(TOPICS)
        tool = article.tool if rng.random() < 0.7 else rng.choice(TOOLBOX)
        return pattern.format(topic=topic, tool=tool, Tool=upper_first(article.tool),
                              verb=rng.choice(VERBS), metric=rng.choice(METRICS),
                              quality=rng.choice(QUALITIES))

    def another_article(self):
        pick = self.rng.randrange(len(self.articles) - 1)
        return self.articles[pick + 1 if pick >= self.index else pick]

    def link_sentence(self):
        other = self.another_article()
        return self.rng.choice(LINK_PATTERNS).format(title=other.title, slug=other.slug)

    def styled(self, sentence):
        """Give about four sentences in ten some inline markup: code, emphasis or a bold lead."""
        rng = self.rng
        roll = rng.random()
        stem, stop = sentence[:-1], sentence[-1]
        if roll < 0.12:
            return "%s; try `%s` first%s" % (stem, rng.choice(CODE_WORDS), stop)
        if roll < 0.20:
            return "*%s*%s" % (stem, stop)
        if roll < 0.27:
            return "**Tip:** " + sentence
        if roll < 0.34:
            words = sentence.split(" ")
            if len(words) > 4:
                at = rng.randrange(1, len(words) - 2)
                if words[at].isalpha():
                    words[at] = "*%s*" % words[at]
            return " ".join(words)
        if roll < 0.40:
            return "%s (see `%s`)%s" % (stem, rng.choice(CODE_WORDS), stop)
        return sentence

    # -- blocks --------------------------------------------------------------------------------------

    def paragraph(self, fewest=3, most=6):
        rng = self.rng
        sentences = [self.styled(self.expand(p))
                     for p in rng.sample(SENTENCE_PATTERNS, rng.randint(fewest, most))]
        if self.links and rng.random() < 0.45:
            sentences.insert(rng.randrange(len(sentences) + 1), self.link_sentence())
            self.links -= 1
        if rng.random() < 0.15:
            at = rng.randrange(len(sentences))
            sentences[at] = "**%s**" % sentences[at].replace("*", "")
        return " ".join(sentences)

    def bulleted_list(self):
        rng = self.rng
        items = []
        for pattern in rng.sample(BULLET_PATTERNS, rng.randint(3, 6)):
            item = self.expand(pattern)
            if rng.random() < 0.2:
                item = "%s (`%s`)." % (item[:-1], rng.choice(CODE_WORDS))
            items.append("- " + item)
        return "\n".join(items)

    def numbered_list(self):
        rng = self.rng
        steps = rng.sample(STEP_PATTERNS, rng.randint(3, 5))
        return "\n".join("%d. %s" % (n, self.expand(step)) for n, step in enumerate(steps, 1))

    def yaml_block(self):
        rng = self.rng
        key = slug_of(self.article.topic).replace("-", "_")
        lines = [
            "# settings for %s" % self.article.topic,
            "site:",
            "  name: \"%s\"" % SITE_TITLE,
            "  url: %s" % BASE_URL,
            "output:",
            "  folder: dist",
            "  include_drafts: %s" % rng.choice(["false", "true"]),
            "  jobs: %d" % rng.choice([1, 2, 4, 8]),
            "%s:" % key,
            "  enabled: true",
            "  max_age: %d" % rng.choice([60, 600, 3600, 604800]),
        ]
        if rng.random() < 0.6:
            skipped = rng.sample(["drafts/*", "*.bak", "tmp/**", "third_party/**", ".git/**"],
                                 rng.randint(1, 3))
            lines.append("  skip:")
            lines.extend("    - \"%s\"" % glob for glob in skipped)
        return "```yaml\n%s\n```" % "\n".join(lines)

    def shell_block(self):
        rng = self.rng
        lines = [
            "#!/bin/sh",
            "set -eu",
            "",
            "dest=\"${DEST:-dist}\"",
            "rm -rf \"$dest\"",
            rng.choice(["swift build -c release", "make all", "go build ./cmd/site",
                        "cargo build --release"]),
            "time ./site build --output \"$dest\"",
            rng.choice(["rsync -az --delete \"$dest\"/ www@example.org:/var/www/site/",
                        "find \"$dest\" -type f | wc -l",
                        "du -sh \"$dest\"",
                        "curl -sSI https://example.org/ | grep -i etag"]),
        ]
        if rng.random() < 0.5:
            lines.append("printf 'built %s\\n' \"$(git rev-parse --short HEAD)\"")
        return "```bash\n%s\n```" % "\n".join(lines)

    def code_block(self):
        return self.yaml_block() if self.rng.random() < 0.5 else self.shell_block()

    def quotation(self):
        rng = self.rng
        return "> %s\n>\n> %s" % (rng.choice(EPIGRAPHS), self.expand(rng.choice(SENTENCE_PATTERNS)))

    # -- the whole body ------------------------------------------------------------------------------

    def write(self):
        rng = self.rng
        target = rng.randint(*TARGET_RANGE)
        count = rng.randint(3, 6)
        # Which sections get which extras, decided up front like an outline.
        with_code = set(rng.sample(range(count), rng.randint(1, 2)))
        with_quote = rng.randrange(count) if rng.random() < 0.35 else None
        with_list = set(rng.sample(range(count), min(count, rng.randint(2, 3))))
        with_subsection = set(rng.sample(range(count), rng.randint(1, min(3, count))))
        headings = rng.sample(H2_PATTERNS, count)

        introduction = self.paragraph(3, 5)
        sections = []
        for number in range(count):
            blocks = ["## " + upper_first(self.expand(headings[number])), self.paragraph()]
            if number in with_list:
                blocks.append(self.bulleted_list() if rng.random() < 0.6 else self.numbered_list())
            if number == with_quote:
                blocks.append(self.quotation())
            if number in with_subsection:
                blocks += ["### " + rng.choice(H3_PATTERNS), self.paragraph(2, 4)]
            if number in with_code:
                blocks += [self.code_block(), self.paragraph(2, 3)]
            sections.append(blocks)

        length = len(introduction) + sum(len(block) + 2 for blocks in sections for block in blocks)
        # Grow towards the target with extra paragraphs, spread over the sections in turn.
        turn = 0
        while length < target:
            extra = self.paragraph(2, 5)
            if length + len(extra) + 2 > SOFT_CEILING and length >= 2100:
                break
            sections[turn % count].append(extra)
            length += len(extra) + 2
            turn += 1
        # Links not placed yet: one closing pointer, so every article links to at least one other.
        if self.links:
            sections[-1].append(self.link_sentence())
            self.links = 0
        return "\n\n".join([introduction] + ["\n\n".join(blocks) for blocks in sections]) + "\n"


def write_bodies(articles, rng):
    for index, article in enumerate(articles):
        for _ in range(50):
            article.body = BodyWriter(rng, articles, index).write()
            if MIN_BODY_BYTES <= len(article.body.encode("utf-8")) <= MAX_BODY_BYTES:
                break
        else:
            sys.exit("gen_corpus: no body of %s fits %d-%d bytes" % (article.slug, MIN_BODY_BYTES, MAX_BODY_BYTES))


def collections_in(catalog):
    """The collections of a catalog folder as (id, folder, older layout?), in folder-name order as sitegen
    reads them: every folder holding a _collection.yaml, or, in the older layout, meshes/ beside features.yaml."""
    found = []
    for name in sorted(os.listdir(catalog)):
        folder = os.path.join(catalog, name)
        if os.path.isfile(os.path.join(folder, DECLARATION)):
            found.append((name, folder, False))
    if not found and os.path.isdir(os.path.join(catalog, "meshes")):
        found.append(("meshes", os.path.join(catalog, "meshes"), True))
    return found


def entry_ids(folder):
    ids = sorted(os.path.basename(path)[:-len(".yaml")] for path in glob.glob(os.path.join(folder, "*.yaml")))
    return [entry for entry in ids if not entry.startswith("_")]


def add_catalog_directives(articles, seed, collections):
    """About one article in ten ends with a directive of each collection, each from its own stream, so adding a
    collection leaves everything else -- the first collection's directives included -- where it was."""
    named = len(collections) > 1
    for number, (collection, folder, older) in enumerate(collections):
        ids = entry_ids(folder)
        if not ids:
            sys.exit("gen_corpus: %s has no entries (<id>.yaml)" % folder)
        # The first stream is the one the single mesh catalog always used.
        rng = random.Random(seed * 7919 + 1 + number)
        # A mesh catalog keeps `mesh-summary`, the name its guide's articles use, so its articles stay the same.
        summary = "mesh-summary" if collection == "meshes" else "summary"
        kinds = ["comparison", "resources", summary, "diagram"]
        if number > 0:
            kinds.append("decision")
        for article in articles:
            if rng.random() < 0.1:
                kind = rng.choice(kinds)
                if kind in (summary, "diagram"):
                    entry = rng.choice(ids)
                    header, options = "%s %s" % (kind, "%s/%s" % (collection, entry) if named else entry), ""
                else:
                    header, options = kind, "collection: %s\n" % collection if named else ""
                article.directive += "\n```%s\n%s```\n" % (header, options)


def copy_templates(templates, destination):
    """The site's templates and the second collection's, for a corpus of two collections."""
    shutil.rmtree(destination, ignore_errors=True)
    shutil.copytree(templates, destination)
    for path in sorted(glob.glob(os.path.join(SECOND_COLLECTION, "Templates", "*.mustache"))):
        shutil.copy(path, os.path.join(destination, os.path.basename(path)))


# ----------------------------------------------------------------------------------------------------
# Writing the two layouts
# ----------------------------------------------------------------------------------------------------


def front_matter(article, for_hugo):
    lines = ["---", "title: " + yaml_string(article.title)]
    if for_hugo:
        lines.append("slug: " + article.slug)   # with [permalinks] below: published at /<slug>/
    lines += [
        "meta_description: " + yaml_string(article.description),
        "url_slug: " + article.slug,
        "primary_keyword: " + yaml_string(article.keyword),
        "secondary_keywords:",
    ]
    lines += ["  - " + yaml_string(k) for k in article.keywords]
    lines += ["author: " + yaml_string(article.author), "date: " + article.date.isoformat(), "tags:"]
    lines += ["  - " + yaml_string(t) for t in article.tags]
    if article.related:
        lines.append("related:")
        lines += ["  - " + slug for slug in article.related]
    else:
        lines.append("related: []")
    lines.append("---")
    return "\n".join(lines) + "\n\n"


HUGO_CONFIG = """\
baseURL = "%(base)s"
languageCode = "en-us"
title = "%(title)s"

[params]
  author = "%(author)s"

# Tags only: Hugo would otherwise add an empty "categories" taxonomy.
[taxonomies]
  tag = "tags"

# /<slug>/, the URL sitegen gives the same article (url_slug), so inline links work in both.
[permalinks]
  articles = "/:slug/"

# Scoring for .Site.RegularPages.Related (layouts/partials/related.html).
[related]
  includeNewer = true
  threshold = 80
  toLower = true
  [[related.indices]]
    name = "tags"
    weight = 100
  [[related.indices]]
    name = "secondary_keywords"
    weight = 60
  [[related.indices]]
    name = "date"
    weight = 10
"""

HUGO_BASEOF = """\
<!DOCTYPE html>
<html lang="{{ site.LanguageCode | default "en" }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if .IsHome }}{{ site.Title }}{{ else }}{{ .Title }} - {{ site.Title }}{{ end }}</title>
{{ with .Params.meta_description }}<meta name="description" content="{{ . }}">{{ end }}
<link rel="canonical" href="{{ .Permalink }}">
{{ range .AlternativeOutputFormats }}<link rel="{{ .Rel }}" type="{{ .MediaType.Type }}" href="{{ .Permalink }}">{{ end }}
</head>
<body>
<header><a href="{{ "/" | relURL }}">{{ site.Title }}</a> <a href="{{ "/tags/" | relURL }}">Tags</a></header>
<main>
{{ block "main" . }}{{ end }}
</main>
<footer><p>{{ site.Params.author }}</p></footer>
</body>
</html>
"""

HUGO_SINGLE = """\
{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
<p>By {{ .Params.author }}, <time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time></p>
{{ with .GetTerms "tags" }}<ul class="tags">{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>{{ end }}
{{ .Content }}
{{ partial "related.html" . }}
</article>
{{ end }}
"""

# Kept in its own file so a benchmark can empty it to time Hugo without related reading.
HUGO_RELATED = """\
{{ with .Site.RegularPages.Related . | first 3 }}
<aside class="related">
<h2>Related reading</h2>
<ul>{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>
</aside>
{{ end }}
"""

HUGO_LIST = """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul>
{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2006-01-02" }}</time></li>
{{ end }}</ul>
{{ end }}
"""

HUGO_HOME = """\
{{ define "main" }}
<h1>{{ site.Title }}</h1>
<ul>
{{ range where site.RegularPages "Section" "articles" }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2006-01-02" }}</time></li>
{{ end }}</ul>
{{ end }}
"""


def write_sitegen(out, articles, catalog, second, templates):
    content = os.path.join(out, "sitegen", "Content")
    folder = os.path.join(content, "articles")
    remove_markdown_files(folder)
    write_file(os.path.join(content, "site.yaml"), "title: %s\nbase_url: %s\nauthor: %s\n" % (
        yaml_string(SITE_TITLE), BASE_URL, yaml_string(SITE_AUTHOR)))
    copy = os.path.join(content, "catalog")
    shutil.rmtree(copy, ignore_errors=True)   # a catalog from an earlier run with --catalog
    if catalog:
        shutil.copytree(catalog, copy)
    if second:
        shutil.copytree(os.path.join(SECOND_COLLECTION, "Content", "catalog", SECOND_COLLECTION_ID),
                        os.path.join(copy, SECOND_COLLECTION_ID))
    copied = os.path.join(out, "sitegen", "Templates")
    if second:
        copy_templates(templates, copied)
    else:
        shutil.rmtree(copied, ignore_errors=True)   # templates from an earlier run with --collections 2
    for article in articles:
        write_file(os.path.join(folder, article.slug + ".md"),
                   front_matter(article, False) + article.body + article.directive)


def write_hugo(out, articles):
    root = os.path.join(out, "hugo")
    folder = os.path.join(root, "content", "articles")
    remove_markdown_files(folder)
    write_file(os.path.join(root, "hugo.toml"),
               HUGO_CONFIG % {"base": BASE_URL, "title": SITE_TITLE, "author": SITE_AUTHOR})
    layouts = os.path.join(root, "layouts")
    write_file(os.path.join(layouts, "_default", "baseof.html"), HUGO_BASEOF)
    write_file(os.path.join(layouts, "_default", "single.html"), HUGO_SINGLE)
    write_file(os.path.join(layouts, "_default", "list.html"), HUGO_LIST)
    write_file(os.path.join(layouts, "index.html"), HUGO_HOME)
    write_file(os.path.join(layouts, "partials", "related.html"), HUGO_RELATED)
    write_file(os.path.join(folder, "_index.md"), "---\ntitle: Articles\n---\n")
    for article in articles:
        write_file(os.path.join(folder, article.slug + ".md"), front_matter(article, True) + article.body)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, required=True, help="number of articles (at least 1)")
    parser.add_argument("--seed", type=int, required=True, help="the random seed; same N and seed, same files")
    parser.add_argument("--out", required=True, help="folder to write sitegen/ and hugo/ into")
    parser.add_argument("--catalog", metavar="CATALOG_DIR",
                        help="copy this catalog (every <id>/_collection.yaml folder, or the older features.yaml "
                             "and meshes/) into the sitegen layout and end about one article in ten with a "
                             "directive of each collection")
    parser.add_argument("--collections", type=int, metavar="N",
                        help="2: add the two-collection test site's ingress controllers as a second collection, "
                             "with their directives in articles and their templates in DIR/sitegen/Templates "
                             "(default: the collections CATALOG_DIR declares)")
    parser.add_argument("--templates", default=os.path.join(REPOSITORY, "Templates"),
                        help="with --collections 2: the templates copied beside the second collection's "
                             "(default: the repository's Templates/)")
    options = parser.parse_args()
    if options.pages < 1:
        parser.error("--pages must be at least 1")
    collections = []
    if options.catalog:
        if not os.path.isdir(options.catalog):
            parser.error("--catalog %s is not a folder" % options.catalog)
        collections = collections_in(options.catalog)
        if not collections:
            parser.error("--catalog %s declares no collection (<id>/%s) and has no meshes/ folder" % (options.catalog, DECLARATION))
    second = False
    if options.collections is not None:
        if not options.catalog:
            parser.error("--collections needs --catalog")
        if options.collections == len(collections) + 1:
            if any(older for _, _, older in collections):
                parser.error("--collections: %s is in the older layout (features.yaml, meshes/), which takes no second "
                             "collection; use a catalog of <id>/%s folders" % (options.catalog, DECLARATION))
            if any(name == SECOND_COLLECTION_ID for name, _, _ in collections):
                parser.error("--collections: %s already has a folder %s/" % (options.catalog, SECOND_COLLECTION_ID))
            second = True
            # Last, so the catalog's own collections keep their directive streams.
            collections.append((SECOND_COLLECTION_ID, os.path.join(SECOND_COLLECTION, "Content", "catalog", SECOND_COLLECTION_ID), False))
        elif options.collections != len(collections):
            parser.error("--collections %d: %s declares %d, and one more (%s) can be added" % (
                options.collections, options.catalog, len(collections), SECOND_COLLECTION_ID))

    rng = random.Random(options.seed)
    articles = draw_metadata(options.pages, rng)
    write_bodies(articles, rng)
    if collections:
        add_catalog_directives(articles, options.seed, collections)

    write_sitegen(options.out, articles, options.catalog, second, options.templates)
    write_hugo(options.out, articles)

    sizes = sorted(len(a.body.encode("utf-8")) for a in articles)
    print("pages=%d seed=%d body_bytes=%d body_min=%d body_median=%d body_max=%d" % (
        len(articles), options.seed, sum(sizes), sizes[0], sizes[len(sizes) // 2], sizes[-1]))


if __name__ == "__main__":
    main()
