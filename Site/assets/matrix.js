// Comparison matrices readers can shape: pick the meshes to show, keep only the rows where they differ,
// and sort the rows of each feature group by a column. The page is complete without this script: it only
// hides and reorders what the server rendered, and leaves alone any table whose shape it does not know.
// The view is kept in the query string, namespaced by the table's id, so a shaped table can be shared:
//   ?matrix-meshes=istio,linkerd&matrix-diff=1&matrix-sort=istio-desc
(() => {
  "use strict";

  // The Feature column's key in `-sort`; read() keeps mesh columns from taking it.
  const FEATURE_KEY = "feature";
  const NEXT_SORT = { none: "ascending", ascending: "descending", descending: "none" };
  const SORT_PARAM = { ascending: "asc", descending: "desc" };
  // The arrows repeat aria-sort for sighted readers; U+FE0E keeps ↕ a text glyph rather than an emoji.
  const SORT_ICON = { none: "↕\uFE0E", ascending: "↑", descending: "↓" };
  const collator = new Intl.Collator(document.documentElement.lang || undefined, { numeric: true, sensitivity: "base" });

  const element = (tag, attributes, ...children) => {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) node.setAttribute(name, value);
    node.append(...children);
    return node;
  };

  // A value as a reader reads it. Note and source references (any <sup>) annotate a value without changing
  // it, and the symbols (aria-hidden) repeat the words, so neither may make two values differ or sort apart.
  const valueText = (cell) => {
    const copy = cell.cloneNode(true);
    for (const extra of copy.querySelectorAll("sup, [aria-hidden='true']")) extra.remove();
    return copy.textContent.replace(/\s+/g, " ").trim();
  };

  // "Istio, Linkerd and Anthos Service Mesh", as the captions say it.
  const list = (names) => names.length < 2 ? names.join("") : names.slice(0, -1).join(", ") + " and " + names[names.length - 1];

  // Commas are legal in a query and keep a shared link readable (istio,linkerd rather than istio%2Clinkerd).
  const encode = (text) => encodeURIComponent(text).replace(/%2C/gi, ",");

  // The matrix's shape: one header row (Feature, then a column per mesh), then tbody groups, each led by a
  // group row whose one cell spans the table. Null when the table is anything else, so it stays untouched.
  const read = (table) => {
    if (!table.tHead || table.tHead.rows.length !== 1) return null;
    const headers = Array.from(table.tHead.rows[0].cells);
    if (headers.some((cell) => cell.tagName !== "TH" || cell.colSpan !== 1)) return null;
    const taken = new Set([FEATURE_KEY]);
    const columns = headers.map((header, index) => {
      const name = valueText(header);
      let key = FEATURE_KEY;
      if (index > 0) {
        // Keyed by the profile link's id (/meshes/<id>/): stable across builds and readable in a URL.
        const link = header.querySelector("a[href]");
        const match = link && /\/meshes\/([^/]+)\/?$/.exec(link.pathname);
        const base = match ? match[1] : name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "mesh";
        key = base;
        for (let suffix = 2; taken.has(key); suffix++) key = `${base}-${suffix}`;
        taken.add(key);
      }
      return { header, index, name, key };
    });
    const groups = [];
    for (const body of table.tBodies) {
      const rows = Array.from(body.rows);
      const label = rows.length && rows[0].classList.contains("group-row") ? rows.shift() : null;
      if (label && (label.cells.length !== 1 || label.cells[0].colSpan !== headers.length)) return null;
      if (rows.some((row) => row.cells.length !== headers.length || Array.from(row.cells).some((cell) => cell.colSpan !== 1))) return null;
      groups.push({ body, label, rows: rows.map((row, index) => ({ row, index, values: Array.from(row.cells, valueText) })) });
    }
    return { columns, meshes: columns.slice(1), groups };
  };

  const enhance = (table, host) => {
    const matrix = read(table);
    if (!matrix || matrix.meshes.length < 2) return;
    const { columns, meshes, groups } = matrix;
    const total = groups.reduce((sum, group) => sum + group.rows.length, 0);
    // Without an id a table has no stable name in a URL (an index shifts as articles change), so its view is not kept.
    const id = host.id || table.id;
    const param = (name) => `${id}-${name}`;

    const fromUrl = () => {
      const state = { shown: new Set(meshes.map((mesh) => mesh.key)), diff: false, sort: null };
      if (!id) return state;
      const params = new URLSearchParams(location.search);
      const known = new Set(state.shown);
      const listed = (params.get(param("meshes")) || "").split(",").filter((key) => known.has(key));
      if (listed.length) state.shown = new Set(listed);
      state.diff = params.get(param("diff")) === "1";
      const sort = /^(.+)-(asc|desc)$/.exec(params.get(param("sort")) || "");
      if (sort) state.sort = { key: sort[1], direction: sort[2] === "asc" ? "ascending" : "descending" };
      return state;
    };

    const toUrl = () => {
      if (!id) return;
      const params = new URLSearchParams(location.search);
      const set = (name, value) => value === null ? params.delete(param(name)) : params.set(param(name), value);
      // Defaults are left out, so an untouched table adds nothing to the address.
      set("meshes", state.shown.size === meshes.length ? null : meshes.filter((mesh) => state.shown.has(mesh.key)).map((mesh) => mesh.key).join(","));
      set("diff", state.diff ? "1" : null);
      set("sort", state.sort ? `${state.sort.key}-${SORT_PARAM[state.sort.direction]}` : null);
      const query = Array.from(params, ([name, value]) => `${encode(name)}=${encode(value)}`).join("&");
      history.replaceState(history.state, "", location.pathname + (query ? "?" + query : "") + location.hash);
    };

    // A sort by a column that is hidden, or that does not exist, would reorder rows for no visible reason.
    const sortColumn = () => state.sort && columns.find((column) => column.key === state.sort.key && (column.index === 0 || state.shown.has(column.key)));

    // The controls. Checkboxes sit inside their labels so two matrices on one page need no unique ids.
    const form = element("form", { class: "matrix-controls" });
    const options = element("div", { class: "matrix-options" });
    const boxes = new Map();
    for (const mesh of meshes) {
      const box = element("input", { type: "checkbox", value: mesh.key });
      boxes.set(mesh.key, box);
      options.append(element("label", {}, box, " " + mesh.name));
    }
    const diffBox = element("input", { type: "checkbox" });
    // Inside the label, so it joins the checkbox's name while it shows and leaves it when hidden.
    const diffHint = element("span", { class: "matrix-hint" }, " (needs two meshes)");
    const status = element("p", { class: "visually-hidden", role: "status", "aria-live": "polite" });
    form.append(
      element("fieldset", { class: "matrix-meshes" }, element("legend", {}, "Meshes to show (at least one)"), options),
      element("div", { class: "matrix-filter" }, element("label", {}, diffBox, " Differences only", diffHint)),
      status);
    const scroller = table.closest(".table-scroll") || table;
    scroller.parentNode.insertBefore(form, scroller);

    for (const column of columns) {
      column.icon = element("span", { class: "matrix-sort-icon", "aria-hidden": "true" });
      column.button = element("button", { type: "button", class: "matrix-sort" },
        column.icon, element("span", { class: "visually-hidden" }, `Sort by ${column.name}`));
      column.header.append(column.button);
    }

    const state = fromUrl();

    const render = () => {
      const shown = meshes.filter((mesh) => state.shown.has(mesh.key));
      const sorted = sortColumn();
      for (const mesh of meshes) {
        const visible = state.shown.has(mesh.key);
        mesh.header.hidden = !visible;
        for (const group of groups) for (const entry of group.rows) entry.row.cells[mesh.index].hidden = !visible;
        const box = boxes.get(mesh.key);
        box.checked = visible;
        box.disabled = visible && shown.length === 1;
      }
      // With one mesh every row "agrees", so the filter would empty the table; it waits for a second mesh.
      const comparing = state.diff && shown.length > 1;
      diffBox.checked = state.diff;
      diffBox.disabled = shown.length < 2;
      diffHint.hidden = shown.length > 1;

      let showing = 0;
      for (const group of groups) {
        if (group.label) group.label.cells[0].colSpan = shown.length + 1;
        let order = group.rows;
        if (sorted) {
          const sign = state.sort.direction === "ascending" ? 1 : -1;
          // The index breaks ties: ES2017 does not promise a stable sort, and equal values keep document order.
          order = group.rows.slice().sort((a, b) =>
            sign * collator.compare(a.values[sorted.index], b.values[sorted.index]) || a.index - b.index);
        }
        // Rows move only when the order changes: moving a row takes focus away from a note link inside it.
        const current = Array.from(group.body.rows).filter((row) => row !== group.label);
        if (order.some((entry, position) => entry.row !== current[position])) group.body.append(...order.map((entry) => entry.row));
        let visibleRows = 0;
        for (const entry of group.rows) {
          const hide = comparing && new Set(shown.map((mesh) => entry.values[mesh.index])).size === 1;
          entry.row.hidden = hide;
          if (!hide) visibleRows++;
        }
        group.body.hidden = visibleRows === 0;
        showing += visibleRows;
      }

      for (const column of columns) {
        const direction = column === sorted ? state.sort.direction : "none";
        column.header.setAttribute("aria-sort", direction);
        column.icon.textContent = SORT_ICON[direction];
      }

      let message = `Showing ${showing} of ${total} ${total === 1 ? "feature" : "features"} for ${list(shown.map((mesh) => mesh.name))}.`;
      if (sorted) message += ` Sorted by ${sorted.name}, ${state.sort.direction}.`;
      return message;
    };

    // The first render applies a shared view quietly; later ones answer the reader and update the address.
    const update = () => {
      if (!sortColumn()) state.sort = null;
      status.textContent = render();
      toUrl();
    };

    form.addEventListener("submit", (event) => event.preventDefault());
    form.addEventListener("change", (event) => {
      const box = event.target;
      if (box === diffBox) {
        state.diff = box.checked;
      } else if (boxes.get(box.value) === box) {
        if (box.checked) state.shown.add(box.value);
        else if (state.shown.size > 1) state.shown.delete(box.value);
      }
      update();
    });
    for (const column of columns) {
      column.button.addEventListener("click", () => {
        const direction = NEXT_SORT[sortColumn() === column ? state.sort.direction : "none"];
        state.sort = direction === "none" ? null : { key: column.key, direction };
        update();
      });
    }

    if (!sortColumn()) state.sort = null;
    render();
  };

  for (const host of document.querySelectorAll(".comparison-table")) {
    const table = host.tagName === "TABLE" ? host : host.querySelector("table");
    if (table) enhance(table, host);
  }
})();
