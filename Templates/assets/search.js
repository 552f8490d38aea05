// Client-side search over /search-index.json and the article parts it names: no library, no network beyond this site.
(() => {
  "use strict";
  const results = document.getElementById("search-results");
  if (!results) return;
  const input = document.getElementById("search-page-input");
  const query = new URLSearchParams(location.search).get("q") || "";
  input.value = query;

  const fold = (text) => (text || "").toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
  const terms = (text) => fold(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);

  // Title matches count most, then keywords and section headings, then the description and text.
  const score = (page, words) => {
    let total = 0;
    const title = fold(page.t), keys = fold((page.w || []).join(" ")), description = fold(page.d);
    const text = fold(page.x) + " " + fold(page.v);
    const sections = (page.s || []).map((s) => fold(s[0]));
    for (const word of words) {
      let best = 0;
      if (title.includes(word)) best = Math.max(best, 10);
      if (keys.includes(word)) best = Math.max(best, 6);
      if (sections.some((s) => s.includes(word))) best = Math.max(best, 5);
      if (description.includes(word)) best = Math.max(best, 3);
      if (text.includes(word)) best = Math.max(best, 1);
      if (best === 0) return 0;
      total += best;
    }
    return total + (page.k === "article" ? 0.5 : 0);
  };

  const element = (tag, attributes, text) => {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) node.setAttribute(name, value);
    if (text !== undefined) node.textContent = text;
    return node;
  };

  const show = (pages, words) => {
    results.replaceChildren();
    if (words.length === 0) return;
    const ranked = pages.map((page) => [score(page, words), page]).filter(([s]) => s > 0)
      .sort((a, b) => b[0] - a[0] || a[1].t.localeCompare(b[1].t)).slice(0, 30);
    results.append(element("p", { class: "search-count" },
      ranked.length === 0 ? "Nothing matches “" + words.join(" ") + "”." : ranked.length + " result" + (ranked.length === 1 ? "" : "s")));
    const list = element("ol", { class: "search-list" });
    for (const [, page] of ranked) {
      const item = element("li");
      const heading = element("h2");
      heading.append(element("a", { href: page.u }, page.t));
      item.append(heading, element("p", { class: "search-kind" }, page.k === "mesh" ? "Mesh profile" : page.k === "compare" ? "Comparison" : "Article"));
      if (page.d) item.append(element("p", {}, page.d));
      const sections = (page.s || []).filter((s) => words.every((w) => fold(s[0]).includes(w))).slice(0, 4);
      if (sections.length) {
        const links = element("ul", { class: "search-sections" });
        for (const [title, anchor] of sections) {
          const entry = element("li");
          entry.append(element("a", { href: page.u + anchor }, title));
          links.append(entry);
        }
        item.append(links);
      }
      list.append(item);
    }
    results.append(list);
  };

  const load = (url) => fetch(url).then((response) => {
    if (!response.ok) throw new Error(url + ": " + response.status);
    return response.json();
  });
  // The index holds the catalog's entries and names the parts that hold the articles; fetch them together.
  load(results.dataset.index)
    .then((index) => Promise.all((index.parts || []).map(load)).then((parts) => index.pages.concat(...parts.map((part) => part.pages))))
    .then((pages) => {
      show(pages, terms(query));
      input.addEventListener("input", () => {
        const words = terms(input.value);
        history.replaceState(null, "", words.length ? "?q=" + encodeURIComponent(input.value) : location.pathname);
        show(pages, words);
      });
    })
    .catch(() => {
      results.replaceChildren(element("p", {}, "The search index could not be loaded."));
    });
})();
