// Client-side search over the split index in /search/ (see README, "Search"): no library, no network beyond this
// site. A query fetches the term lists and postings fragments of its words, then the metadata of the results it shows.
(() => {
  "use strict";

  // Every table looked up by a reader's word has no prototype to answer for it: `exceptions["constructor"]` on a
  // plain object is Object's constructor, which made "constructor" fetch terms-undefined.json and find nothing.
  const own = (table, key) => Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;

  // Porter2 (Snowball English), as Sources/SitegenKit/Output/EnglishStemmer.swift: a test compares the two.
  const exceptions = new Map(Object.entries({ skis: "ski", skies: "sky", dying: "die", lying: "lie", tying: "tie", idly: "idl",
    gently: "gentl", ugly: "ugli", early: "earli", only: "onli", singly: "singl", sky: "sky", news: "news", howe: "howe",
    atlas: "atlas", cosmos: "cosmos", bias: "bias", andes: "andes" }));
  const afterStep1a = new Set(["inning", "outing", "canning", "herring", "earring", "proceed", "exceed", "succeed"]);
  const isVowel = (c) => "aeiouy".includes(c);
  const region = (w, start) => {
    for (let i = start + 1; i < w.length; i++) if (!isVowel(w[i]) && isVowel(w[i - 1])) return i + 1;
    return w.length;
  };
  const longest = (w, suffixes) => {
    let best = null;
    for (const s of suffixes) if (w.endsWith(s) && (best === null || s.length > best.length)) best = s;
    return best;
  };
  const shortSyllable = (w, end) => {
    if (end === 2) return isVowel(w[0]) && !isVowel(w[1]);
    if (end < 3) return false;
    const last = w[end - 1];
    return !isVowel(w[end - 3]) && isVowel(w[end - 2]) && !isVowel(last) && last !== "w" && last !== "x" && last !== "Y";
  };
  const step2 = [["tional", "tion"], ["enci", "ence"], ["anci", "ance"], ["abli", "able"], ["entli", "ent"], ["izer", "ize"],
    ["ization", "ize"], ["ational", "ate"], ["ation", "ate"], ["ator", "ate"], ["alism", "al"], ["aliti", "al"], ["alli", "al"],
    ["fulness", "ful"], ["ousli", "ous"], ["ousness", "ous"], ["iveness", "ive"], ["iviti", "ive"], ["biliti", "ble"],
    ["bli", "ble"], ["ogi", "og"], ["fulli", "ful"], ["lessli", "less"], ["li", ""]];
  const step3 = [["tional", "tion"], ["ational", "ate"], ["alize", "al"], ["icate", "ic"], ["iciti", "ic"], ["ical", "ic"],
    ["ful", ""], ["ness", ""], ["ative", ""]];
  const step4 = ["al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ism", "ate", "iti", "ous",
    "ive", "ize", "ion"];
  const stem = (word) => {
    if (word.length <= 2 || !/^[a-z']+$/.test(word)) return word;
    if (exceptions.has(word)) return exceptions.get(word);
    let w = word.replace(/^'+/, "");
    let chars = [...w];
    for (let i = 0; i < chars.length; i++) if (chars[i] === "y" && (i === 0 || isVowel(chars[i - 1]))) chars[i] = "Y";
    w = chars.join("");
    let r1 = region(w, 0);
    for (const p of ["gener", "commun", "arsen"]) if (w.startsWith(p)) { r1 = p.length; break; }
    const r2 = region(w, r1);
    let s = longest(w, ["'s'", "'s", "'"]);
    if (s) w = w.slice(0, -s.length);
    s = longest(w, ["sses", "ied", "ies", "us", "ss", "s"]);
    if (s === "sses") w = w.slice(0, -2);
    else if (s === "ied" || s === "ies") w = w.slice(0, -3) + (w.length > 4 ? "i" : "ie");
    else if (s === "s" && /[aeiouy]/.test(w.slice(0, Math.max(0, w.length - 2)))) w = w.slice(0, -1);
    if (afterStep1a.has(w)) return w;
    s = longest(w, ["eed", "eedly", "ed", "edly", "ing", "ingly"]);
    if (s === "eed" || s === "eedly") {
      if (w.length - s.length >= r1) w = w.slice(0, -s.length) + "ee";
    } else if (s && /[aeiouy]/.test(w.slice(0, w.length - s.length))) {
      w = w.slice(0, -s.length);
      if (w.endsWith("at") || w.endsWith("bl") || w.endsWith("iz")) w += "e";
      else if (longest(w, ["bb", "dd", "ff", "gg", "mm", "nn", "pp", "rr", "tt"])) w = w.slice(0, -1);
      else if (r1 >= w.length && shortSyllable(w, w.length)) w += "e";
    }
    if (w.length > 2 && (w.endsWith("y") || w.endsWith("Y")) && !isVowel(w[w.length - 2])) w = w.slice(0, -1) + "i";
    s = longest(w, step2.map((p) => p[0]));
    if (s && w.length - s.length >= r1) {
      const start = w.length - s.length;
      if (s === "ogi") { if (start > 0 && w[start - 1] === "l") w = w.slice(0, -3) + "og"; }
      else if (s === "li") { if (start > 0 && "cdeghkmnrt".includes(w[start - 1])) w = w.slice(0, -2); }
      else w = w.slice(0, -s.length) + step2.find((p) => p[0] === s)[1];
    }
    s = longest(w, step3.map((p) => p[0]));
    if (s && w.length - s.length >= r1) {
      if (s === "ative") { if (w.length - 5 >= r2) w = w.slice(0, -5); }
      else w = w.slice(0, -s.length) + step3.find((p) => p[0] === s)[1];
    }
    s = longest(w, step4);
    if (s && w.length - s.length >= r2) {
      const start = w.length - s.length;
      if (s === "ion") { if (start > 0 && (w[start - 1] === "s" || w[start - 1] === "t")) w = w.slice(0, -3); }
      else w = w.slice(0, -s.length);
    }
    const start = w.length - 1;
    if (w.endsWith("e")) { if (start >= r2 || (start >= r1 && !shortSyllable(w, start))) w = w.slice(0, -1); }
    else if (w.endsWith("l")) { if (start >= r2 && start > 0 && w[start - 1] === "l") w = w.slice(0, -1); }
    return w.replace(/Y/g, "y");
  };

  // As SearchText.swift: folded, split at anything but letters and digits, at least two characters or a digit.
  const fold = (text) => (text || "").toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
  const words = (text) => fold(text).split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 2 || /^[0-9]$/.test(w));
  const stopWords = new Set(["a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "how", "if", "in", "into",
    "is", "it", "its", "of", "on", "or", "so", "than", "that", "the", "their", "then", "there", "these", "this", "to", "vs",
    "versus", "was", "were", "what", "when", "which", "will", "with", "you", "your"]);
  const encoder = typeof TextEncoder === "undefined" ? null : new TextEncoder();
  const hash = (term) => {
    let h = 0x811c9dc5;
    for (const byte of encoder.encode(term)) h = Math.imul(h ^ byte, 0x01000193) >>> 0;
    return h >>> 0;
  };
  const letter = (term) => /^[a-z]/.test(term) ? term[0] : /^[0-9]/.test(term) ? "0" : "_";

  // The search itself, over any `load` (url → promise of its JSON): fetch in the page, files in a test.
  const searcher = (load) => {
    // Within one edit (substitution, insertion or deletion) of each other.
    const withinOne = (a, b) => {
      if (Math.abs(a.length - b.length) > 1 || a === b) return a !== b ? false : true;
      let i = 0;
      while (i < a.length && i < b.length && a[i] === b[i]) i++;
      if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1);
      return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
    };

    // Each query word's candidate terms: the stem itself (exact), terms one edit away (words of five letters or more),
    // and for the last word, terms it begins (while the reader types). Exact counts 1, prefix 0.6, a typo 0.5.
    const candidates = (manifest, word, last) => load(manifest.files + "terms-" + letter(stem(word)) + ".json").then((terms) => {
      const exact = stem(word), found = [];
      if (own(terms, exact) !== undefined) found.push({ term: exact, weight: 1, exact: true });
      const extra = [];
      for (const term of Object.keys(terms)) {
        if (term === exact) continue;
        if (last && word.length >= 2 && term.startsWith(word)) extra.push({ term, weight: 0.6, exact: false, df: own(terms, term) });
        else if (word.length >= 5 && withinOne(exact, term)) extra.push({ term, weight: 0.5, exact: false, df: own(terms, term) });
      }
      extra.sort((a, b) => b.df - a.df || (a.term < b.term ? -1 : 1));
      return found.concat(extra.slice(0, 5));
    }).catch((error) => { console.error(error); return []; });

    const search = (manifest, text) => {
      let query = words(text);
      const meaningful = query.filter((w) => !stopWords.has(w));
      if (meaningful.length) query = meaningful;
      query = query.slice(0, 8);
      return Promise.all(query.map((word, i) => candidates(manifest, word, i === query.length - 1))).then((lists) => {
        const fragments = new Set(lists.flat().map((c) => manifest.files + "f-" + (hash(c.term) % manifest.fragments) + ".json"));
        return Promise.all([...fragments].map((url) => load(url).then((data) => [url, data]))).then((loaded) => {
          const byURL = new Map(loaded);
          const documents = new Map();
          lists.forEach((list, position) => {
            for (const candidate of list) {
              const postings = own(byURL.get(manifest.files + "f-" + (hash(candidate.term) % manifest.fragments) + ".json"), candidate.term);
              if (!postings) continue;
              const idf = Math.log(1 + manifest.documents / postings[0]);
              let doc = 0;
              for (let i = 1; i < postings.length;) {
                doc += postings[i];
                const score = postings[i + 1] * idf * candidate.weight, count = postings[i + 2];
                const sections = postings.slice(i + 3, i + 3 + count);
                i += 3 + count;
                let entry = documents.get(doc);
                if (!entry) { entry = { doc, terms: new Map(), stems: new Set() }; documents.set(doc, entry); }
                const previous = entry.terms.get(position);
                if (!previous || previous.score < score) entry.terms.set(position, { score, exact: candidate.exact, sections });
                entry.stems.add(candidate.term);
              }
            }
          });
          // Rank: more query words found, then more found exactly, then the score; all query words in one section
          // (not the page top) multiply it by 1.5 and make that section the hit. Ties go to the lower slot.
          const ranked = [...documents.values()].map((entry) => {
            const found = [...entry.terms.values()];
            let total = found.reduce((sum, t) => sum + t.score, 0);
            let section = found.slice().sort((a, b) => b.score - a.score)[0].sections[0] || 0;
            if (found.length > 1) {
              const shared = found[0].sections.filter((s) => found.every((t) => t.sections.includes(s)));
              if (shared.length) { total *= 1.5; section = shared.find((s) => s > 0) ?? shared[0]; }
            }
            return { doc: entry.doc, found: found.length, exact: found.filter((t) => t.exact).length, total, section, stems: entry.stems };
          }).sort((a, b) => b.found - a.found || b.exact - a.exact || b.total - a.total || a.doc - b.doc);
          return { ranked, query };
        });
      });
    };
    return search;
  };

  if (typeof module !== "undefined") { module.exports = { stem, words, hash, searcher }; return; }

  const results = document.getElementById("search-results");
  if (!results) return;
  const input = document.getElementById("search-page-input");
  input.value = new URLSearchParams(location.search).get("q") || "";

  const cache = new Map();
  const load = (url) => {
    if (!cache.has(url)) {
      cache.set(url, fetch(url).then((response) => {
        if (!response.ok) throw new Error(url + ": " + response.status);
        return response.json();
      }));
    }
    return cache.get(url);
  };
  const search = searcher(load);

  const element = (tag, attributes, text) => {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) node.setAttribute(name, value);
    if (text !== undefined) node.textContent = text;
    return node;
  };

  // The snippet as text nodes, each word whose stem matched (or that begins with a query word) in a <mark>.
  const marked = (text, stems, query) => {
    const paragraph = element("p", { class: "search-snippet" });
    for (const piece of text.split(/([\p{L}\p{N}]+)/u)) {
      const folded = fold(piece);
      const hit = piece && /[\p{L}\p{N}]/u.test(piece) && (stems.has(stem(folded)) || query.some((q) => q.length >= 3 && folded.startsWith(q)));
      paragraph.append(hit ? element("mark", {}, piece) : document.createTextNode(piece));
    }
    return paragraph;
  };

  const shown = 10;
  let generation = 0;
  const show = (manifest, text) => {
    const current = ++generation;
    if (words(text).length === 0) { results.replaceChildren(); return; }
    search(manifest, text).then(({ ranked, query }) => {
      const top = ranked.slice(0, shown);
      return Promise.all(top.map((hit) => load(manifest.files + "d-" + Math.floor(hit.doc / manifest.chunk) + ".json")
        .then((chunk) => [hit, chunk[hit.doc % manifest.chunk]]))).then((pages) => {
        if (current !== generation) return;
        const count = element("p", { class: "search-count" }, ranked.length === 0 ? "Nothing matches “" + text.trim() + "”."
          : ranked.length + " result" + (ranked.length === 1 ? "" : "s") + (ranked.length > shown ? ", the best " + shown + " shown" : ""));
        const list = element("ol", { class: "search-list" });
        for (const [hit, [kind, title, url, description, sections]] of pages) {
          const item = element("li");
          const heading = element("h2");
          const section = sections[hit.section] || sections[0];
          heading.append(element("a", { href: url }, title));
          item.append(heading, element("p", { class: "search-kind" }, kind === "article" ? "Article" : kind === "compare" ? "Comparison" : kind));
          if (section && section[1]) {
            const links = element("ul", { class: "search-sections" });
            const entry = element("li");
            entry.append(element("a", { href: url + "#" + section[1] }, section[0]));
            links.append(entry);
            item.append(links);
          }
          item.append(marked((section && section[2]) || description, hit.stems, query));
          list.append(item);
        }
        results.replaceChildren(count, list);
      });
    }).catch(() => {
      if (current === generation) results.replaceChildren(element("p", {}, "The search index could not be loaded."));
    });
  };

  load(results.dataset.index).then((manifest) => {
    show(manifest, input.value);
    input.addEventListener("input", () => {
      history.replaceState(null, "", words(input.value).length ? "?q=" + encodeURIComponent(input.value) : location.pathname);
      show(manifest, input.value);
    });
  }).catch(() => {
    results.replaceChildren(element("p", {}, "The search index could not be loaded."));
  });
})();
