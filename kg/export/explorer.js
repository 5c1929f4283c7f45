/* kg explorer: legend and filters, timeline, search, hover texts and provenance over the network pyvis draws.
 *
 * This script runs before pyvis's drawing script and wraps vis.Network, so the explorer is set up on the
 * new network before its first frame. The graph's facts come from the JSON block #kg-data. Article text
 * reaches the page only through textContent (panel, suggestions, hover box), never as markup.
 */
(function () {
  "use strict";

  const DAY_MS = 86400000;
  const data = JSON.parse(document.getElementById("kg-data").textContent);
  const $ = (id) => document.getElementById(id);
  const typeStyle = {};
  data.types.forEach((t) => { typeStyle[t.name] = t; });
  const kindColour = {};
  data.kinds.forEach((k) => { kindColour[k.name] = k.colour; });
  let network = null;
  let nodes = null;
  let edges = null;

  // ---- model ---------------------------------------------------------------------------------------------
  const byId = {};
  data.nodes.forEach((n) => {
    n.edges = [];
    n.said = new Set();
    n.hidden = false;
    n.dim = false;
    byId[n.id] = n;
  });
  const focusIds = (data.focus || []).filter((id) => byId[id]);
  const E = data.edges.map((row, i) => ({
    id: i, from: row[0], to: row[1], kind: row[2], role: row[3], rec: row[4], key: row[5],
    start: row[6], end: row[7], shown: true, visible: true, pair: null,
  }));
  E.forEach((e) => {
    byId[e.from].edges.push(e);
    if (e.to !== e.from) byId[e.to].edges.push(e);
    const r = data.records[e.rec];
    if (r.kind === "statement" && r.speaker === e.from) byId[e.from].said.add(e.rec);
  });
  data.nodes.forEach((n) => { n.isolated = n.edges.length === 0; });

  // facets that filter edges by their record: a value per record, undefined where the facet does not apply
  const QUADS = ["verbal cooperation", "material cooperation", "verbal conflict", "material conflict"];
  const QUAD_COLOURS = ["#7fbf7b", "#1b7837", "#f4a582", "#b2182b"];
  function quadOf(cameo) {  // CAMEO root codes 01-05, 06-08, 09-13, 14-20
    const root = parseInt(String(cameo || "").slice(0, 2), 10);
    if (!(root >= 1 && root <= 20)) return "no CAMEO code";
    return QUADS[root <= 5 ? 0 : root <= 8 ? 1 : root <= 13 ? 2 : 3];
  }
  const FACETS = [
    { name: "act", title: "Speech act", value: (r) => (r.kind === "statement" ? r.act || "unspecified" : undefined) },
    { name: "quad", title: "CAMEO", value: (r) => quadOf(r.cameo), order: QUADS.concat(["no CAMEO code"]) },
    { name: "status", title: "Meeting", value: (r) => (r.kind === "meeting" ? r.status || "unspecified" : undefined),
      order: ["held", "planned", "cancelled"] },
    { name: "mode", title: "Mode", value: (r) => (r.kind === "meeting" ? r.mode || "unspecified" : undefined) },
  ];
  E.forEach((e) => { e.facets = FACETS.map((f) => f.value(data.records[e.rec])); });

  // repeated edges between the same two entities, which "merge repeats" draws as one weighted edge
  const merged = [];
  (() => {
    const pairs = new Map();
    E.forEach((e) => {
      if (e.from === e.to) return;
      const key = e.from < e.to ? e.from + "\u0000" + e.to : e.to + "\u0000" + e.from;
      if (!pairs.has(key)) pairs.set(key, []);
      pairs.get(key).push(e);
    });
    pairs.forEach((members) => {
      if (members.length < 2) return;
      const m = { id: "merged:" + merged.length, from: members[0].from, to: members[0].to, members: members,
                  expanded: false, shown: false, dim: false, count: members.length, merged: true };
      members.forEach((e) => { e.pair = m; });
      merged.push(m);
    });
  })();
  const dated = E.filter((e) => e.start !== null);
  const undatedCount = E.length - dated.length;
  // (reduce, not Math.min(...list): spreading 100,000 arguments overflows the stack)
  const minDay = dated.reduce((low, e) => Math.min(low, e.start), dated.length ? Infinity : 0);
  const maxDay = dated.reduce((high, e) => Math.max(high, e.end), dated.length ? -Infinity : 0);
  const state = {
    hiddenTypes: new Set(), hiddenKinds: new Set(), hiddenFacets: FACETS.map(() => new Set()), from: minDay, to: maxDay, undated: true,
    hideInactive: false, hideIsolated: false, merge: false, edgeDates: false, size: "mentions", selected: null,
  };

  const iso = (day) => new Date(day * DAY_MS).toISOString().slice(0, 10);
  const dayOf = (text) => {
    const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(text || "");
    return m ? Math.round(Date.UTC(+m[1], (+m[2] || 1) - 1, +m[3] || 1) / DAY_MS) : null;
  };
  const fold = (s) => String(s).normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
    .replace(/\s+/g, " ").trim();
  const clip = (s, n) => { s = String(s).replace(/\s+/g, " ").trim(); return s.length > n ? s.slice(0, n - 1) + "…" : s; };
  const plural = (n, one, many) => n + " " + (n === 1 ? one : (many || one + "s"));
  const labelOf = (id) => {
    if (byId[id]) return byId[id].label;
    // an entity outside a focused graph: make its id readable ("person/antony-blinken" -> "Antony Blinken")
    const slug = String(id).split("/").pop().replace(/-/g, " ");
    return slug.replace(/\b\w/g, (c) => c.toUpperCase());
  };
  const safeUrl = (url) => (typeof url === "string" && /^https?:\/\//i.test(url) ? url : null);

  // ---- hover texts (plain strings) -------------------------------------------------------------------------
  function nodeTitle(n) {
    const lines = [n.label + " · " + n.type];
    if (n.roles.length) lines.push(clip(n.roles.map((r) => r[1]).filter((v, i, a) => a.indexOf(v) === i).join("; "), 120));
    if (n.aliases.length) lines.push("also: " + clip(n.aliases.join(", "), 120));
    const kinds = {};
    const seen = new Set();
    n.edges.forEach((e) => { if (!seen.has(e.rec)) { seen.add(e.rec); kinds[e.kind] = (kinds[e.kind] || 0) + 1; } });
    lines.push(plural(n.mentions, "mention") + " in " + plural(n.docs, "article"));
    const facts = Object.keys(kinds).sort().map((k) => plural(kinds[k], k));
    if (facts.length) lines.push(facts.join(", "));
    lines.push("click for sources");
    return lines.join("\n");
  }

  function recordSummary(r) {
    if (r.kind === "statement") return r.act + (r.cameo ? " (CAMEO " + r.cameo + ")" : "");
    if (r.kind === "meeting") return r.status + (r.mode ? ", " + r.mode.replace(/_/g, " ") : "");
    return r.type || "event";
  }

  function edgeTitle(e) {
    const r = data.records[e.rec];
    const lines = [e.kind + " · " + (r.date || "undated") + " · " + recordSummary(r)];
    lines.push(labelOf(e.from) + (e.kind === "statement" ? " → " : " — ") + labelOf(e.to) + (e.role ? " (" + e.role + ")" : ""));
    const text = r.quote || r.content;
    if (text) lines.push("“" + clip(text, 160) + "”");
    lines.push("cue: " + r.cue);
    const doc = data.documents[r.doc];
    lines.push("source: " + clip(doc ? [doc.title || r.doc, doc.outlet].filter(Boolean).join(" · ") : r.doc, 100));
    return lines.join("\n");
  }

  function mergedTitle(m) {
    const kinds = {};
    m.members.forEach((e) => { if (e.visible) kinds[e.kind] = (kinds[e.kind] || 0) + 1; });
    return [labelOf(m.from) + " — " + labelOf(m.to), Object.keys(kinds).sort().map((k) => plural(kinds[k], k)).join(", "),
      "click to see each"].join("\n");
  }

  function nodeValue(n) {
    return state.size === "statements" ? n.said.size + 1 : Math.max(1, n.mentions);
  }

  function edgeLabel(e) {
    const r = data.records[e.rec];
    const mark = r.status === "cancelled" ? "✕" : "";
    const text = state.edgeDates ? (mark ? mark + " " : "") + (r.date || "") : mark;
    return text || " ";  // vis-network ignores an empty label in an update: a space draws nothing
  }

  // ---- filters ---------------------------------------------------------------------------------------------
  function edgeVisible(e) {
    if (!edgeFiltered(e)) return false;
    if (e.start === null) return state.undated;
    return e.end >= state.from && e.start <= state.to;
  }
  // the filters but the dates (the lanes fade what lies outside the range instead of dropping it)
  function edgeFiltered(e) {
    if (state.hiddenKinds.has(e.kind)) return false;
    if (state.hiddenTypes.has(byId[e.from].type) || state.hiddenTypes.has(byId[e.to].type)) return false;
    for (let i = 0; i < FACETS.length; i += 1) {
      if (e.facets[i] !== undefined && state.hiddenFacets[i].has(e.facets[i])) return false;
    }
    return true;
  }

  // vis-network applies a DataSet update item by item through setOptions (about 0.1 ms each: half a second
  // for 5,000 edges). Showing, hiding and fading need one option field each, so they are set on the drawn
  // objects and refresh() recomputes what is visible once; DataSet updates remain the fallback.
  function internals() {
    const body = network.body;
    return body && body.nodes && body.edges && body.emitter && typeof body.emitter.emit === "function" ? body : null;
  }
  function setOptionsFast(kind, changes) {
    const body = internals();
    if (!body) {
      (kind === "nodes" ? nodes : edges).update(changes);
      return;
    }
    const objects = kind === "nodes" ? body.nodes : body.edges;
    changes.forEach((change) => {
      const object = objects[change.id];
      if (!object) return;
      Object.keys(change).forEach((k) => { if (k !== "id") object.options[k] = change[k]; });
    });
  }
  function refresh(sizes) {
    const body = internals();
    if (!body) return;
    if (typeof network._updateVisibleIndices !== "function" || typeof network._updateValueRange !== "function") {
      body.emitter.emit("_dataChanged");  // vis-network's own path: slower, it reconnects every edge
      return;
    }
    // what _dataChanged would do, minus reconnecting 15,000 unchanged edges
    network._updateVisibleIndices();
    if (sizes) network._updateValueRange(body.nodes);
    body.emitter.emit("_requestRedraw");
  }

  let shownEdges = E.length;
  let activeNodes = data.nodes.length;
  function apply() {
    const edgeChanges = [];
    const active = new Set();
    shownEdges = 0;
    E.forEach((e) => {
      const visible = edgeVisible(e);
      e.visible = visible;
      if (visible) { shownEdges += 1; active.add(e.from); active.add(e.to); }
      const drawnNow = visible && !(state.merge && e.pair && !e.pair.expanded);
      if (drawnNow !== e.shown) { e.shown = drawnNow; edgeChanges.push({ id: e.id, hidden: !drawnNow }); }
    });
    const labelChanges = [];
    merged.forEach((m) => {
      const count = m.members.filter((e) => e.visible).length;
      const drawnNow = state.merge && !m.expanded && count > 0;
      if (drawnNow && count !== m.count) { m.count = count; labelChanges.push({ id: m.id, label: "×" + count }); }
      if (drawnNow !== m.shown) { m.shown = drawnNow; edgeChanges.push({ id: m.id, hidden: !drawnNow }); }
    });
    if (labelChanges.length) edges.update(labelChanges);
    // a selected node keeps its neighbourhood (through the visible edges) bright and dims the rest
    const selected = state.selected && byId[state.selected] && !byId[state.selected].hidden ? state.selected : null;
    const near = new Set(selected ? [selected] : []);
    if (selected) byId[selected].edges.forEach((e) => { if (e.visible) { near.add(e.from); near.add(e.to); } });
    const edgeFades = [];
    (mergedAdded ? E.concat(merged) : E).forEach((e) => {
      const dim = selected !== null && e.from !== selected && e.to !== selected;
      if (dim !== (e.dim || false)) { e.dim = dim; edgeFades.push(e); }
    });
    const restricting = shownEdges < E.length;
    const hides = [];
    const fades = [];
    activeNodes = 0;
    data.nodes.forEach((n) => {
      const inactive = !active.has(n.id) && (restricting || state.hideInactive);
      const hidden = state.hiddenTypes.has(n.type) || (inactive && state.hideInactive) || (n.isolated && state.hideIsolated);
      const dim = !hidden && (inactive || (selected !== null && !near.has(n.id)));
      if (!hidden && !inactive) activeNodes += 1;
      if (hidden !== n.hidden) { n.hidden = hidden; hides.push({ id: n.id, hidden: hidden }); }
      if (dim !== n.dim) { n.dim = dim; fades.push(n); }
    });
    if (edgeChanges.length) setOptionsFast("edges", edgeChanges);
    if (hides.length) setOptionsFast("nodes", hides);
    if (fades.length) fade(fades);
    if (edgeFades.length) fadeEdges(edgeFades);
    if (edgeChanges.length || hides.length || fades.length || edgeFades.length) refresh();
    showCounts();
    drawHistogram();
    drawLanes();
    writeHash();
  }

  // merged edges join the drawing the first time they are asked for: one per pair, wider for more facts,
  // with an arrow only when every fact points the same way
  let mergedAdded = false;
  const MERGED_COLOUR = "#57606a";
  function addMerged() {
    if (mergedAdded || !merged.length) { mergedAdded = true; return; }
    mergedAdded = true;
    edges.add(merged.map((m) => {
      const oneWay = m.members.every((e) => e.from === m.from && e.kind === "statement");
      return { id: m.id, from: m.from, to: m.to, hidden: true, smooth: false, label: "×" + m.count,
               width: Math.min(9, 1.5 + 1.5 * Math.log2(m.count)), arrows: oneWay ? "to" : "",
               color: { color: MERGED_COLOUR, highlight: "#1f2328", hover: "#1f2328", opacity: 0.8 },
               font: { size: 11, color: MERGED_COLOUR, strokeWidth: 3, align: "middle" } };
    }));
  }
  function setMerge(on) {
    state.merge = on;
    $("kg-merge").checked = on;
    if (on) addMerged();
    merged.forEach((m) => { m.expanded = false; });
    apply();
  }
  function mergedOf(id) {
    return typeof id === "string" && id.startsWith("merged:") ? merged[+id.slice(7)] : null;
  }
  function expand(m) {
    m.expanded = true;
    apply();
    const details = panel();
    details.appendChild(el("h2", null, plural(m.members.length, "fact") + " between two entities"));
    const line = el("div", "kg-sub");
    line.appendChild(entityButton(m.from));
    line.appendChild(document.createTextNode(" — "));
    line.appendChild(entityButton(m.to));
    details.appendChild(line);
    const again = el("button", "kg-more", "merge again");
    again.type = "button";
    again.addEventListener("click", () => { m.expanded = false; apply(); showOverview(); });
    details.appendChild(again);
    const recs = Array.from(new Set(m.members.map((e) => e.rec))).sort(recordOrder);
    factGroup(details, "Facts", recs);
  }

  // a faded edge: its colour's opacity, which vis-network reads at every frame (the original colour object
  // is kept and put back, so kind colours and dashes stay as pyvis wrote them)
  function fadeEdges(list) {
    const body = internals();
    if (!body) {
      edges.update(list.map((e) => ({ id: e.id, color: { opacity: e.dim ? 0.08 : 0.8 } })));
      return;
    }
    // a merged edge's "×n" fades too (vis-network caches label colours: a DataSet update, for these few edges)
    const labels = list.filter((e) => e.merged)
      .map((e) => ({ id: e.id, font: { color: e.dim ? "rgba(87,96,106,0.2)" : MERGED_COLOUR } }));
    if (labels.length) edges.update(labels);
    list.forEach((e) => {
      const object = body.edges[e.id];
      if (!object) return;
      // (a merged edge's colour object is remade by the label update above: use the one it was given)
      if (e.merged) e.colour = { color: MERGED_COLOUR, highlight: "#1f2328", hover: "#1f2328", inherit: false, opacity: 0.8 };
      else if (!e.colour) e.colour = object.options.color;
      const c = e.colour;
      object.options.color = e.dim
        ? { color: c.color, highlight: c.highlight, hover: c.hover, inherit: c.inherit, opacity: 0.08 } : c;
    });
  }

  // a faded node: its shape through the opacity option (drawLabels fades its label)
  function fade(list) {
    setOptionsFast("nodes", list.map((n) => ({ id: n.id, opacity: n.dim ? 0.18 : 1 })));
  }

  function showCounts() {
    $("kg-count").textContent = shownEdges + " of " + plural(E.length, "edge") + " · " +
      activeNodes + " of " + plural(data.nodes.length, "entity", "entities");
  }


  // ---- labels: by importance and zoom, never overlapping -----------------------------------------------------
  // vis-network would draw every label it can (a hairball of text at 1,024 px); the page draws them itself
  // after each frame: the focus, the selection and its neighbours first, then by edges and mentions; a
  // label is drawn only where it overlaps none already drawn, so zooming in reveals the lesser ones.
  const MAX_LABELS = 400;
  const LABEL_CELL = 48;  // px: the grid that finds overlapping labels quickly
  const byImportance = data.nodes.slice().sort((a, b) => b.edges.length - a.edges.length || b.mentions - a.mentions ||
    (a.id < b.id ? -1 : 1));
  const majorCount = Math.max(3, Math.ceil(byImportance.length * 0.05));
  byImportance.forEach((n, i) => { n.major = i < majorCount; n.shortLabel = clip(n.label, 28); });
  let placedLabels = [];
  function drawLabels(ctx) {
    const body = network.body;
    const canvas = network.canvas.frame.canvas;
    const width = canvas.clientWidth;
    const height = canvas.clientHeight;
    const scale = body.view.scale;
    const shift = body.view.translation;
    const ratio = network.canvas.pixelRatio || 1;
    const first = [];
    focusIds.forEach((id) => first.push(byId[id]));
    if (state.selected && byId[state.selected]) {
      first.push(byId[state.selected]);
      byId[state.selected].edges.forEach((e) => { if (e.visible) first.push(byId[e.from], byId[e.to]); });
    }
    const firstIds = new Set(first.map((n) => n.id));
    const seen = new Set();
    const order = [];
    [first, byImportance.filter((n) => !n.dim), byImportance.filter((n) => n.dim)].forEach((list) => list.forEach((n) => {
      if (!seen.has(n.id)) { seen.add(n.id); order.push(n); }
    }));
    const grid = new Map();
    const overlaps = (box) => {
      for (let cx = Math.floor(box.x / LABEL_CELL); cx <= Math.floor((box.x + box.w) / LABEL_CELL); cx += 1) {
        for (let cy = Math.floor(box.y / LABEL_CELL); cy <= Math.floor((box.y + box.h) / LABEL_CELL); cy += 1) {
          const boxes = grid.get(cx + ":" + cy);
          if (boxes && boxes.some((o) => box.x < o.x + o.w && o.x < box.x + box.w && box.y < o.y + o.h && o.y < box.y + box.h)) {
            return true;
          }
        }
      }
      return false;
    };
    const remember = (box) => {
      for (let cx = Math.floor(box.x / LABEL_CELL); cx <= Math.floor((box.x + box.w) / LABEL_CELL); cx += 1) {
        for (let cy = Math.floor(box.y / LABEL_CELL); cy <= Math.floor((box.y + box.h) / LABEL_CELL); cy += 1) {
          const key = cx + ":" + cy;
          if (!grid.has(key)) grid.set(key, []);
          grid.get(key).push(box);
        }
      }
    };
    ctx.save();
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.textAlign = "center";
    ctx.textBaseline = "top";
    ctx.lineJoin = "round";
    placedLabels = [];
    for (let i = 0; i < order.length && placedLabels.length < MAX_LABELS; i += 1) {
      const n = order[i];
      const node = body.nodes[n.id];
      if (!node || n.hidden || node.options.hidden) continue;
      const x = node.x * scale + shift.x;
      const y = node.y * scale + shift.y;
      if (x < -200 || x > width + 200 || y < -50 || y > height + 50) continue;
      const radius = Math.max(node.shape.width || 0, node.shape.height || 0, 2 * (node.options.size || 10)) / 2 * scale;
      const size = n.major || firstIds.has(n.id) ? 13 : 11.5;
      const font = (n.major ? "600 " : "") + size + "px system-ui, sans-serif";
      ctx.font = font;
      if (!n.textWidth || n.textFont !== font) { n.textWidth = ctx.measureText(n.shortLabel).width; n.textFont = font; }
      const box = { id: n.id, x: x - n.textWidth / 2 - 2, y: y + radius + 2, w: n.textWidth + 4, h: size + 4, size: size };
      if (box.x < 0 || box.x + box.w > width || box.y < 0 || box.y + box.h > height) continue;
      if (overlaps(box)) continue;
      remember(box);
      placedLabels.push(box);
      ctx.globalAlpha = n.dim ? 0.35 : 1;
      ctx.lineWidth = 3;
      ctx.strokeStyle = "#ffffff";
      ctx.strokeText(n.shortLabel, x, box.y + 2);
      ctx.fillStyle = "#1f2328";
      ctx.fillText(n.shortLabel, x, box.y + 2);
    }
    ctx.restore();
  }

  // ---- legend: chips that filter ---------------------------------------------------------------------------
  const SVG = "http://www.w3.org/2000/svg";
  function svgEl(tag, attrs) {
    const node = document.createElementNS(SVG, tag);
    Object.keys(attrs).forEach((k) => node.setAttribute(k, attrs[k]));
    return node;
  }
  function shapeIcon(shape, colour) {
    const svg = svgEl("svg", { width: 14, height: 14, viewBox: "0 0 14 14", "aria-hidden": "true" });
    const paint = { fill: colour, stroke: "#fff", "stroke-width": 1 };
    let mark;
    if (shape === "square") mark = svgEl("rect", Object.assign({ x: 2, y: 2, width: 10, height: 10 }, paint));
    else if (shape === "diamond") mark = svgEl("polygon", Object.assign({ points: "7,0.5 13.5,7 7,13.5 0.5,7" }, paint));
    else if (shape === "triangle") mark = svgEl("polygon", Object.assign({ points: "7,1 13.5,12.5 0.5,12.5" }, paint));
    else if (shape === "star") {
      mark = svgEl("polygon", Object.assign({ points: "7,0.5 8.8,5 13.5,5.2 9.8,8.2 11.1,13 7,10.3 2.9,13 4.2,8.2 0.5,5.2 5.2,5" }, paint));
    } else mark = svgEl("circle", Object.assign({ cx: 7, cy: 7, r: 6 }, paint));
    svg.appendChild(mark);
    return svg;
  }
  function lineIcon(colour, dash, arrow) {
    const svg = svgEl("svg", { width: 26, height: 10, viewBox: "0 0 26 10", "aria-hidden": "true" });
    const line = svgEl("line", { x1: 1, y1: 5, x2: arrow ? 19 : 25, y2: 5, stroke: colour, "stroke-width": 2.2 });
    if (dash) line.setAttribute("stroke-dasharray", dash);
    svg.appendChild(line);
    if (arrow) svg.appendChild(svgEl("polygon", { points: "18,1 25,5 18,9", fill: colour }));
    return svg;
  }
  function chip(container, icon, text, count, onToggle) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "kg-chip";
    button.setAttribute("aria-pressed", "true");
    button.appendChild(icon);
    button.appendChild(document.createTextNode(" " + text + " "));
    if (count !== null) button.appendChild(Object.assign(document.createElement("span"), { className: "kg-n", textContent: count }));
    if (onToggle) {
      button.addEventListener("click", () => {
        const on = button.getAttribute("aria-pressed") !== "true";
        button.setAttribute("aria-pressed", String(on));
        onToggle(on);
      });
    } else {
      button.disabled = true;
      button.classList.add("kg-key");
    }
    container.appendChild(button);
    return button;
  }
  const facetChips = FACETS.map(() => ({}));
  function showFacetSummary() {
    const off = state.hiddenFacets.reduce((n, set) => n + set.size, 0);
    $("kg-filters-off").textContent = off ? "(" + off + " off)" : "";
  }
  function buildFacets() {
    FACETS.forEach((facet, i) => {
      const counts = {};
      E.forEach((e) => { if (e.facets[i] !== undefined) counts[e.facets[i]] = (counts[e.facets[i]] || 0) + 1; });
      const values = Object.keys(counts).sort((a, b) => {
        const known = facet.order || [];
        const ka = known.indexOf(a) < 0 ? known.length : known.indexOf(a);
        const kb = known.indexOf(b) < 0 ? known.length : known.indexOf(b);
        return ka - kb || counts[b] - counts[a] || (a < b ? -1 : 1);
      });
      if (!values.length) return;
      const group = el("div", "kg-chips kg-facet");
      group.setAttribute("role", "group");
      group.dataset.facet = facet.name;
      group.appendChild(el("span", "kg-facet-name", facet.title));
      values.forEach((value) => {
        const qi = QUADS.indexOf(value);
        const colour = qi >= 0 ? QUAD_COLOURS[qi] : facet.name === "status" && value === "cancelled" ? "#b0413e" : "#9aa5b1";
        facetChips[i][value] = chip(group, shapeIcon("square", colour), value.replace(/_/g, " "), counts[value], (on) => {
          if (on) state.hiddenFacets[i].delete(value); else state.hiddenFacets[i].add(value);
          showFacetSummary();
          apply();
        });
        facetChips[i][value].dataset.value = value;
      });
      $("kg-facets").appendChild(group);
    });
    $("kg-filters").hidden = !$("kg-facets").children.length;
  }
  const typeChips = {};
  const kindChips = {};
  function buildLegend() {
    const typeCounts = {};
    data.nodes.forEach((n) => { typeCounts[n.type] = (typeCounts[n.type] || 0) + 1; });
    data.types.filter((t) => typeCounts[t.name]).forEach((t) => {
      typeChips[t.name] = chip($("kg-types"), shapeIcon(t.shape, t.colour), t.name, typeCounts[t.name], (on) => {
        if (on) state.hiddenTypes.delete(t.name); else state.hiddenTypes.add(t.name);
        apply();
      });
    });
    const kindCounts = {};
    E.forEach((e) => { kindCounts[e.kind] = (kindCounts[e.kind] || 0) + 1; });
    data.kinds.forEach((k) => {
      kindChips[k.name] = chip($("kg-kinds"), lineIcon(k.colour, null, k.name === "statement"), k.name, kindCounts[k.name] || 0, (on) => {
        if (on) state.hiddenKinds.delete(k.name); else state.hiddenKinds.add(k.name);
        apply();
      });
    });
    buildFacets();
    chip($("kg-styles"), lineIcon(kindColour.meeting, "5 4", false), "planned", null, null);
    chip($("kg-styles"), lineIcon("#b0413e", "1.5 3.5", false), "✕ cancelled", null, null);
    chip($("kg-styles"), shapeIcon("dot", "#9aa5b1"), "size = mentions", null, null).id = "kg-size-key";
    if (focusIds.length) {
      const ring = svgEl("svg", { width: 14, height: 14, viewBox: "0 0 14 14", "aria-hidden": "true" });
      ring.appendChild(svgEl("circle", { cx: 7, cy: 7, r: 5.5, fill: "none", stroke: FOCUS_RING, "stroke-width": 2 }));
      chip($("kg-styles"), ring, "focus", null, null).id = "kg-focus-key";
    }
  }

  // ---- timeline ------------------------------------------------------------------------------------------
  // The slider and the histogram show a window of days (view.lo..view.hi). It opens on where the facts are
  // (the 2nd to 98th percentile of the dated edges), so one far-off date does not squash the rest into a
  // few pixels; the wheel, brushing and "all dates" zoom it. The selected range (state.from..to) may reach
  // beyond the window: it opens on every date, so nothing is hidden until the reader narrows it.
  const fromInput = $("kg-from");
  const toInput = $("kg-to");
  const MIN_VIEW_DAYS = 7;
  function denseWindow() {
    if (!dated.length) return { lo: minDay, hi: maxDay };
    const starts = dated.map((e) => e.start).sort((a, b) => a - b);
    const ends = dated.map((e) => e.end).sort((a, b) => a - b);
    const at = (list, q) => list[Math.min(list.length - 1, Math.floor(q * list.length))];
    let lo = at(starts, 0.02);
    let hi = at(ends, 0.98);
    const pad = Math.max(1, Math.round((hi - lo) * 0.03));
    return clampView(lo - pad, hi + pad);
  }
  function clampView(lo, hi) {
    // at least MIN_VIEW_DAYS wide (when the dates allow), never beyond the first and last dated day
    const full = maxDay - minDay;
    const want = Math.min(full, Math.max(MIN_VIEW_DAYS - 1, hi - lo));
    if (hi - lo < want) { const grow = want - (hi - lo); lo -= Math.floor(grow / 2); hi += Math.ceil(grow / 2); }
    if (lo < minDay) { hi += minDay - lo; lo = minDay; }
    if (hi > maxDay) { lo -= hi - maxDay; hi = maxDay; }
    return { lo: Math.max(minDay, Math.round(lo)), hi: Math.min(maxDay, Math.round(hi)) };
  }
  const opening = denseWindow();  // where the timeline opens (a permalink records only a different zoom)
  const view = { lo: opening.lo, hi: opening.hi };
  function setView(lo, hi) {
    const next = clampView(lo, hi);
    view.lo = next.lo;
    view.hi = next.hi;
    [fromInput, toInput].forEach((input) => { input.max = String(view.hi - view.lo); });
    showRange();
    drawHistogram();
    drawLanes();
    writeHash();
  }
  function showRange() {
    const clampDay = (d) => Math.max(view.lo, Math.min(d, view.hi));
    fromInput.value = String(clampDay(state.from) - view.lo);
    toInput.value = String(clampDay(state.to) - view.lo);
    const span = Math.max(1, view.hi - view.lo);
    const fill = $("kg-range-fill");
    fill.style.left = ((clampDay(state.from) - view.lo) / span * 100) + "%";
    fill.style.right = ((view.hi - clampDay(state.to)) / span * 100) + "%";
    $("kg-range-label").textContent = dated.length
      ? iso(state.from) + " → " + iso(state.to) + " (" + plural(state.to - state.from + 1, "day") + ")"
      : "no dated edges";
    const before = dated.filter((e) => e.end < view.lo).length;
    const after = dated.filter((e) => e.start > view.hi).length;
    const outside = [before ? plural(before, "edge") + " earlier" : "", after ? plural(after, "edge") + " later" : ""]
      .filter(Boolean).join(", ");
    $("kg-view-label").textContent = dated.length
      ? "showing " + iso(view.lo) + " – " + iso(view.hi) + (outside ? " · " + outside : "") : "";
    $("kg-zoom-all").disabled = view.lo === minDay && view.hi === maxDay;
  }
  function setRange(from, to, source, keepView) {
    from = Math.max(minDay, Math.min(from, maxDay));
    to = Math.max(minDay, Math.min(to, maxDay));
    if (from > to) { if (source === "from") to = from; else from = to; }
    state.from = from;
    state.to = to;
    // keep the end that moved inside the window: pan when stepping past its edge
    const moved = source === "from" ? from : to;
    if (!keepView && (moved < view.lo || moved > view.hi)) {
      const width = view.hi - view.lo;
      const lo = moved < view.lo ? moved : moved - width;
      view.lo = lo; view.hi = lo + width;
      setView(view.lo, view.hi);
    }
    showRange();
    apply();
  }

  // edges per day, stacked by kind; a month- or year-dated edge is spread over its days
  const kindsOrder = data.kinds.map((k) => k.name);
  function histogramBins(columns) {
    const span = view.hi - view.lo + 1;
    const bins = [];
    for (let i = 0; i < columns; i += 1) bins.push(kindsOrder.map(() => 0));
    dated.forEach((e) => {
      if (e.end < view.lo || e.start > view.hi) return;
      const k = kindsOrder.indexOf(e.kind);
      const days = e.end - e.start + 1;
      for (let d = Math.max(e.start, view.lo); d <= Math.min(e.end, view.hi); d += 1) {
        const column = Math.min(columns - 1, Math.floor((d - view.lo) * columns / span));
        bins[column][k] += 1 / days;
      }
    });
    return bins;
  }
  let histogramCache = null;
  function histogramWidth() { return Math.max(10, $("kg-histogram").clientWidth); }
  function drawHistogram() {
    const canvas = $("kg-histogram");
    const width = histogramWidth();
    const height = canvas.clientHeight || 46;
    const ratio = window.devicePixelRatio || 1;
    if (canvas.width !== Math.round(width * ratio)) canvas.width = Math.round(width * ratio);
    if (canvas.height !== Math.round(height * ratio)) canvas.height = Math.round(height * ratio);
    const ctx = canvas.getContext("2d");
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, height);
    if (!dated.length) return;
    const span = view.hi - view.lo + 1;
    const columns = Math.max(1, Math.min(span, Math.floor(width / 3)));
    const key = columns + ":" + view.lo + ":" + view.hi;
    if (!histogramCache || histogramCache.key !== key) histogramCache = { key: key, bins: histogramBins(columns) };
    const bins = histogramCache.bins;
    const top = Math.max(1e-9, ...bins.map((b) => b.reduce((a, c) => a + c, 0)));
    const barWidth = width / columns;
    bins.forEach((bin, i) => {
      const dayStart = view.lo + Math.floor(i * span / columns);
      const dayEnd = view.lo + Math.floor((i + 1) * span / columns) - 1;
      const inside = dayEnd >= state.from && dayStart <= state.to;
      let y = height;
      bin.forEach((count, k) => {
        if (!count) return;
        const h = Math.max(1.5, count / top * (height - 13));  // the top 13 px hold the month labels
        ctx.globalAlpha = inside && !state.hiddenKinds.has(kindsOrder[k]) ? 0.9 : 0.2;
        ctx.fillStyle = kindColour[kindsOrder[k]] || "#888";
        ctx.fillRect(i * barWidth + 0.5, y - h, Math.max(1, barWidth - 1), h);
        y -= h;
      });
    });
    ctx.globalAlpha = 1;
    drawTicks(ctx, width, span);
    if (brush) {
      const a = dayX(Math.min(brush.a, brush.b), width);
      const b = dayX(Math.max(brush.a, brush.b) + 1, width);
      ctx.fillStyle = "rgba(27,108,168,0.18)";
      ctx.fillRect(a, 0, Math.max(1, b - a), height);
    }
  }
  const dayX = (day, width) => (day - view.lo) / (view.hi - view.lo + 1) * width;
  function dayAt(clientX) {
    const box = $("kg-histogram").getBoundingClientRect();
    const share = Math.max(0, Math.min(1, (clientX - box.left) / Math.max(1, box.width)));
    return Math.min(view.hi, view.lo + Math.floor(share * (view.hi - view.lo + 1)));
  }

  // years on long windows, months on medium ones, days on short ones, along the top of the histogram
  function drawTicks(ctx, width, span) {
    const ticks = timeTicks(span);
    const every = Math.max(1, Math.ceil(ticks.length * 52 / width));  // keep labels about 52 px apart
    ctx.font = "10px system-ui, sans-serif";
    ctx.textBaseline = "top";
    ticks.forEach(([day, label], i) => {
      const x = Math.round(dayX(day, width)) + 0.5;
      ctx.fillStyle = "#c8ccd2";
      ctx.fillRect(x, 0, 1, i % every ? 3 : 6);
      if (i % every === 0 && x + 40 < width) {
        ctx.fillStyle = "#8c959f";
        ctx.fillText(label, x + 3, 0);
      }
    });
  }
  function timeTicks(span) {
    const first = new Date(view.lo * DAY_MS);
    const ticks = [];
    const scale = span > 3 * 366 ? "year" : span > 92 ? "month" : "day";
    if (scale === "day") {
      for (let d = view.lo; d <= view.hi; d += 1) ticks.push([d, iso(d).slice(5)]);
    } else {
      let year = first.getUTCFullYear();
      let month = scale === "year" ? 0 : first.getUTCMonth();
      for (;;) {
        if (scale === "year") year += 1; else { month += 1; if (month > 11) { month = 0; year += 1; } }
        const day = Math.round(Date.UTC(year, month, 1) / DAY_MS);
        if (day > view.hi) break;
        ticks.push([day, scale === "year" ? String(year) : year + "-" + String(month + 1).padStart(2, "0")]);
      }
    }
    return ticks;
  }

  let playTimer = null;
  const dayStarts = Array.from(new Set(dated.map((e) => e.start))).sort((a, b) => a - b);
  function stopPlay() {
    if (playTimer !== null) clearInterval(playTimer);
    playTimer = null;
    $("kg-play").textContent = "▶";
    $("kg-play").setAttribute("aria-label", "Play");
  }
  function step() {
    // move the end of the range to the next day that has a dated edge; the start stays
    const next = dayStarts.find((d) => d > state.to);
    if (next === undefined) { stopPlay(); return false; }
    setRange(state.from, next, "to");
    return true;
  }
  function togglePlay() {
    if (playTimer !== null) { stopPlay(); return; }
    if (!dayStarts.length) return;
    if (state.to >= maxDay || !dayStarts.some((d) => d > state.to)) {
      setRange(state.from, Math.max(state.from, dayStarts.find((d) => d >= state.from) ?? state.from), "to");
    } else step();
    $("kg-play").textContent = "❚❚";
    $("kg-play").setAttribute("aria-label", "Pause");
    playTimer = setInterval(step, 700);
  }

  // zoom the window around a day by a factor (> 1 zooms out)
  function zoomView(around, factor) {
    const lo = around - (around - view.lo) * factor;
    const hi = around + (view.hi - around) * factor;
    setView(Math.floor(lo), Math.ceil(hi));
  }
  let brush = null;
  function buildTimeline() {
    [fromInput, toInput].forEach((input) => { input.disabled = !dated.length; });
    $("kg-play").disabled = !dated.length;
    fromInput.addEventListener("input", () => { stopPlay(); setRange(view.lo + (+fromInput.value), state.to, "from"); });
    toInput.addEventListener("input", () => { stopPlay(); setRange(state.from, view.lo + (+toInput.value), "to"); });
    // arrows step a day, shift+arrows a week (the browser's own step on a wide slider is a jump)
    [[fromInput, "from"], [toInput, "to"]].forEach(([input, end]) => input.addEventListener("keydown", (ev) => {
      const sign = { ArrowRight: 1, ArrowUp: 1, ArrowLeft: -1, ArrowDown: -1 }[ev.key];
      if (!sign) return;
      ev.preventDefault();
      stopPlay();
      const by = sign * (ev.shiftKey ? 7 : 1);
      if (end === "from") setRange(state.from + by, state.to, "from"); else setRange(state.from, state.to + by, "to");
    }));
    const canvas = $("kg-histogram");
    // the histogram: arrows move the whole range (a day, shift: a week); the wheel zooms around the pointer,
    // a horizontal wheel pans; dragging selects a range and zooms to it; a double click shows all dates
    canvas.addEventListener("keydown", (ev) => {
      const sign = { ArrowRight: 1, ArrowLeft: -1 }[ev.key];
      if (!sign || !dated.length) return;
      ev.preventDefault();
      const by = sign * (ev.shiftKey ? 7 : 1);
      setRange(state.from + by, state.to + by, by > 0 ? "to" : "from");
    });
    canvas.addEventListener("wheel", (ev) => {
      if (!dated.length) return;
      ev.preventDefault();
      if (Math.abs(ev.deltaX) > Math.abs(ev.deltaY)) {
        const shift = Math.round(ev.deltaX / 100 * Math.max(1, (view.hi - view.lo) / 10));
        setView(view.lo + shift, view.hi + shift);
      } else {
        zoomView(dayAt(ev.clientX), ev.deltaY > 0 ? 1.25 : 0.8);
      }
    }, { passive: false });
    canvas.addEventListener("pointerdown", (ev) => {
      if (!dated.length || ev.button !== 0) return;
      brush = { a: dayAt(ev.clientX), b: dayAt(ev.clientX), x: ev.clientX };
      canvas.setPointerCapture(ev.pointerId);
    });
    canvas.addEventListener("pointermove", (ev) => {
      if (!brush) return;
      brush.b = dayAt(ev.clientX);
      drawHistogram();
    });
    const endBrush = (ev) => {
      if (!brush) return;
      const done = brush;
      brush = null;
      if (Math.abs(ev.clientX - done.x) < 4) { drawHistogram(); return; }  // a click, not a drag
      const end = dayAt(ev.clientX);
      const lo = Math.min(done.a, end);
      const hi = Math.max(done.a, end);
      stopPlay();
      setView(lo, hi);
      setRange(lo, hi, "to");
    };
    canvas.addEventListener("pointerup", endBrush);
    canvas.addEventListener("pointercancel", () => { brush = null; drawHistogram(); });
    canvas.addEventListener("dblclick", () => setView(minDay, maxDay));
    $("kg-zoom-all").addEventListener("click", () => setView(minDay, maxDay));
    $("kg-play").addEventListener("click", togglePlay);
    $("kg-undated-count").textContent = "(" + undatedCount + ")";
    $("kg-undated").addEventListener("change", (ev) => { state.undated = ev.target.checked; apply(); });
    window.addEventListener("resize", drawHistogram);
    setView(view.lo, view.hi);
  }


  // ---- lanes: chosen entities' facts on one time axis, one lane each ---------------------------------------
  // The axis is the timeline's window (zoom the histogram to zoom the lanes); the filters apply, facts outside
  // the selected range are faded; undated facts sit in a column at the right. A click on a mark shows the
  // fact in the provenance panel, like a click on an edge.
  const LANE_HEIGHT = 36;
  const LANE_LABEL = 170;  // px for the names
  const UNDATED_COLUMN = 90;
  const MOST_ACTIVE = 8;
  const lanes = { open: false, ids: [], chosen: null };
  function factsOf(id) {
    const facts = new Map();  // record index -> {start, end, shown}
    byId[id].edges.forEach((e) => {
      if (!edgeFiltered(e)) return;
      const fact = facts.get(e.rec) || { rec: e.rec, start: e.start, end: e.end, inRange: false };
      fact.inRange = fact.inRange || edgeVisible(e);
      facts.set(e.rec, fact);
    });
    return Array.from(facts.values());
  }
  function mostActive() {
    return data.nodes.map((n) => ({ id: n.id, count: new Set(n.edges.map((e) => e.rec)).size, mentions: n.mentions }))
      .filter((n) => n.count).sort((a, b) => b.count - a.count || b.mentions - a.mentions || (a.id < b.id ? -1 : 1))
      .slice(0, MOST_ACTIVE).map((n) => n.id);
  }
  function setLanes(ids) {
    lanes.ids = ids.filter((id, i) => byId[id] && ids.indexOf(id) === i);
    drawLanes();
    writeHash();
  }
  function openLanes(open) {
    lanes.open = open;
    $("kg-lanes").hidden = !open;
    $("kg-lanes-toggle").setAttribute("aria-pressed", String(open));
    if (open && !lanes.ids.length) lanes.ids = mostActive();
    drawLanes();
    writeHash();
  }
  function markShape(r, id) {
    const colour = kindColour[r.kind] || "#888";
    if (r.kind === "statement") {
      const own = r.speaker === id;
      return svgEl("circle", { r: 5, fill: own ? colour : "#fff", stroke: colour, "stroke-width": 2 });
    }
    if (r.kind === "meeting") {
      const cancelled = r.status === "cancelled";
      const mark = svgEl("rect", { x: -5, y: -5, width: 10, height: 10, fill: r.status === "held" ? colour : "#fff",
                                   stroke: cancelled ? "#b0413e" : colour, "stroke-width": 2 });
      if (r.status === "planned") mark.setAttribute("stroke-dasharray", "3 2");
      return mark;
    }
    return svgEl("polygon", { points: "0,-6 6,5 -6,5", fill: colour, stroke: "#fff", "stroke-width": 1 });
  }
  function drawLanes() {
    if (!lanes.open) return;
    const box = $("kg-lanes-chart");
    box.replaceChildren();
    const list = $("kg-lanes-list");
    list.replaceChildren();
    lanes.ids.forEach((id) => {
      const item = el("span", "kg-lane-chip");
      item.appendChild(entityButton(id));
      const drop = el("button", "kg-lane-drop", "×");
      drop.type = "button";
      drop.title = "Remove this lane";
      drop.setAttribute("aria-label", "Remove " + labelOf(id));
      drop.addEventListener("click", () => setLanes(lanes.ids.filter((other) => other !== id)));
      item.appendChild(drop);
      list.appendChild(item);
    });
    if (!lanes.ids.length) {
      box.appendChild(el("p", "kg-hint", "No lanes: add an entity by name, or take the most active."));
      return;
    }
    const width = Math.max(300, box.clientWidth - 8);
    const plot = width - LANE_LABEL - UNDATED_COLUMN;
    const height = 24 + lanes.ids.length * LANE_HEIGHT;
    const svg = svgEl("svg", { width: width, height: height, role: "img", "aria-label": "Facts per entity over time" });
    const span = view.hi - view.lo + 1;
    const xOf = (day) => LANE_LABEL + (day - view.lo + 0.5) / span * plot;
    timeTicks(span).forEach(([day, label], i, all) => {
      const x = xOf(day) - plot / span / 2;
      svg.appendChild(svgEl("line", { x1: x, x2: x, y1: 16, y2: height, stroke: "#eceef1" }));
      const every = Math.max(1, Math.ceil(all.length * 60 / plot));
      if (i % every === 0) {
        const text = svgEl("text", { x: x + 3, y: 11, "font-size": 10, fill: "#8c959f" });
        text.textContent = label;
        svg.appendChild(text);
      }
    });
    const undatedText = svgEl("text", { x: LANE_LABEL + plot + 8, y: 11, "font-size": 10, fill: "#8c959f" });
    undatedText.textContent = "undated";
    svg.appendChild(undatedText);
    svg.appendChild(svgEl("line", { x1: LANE_LABEL + plot + 4, x2: LANE_LABEL + plot + 4, y1: 2, y2: height, stroke: "#c8ccd2",
                                    "stroke-dasharray": "2 3" }));
    const marks = [];
    lanes.ids.forEach((id, lane) => {
      const top = 20 + lane * LANE_HEIGHT;
      const middle = top + LANE_HEIGHT / 2;
      svg.appendChild(svgEl("rect", { x: 0, y: top, width: width, height: LANE_HEIGHT, fill: lane % 2 ? "#fafbfc" : "#fff" }));
      const name = svgEl("text", { x: 6, y: middle + 4, "font-size": 12, fill: "#1f2328", "font-weight": 600 });
      name.textContent = clip(labelOf(id), 24);
      svg.appendChild(name);
      svg.appendChild(svgEl("line", { x1: LANE_LABEL, x2: LANE_LABEL + plot, y1: middle, y2: middle, stroke: "#dfe2e6" }));
      const perSpot = {};
      let undated = 0;
      factsOf(id).sort((a, b) => recordOrder(a.rec, b.rec)).forEach((fact) => {
        const r = data.records[fact.rec];
        let x;
        if (fact.start === null) {
          x = LANE_LABEL + plot + 10 + (undated % 8) * 10;
          undated += 1;
        } else {
          if (fact.end < view.lo || fact.start > view.hi) return;
          const mid = (Math.max(fact.start, view.lo) + Math.min(fact.end, view.hi)) / 2;
          x = xOf(mid);
          if (fact.end > fact.start) {  // a month or a year: its whole span, thin
            svg.appendChild(svgEl("line", { x1: xOf(Math.max(fact.start, view.lo)), x2: xOf(Math.min(fact.end, view.hi)),
                                            y1: middle, y2: middle, stroke: kindColour[r.kind] || "#888", "stroke-width": 3,
                                            opacity: 0.35 }));
          }
        }
        const spot = Math.round(x / 6);
        const stack = perSpot[spot] || 0;  // marks on the same spot fan out above and below the line
        perSpot[spot] = stack + 1;
        const dy = stack ? (stack % 2 ? -1 : 1) * Math.min(12, Math.ceil(stack / 2) * 6) : 0;
        const group = svgEl("g", { transform: "translate(" + x.toFixed(1) + "," + (middle + dy) + ")", class: "kg-mark",
                                   tabindex: 0, opacity: fact.inRange ? 1 : 0.25 });
        group.appendChild(markShape(r, id));
        const title = svgEl("title", {});
        title.textContent = (r.date || "undated") + " · " + r.kind + " · " + recordSummary(r);
        group.appendChild(title);
        group.dataset.rec = String(fact.rec);
        group.dataset.entity = id;
        if (lanes.chosen === fact.rec) group.classList.add("kg-mark-chosen");
        const choose = () => {
          lanes.chosen = fact.rec;
          svg.querySelectorAll(".kg-mark-chosen").forEach((m) => m.classList.remove("kg-mark-chosen"));
          svg.querySelectorAll('.kg-mark[data-rec="' + fact.rec + '"]').forEach((m) => m.classList.add("kg-mark-chosen"));
          showRecord(fact.rec);
        };
        group.addEventListener("click", choose);
        group.addEventListener("keydown", (ev) => { if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); choose(); } });
        svg.appendChild(group);
        marks.push(group);
      });
    });
    box.appendChild(svg);
  }
  function showRecord(rec) {
    const r = data.records[rec];
    const details = panel();
    details.appendChild(el("h2", null, r.kind[0].toUpperCase() + r.kind.slice(1) + (r.date ? " · " + r.date : " · undated")));
    details.appendChild(factCard(r));
    details.appendChild(el("div", "kg-sub kg-id", "record " + r.id));
  }
  function buildLanes() {
    $("kg-lanes-toggle").addEventListener("click", () => openLanes(!lanes.open));
    $("kg-lanes-close").addEventListener("click", () => openLanes(false));
    $("kg-lanes-active").addEventListener("click", () => setLanes(mostActive()));
    $("kg-lanes-clear").addEventListener("click", () => setLanes([]));
    const input = $("kg-lanes-add");
    input.addEventListener("keydown", (ev) => {
      if (ev.key !== "Enter") return;
      ev.preventDefault();
      const found = search(input.value, 1)[0];
      if (!found) { input.setCustomValidity("no entity matches"); input.reportValidity(); return; }
      input.setCustomValidity("");
      input.value = "";
      setLanes(lanes.ids.concat([found.node.id]));
    });
    window.addEventListener("resize", drawLanes);
  }

  // ---- search ----------------------------------------------------------------------------------------------
  const index = [];
  data.nodes.forEach((n) => {
    const names = [[n.label, "label"]];
    n.aliases.forEach((a) => names.push([a, "alias"]));
    n.roles.forEach((r) => names.push([r[1], "role"]));
    names.push([n.id, "id"]);
    names.forEach(([text, how]) => index.push({ key: fold(text), text: text, how: how, node: n }));
  });
  function search(query, limit) {
    const q = fold(query);
    if (!q) return [];
    const best = new Map();
    index.forEach((entry) => {
      const at = entry.key.indexOf(q);
      if (at < 0) return;
      const score = entry.key === q ? 0 : at === 0 ? 1 : entry.key[at - 1] === " " || entry.key[at - 1] === "/" ? 2 : 3;
      const old = best.get(entry.node.id);
      const rank = score * 4 + ["label", "alias", "role", "id"].indexOf(entry.how);
      if (!old || rank < old.rank) best.set(entry.node.id, { node: entry.node, entry: entry, rank: rank });
    });
    return Array.from(best.values())
      .sort((a, b) => a.rank - b.rank || b.node.mentions - a.node.mentions || (a.node.label < b.node.label ? -1 : 1))
      .slice(0, limit || 8);
  }
  let suggestions = [];
  let highlighted = 0;
  function showSuggestions() {
    const list = $("kg-suggest");
    list.replaceChildren();
    suggestions.forEach((s, i) => {
      const item = document.createElement("li");
      item.setAttribute("role", "option");
      item.setAttribute("aria-selected", String(i === highlighted));
      item.appendChild(shapeIcon((typeStyle[s.node.type] || {}).shape || "dot", (typeStyle[s.node.type] || {}).colour || "#888"));
      item.appendChild(Object.assign(document.createElement("span"), { className: "kg-s-label", textContent: s.node.label }));
      const via = s.entry.how === "label" ? s.node.type : s.node.type + " · " + s.entry.how + " “" + clip(s.entry.text, 40) + "”";
      item.appendChild(Object.assign(document.createElement("span"), { className: "kg-s-via", textContent: via }));
      item.addEventListener("mousedown", (ev) => { ev.preventDefault(); choose(i); });
      list.appendChild(item);
    });
    if (!suggestions.length && $("kg-search").value.trim()) {
      list.appendChild(Object.assign(document.createElement("li"), { className: "kg-none", textContent: "no entity matches" }));
    }
    list.hidden = !$("kg-search").value.trim();
  }
  function choose(i) {
    const s = suggestions[i];
    if (!s) return;
    $("kg-suggest").hidden = true;
    $("kg-search").value = s.node.label;
    focusNode(s.node.id);
  }
  function buildSearch() {
    const input = $("kg-search");
    input.addEventListener("input", () => { suggestions = search(input.value); highlighted = 0; showSuggestions(); });
    input.addEventListener("keydown", (ev) => {
      if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
        ev.preventDefault();
        if (!suggestions.length) return;
        highlighted = (highlighted + (ev.key === "ArrowDown" ? 1 : suggestions.length - 1)) % suggestions.length;
        showSuggestions();
      } else if (ev.key === "Enter") {
        ev.preventDefault();
        if (!suggestions.length) suggestions = search(input.value);
        choose(highlighted);
      } else if (ev.key === "Escape") {
        $("kg-suggest").hidden = true;
      }
    });
    input.addEventListener("blur", () => { $("kg-suggest").hidden = true; });
    input.addEventListener("focus", () => { if (input.value.trim()) showSuggestions(); });
    document.addEventListener("keydown", (ev) => {
      if (ev.key === "/" && document.activeElement !== input && !/^(INPUT|SELECT|TEXTAREA)$/.test(document.activeElement.tagName)) {
        ev.preventDefault();
        input.focus();
        input.select();
      }
    });
  }

  function focusNode(id) {
    const n = byId[id];
    if (!n) return;
    if (state.hiddenTypes.has(n.type)) {  // the user asked for it: show its type again
      state.hiddenTypes.delete(n.type);
      typeChips[n.type].setAttribute("aria-pressed", "true");
      apply();
    }
    if (n.hidden) {
      state.hideInactive = false;
      $("kg-hide-inactive").checked = false;
      state.hideIsolated = false;
      $("kg-isolated").checked = true;
      apply();
    }
    network.selectNodes([id]);
    select(id);
    network.focus(id, { scale: Math.max(network.getScale(), 1.2), animation: { duration: 300, easingFunction: "easeInOutQuad" } });
    showNode(id);
  }

  // ---- provenance panel ----------------------------------------------------------------------------------
  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function entityButton(id) {
    const n = byId[id];
    const button = el("button", "kg-entity", labelOf(id));
    button.type = "button";
    if (n) {
      button.style.setProperty("--type", (typeStyle[n.type] || {}).colour || "#888");
      button.title = n.type + " · " + id;
      button.addEventListener("click", () => focusNode(id));
    } else {
      button.disabled = true;
      button.title = id + " (not in this graph)";
    }
    return button;
  }
  function entityList(ids, separator) {
    const span = el("span", "kg-entities");
    ids.forEach((id, i) => {
      if (i) span.appendChild(document.createTextNode(separator || ", "));
      span.appendChild(entityButton(id));
    });
    return span;
  }
  function sourceBlock(r) {
    const doc = data.documents[r.doc] || {};
    const block = el("div", "kg-source");
    block.appendChild(el("span", "kg-doc-title", doc.title || r.doc));
    const meta = [doc.outlet, doc.published].filter(Boolean).join(" · ");
    if (meta) block.appendChild(el("span", "kg-doc-meta", " — " + meta));
    const url = safeUrl(doc.url);
    if (url) {
      // a link the reader may click; nothing is fetched until then
      const link = el("a", "kg-doc-link", "open article ↗");
      link.href = url;
      link.target = "_blank";
      link.rel = "noopener noreferrer nofollow";
      link.title = url;
      block.appendChild(document.createTextNode(" "));
      block.appendChild(link);
    }
    return block;
  }
  function factCard(r) {
    const card = el("article", "kg-fact kg-fact-" + r.kind);
    const head = el("div", "kg-fact-head");
    const when = el("span", "kg-date" + (r.date ? "" : " kg-undated"), r.date || "undated");
    if (r.expression) when.title = "“" + r.expression + "”" + (r.precision && r.precision !== "day" ? " (" + r.precision + ")" : "");
    head.appendChild(when);
    head.appendChild(el("span", "kg-tag kg-tag-" + r.kind, r.kind));
    head.appendChild(el("span", "kg-tag" + (r.status === "cancelled" ? " kg-cancelled" : ""), recordSummary(r)));
    if (r.report && r.report !== r.date) head.appendChild(el("span", "kg-report", "reported " + r.report));
    card.appendChild(head);
    const who = el("div", "kg-who");
    if (r.kind === "statement") {
      who.appendChild(entityButton(r.speaker));
      if ((r.addressees || []).length) { who.appendChild(document.createTextNode(" to ")); who.appendChild(entityList(r.addressees)); }
      if ((r.about || []).length) { who.appendChild(document.createTextNode(" about ")); who.appendChild(entityList(r.about)); }
    } else {
      who.appendChild(entityList(r.participants || [], " · "));
      if (r.place) { who.appendChild(document.createTextNode(" at ")); who.appendChild(entityButton(r.place)); }
    }
    card.appendChild(who);
    if (r.quote) card.appendChild(el("blockquote", "kg-quote", "“" + r.quote + "”"));
    else if (r.content) card.appendChild(el("blockquote", "kg-content", r.content));
    card.appendChild(el("div", "kg-cue", "cue: " + r.cue));
    card.appendChild(sourceBlock(r));
    const sentence = el("p", "kg-sentence", r.sentence);
    sentence.title = "sentence " + (r.sentence_index + 1) + " of " + r.doc;
    card.appendChild(sentence);
    return card;
  }
  const recordOrder = (a, b) => {
    const ra = data.records[a];
    const rb = data.records[b];
    const da = ra.date ? dayOf(ra.date) : Infinity;
    const db = rb.date ? dayOf(rb.date) : Infinity;
    return da - db || (ra.report || "").localeCompare(rb.report || "") || ra.id.localeCompare(rb.id);
  };
  const SHOW_FIRST = 60;
  function factGroup(parent, title, recs) {
    if (!recs.length) return;
    const section = el("section", "kg-group");
    section.appendChild(el("h3", null, title + " (" + recs.length + ")"));
    const list = el("div", "kg-facts");
    recs.slice(0, SHOW_FIRST).forEach((i) => list.appendChild(factCard(data.records[i])));
    section.appendChild(list);
    if (recs.length > SHOW_FIRST) {
      const more = el("button", "kg-more", "show " + (recs.length - SHOW_FIRST) + " more");
      more.type = "button";
      more.addEventListener("click", () => {
        recs.slice(SHOW_FIRST).forEach((i) => list.appendChild(factCard(data.records[i])));
        more.remove();
      });
      section.appendChild(more);
    }
    parent.appendChild(section);
  }
  function panel() {
    const details = $("kg-details");
    details.replaceChildren();
    $("kg-panel").scrollTop = 0;
    return details;
  }
  function showNode(id) {
    const n = byId[id];
    const details = panel();
    const head = el("div", "kg-node-head");
    head.appendChild(shapeIcon((typeStyle[n.type] || {}).shape || "dot", (typeStyle[n.type] || {}).colour || "#888"));
    head.appendChild(el("h2", null, n.label));
    details.appendChild(head);
    details.appendChild(el("div", "kg-sub", n.type + " · " + n.id));
    const dl = el("dl", "kg-props");
    const prop = (term, value) => { dl.appendChild(el("dt", null, term)); const dd = el("dd"); dd.append(value); dl.appendChild(dd); };
    if (n.aliases.length) prop("Also called", n.aliases.join(", "));
    if (n.roles.length) {
      const roles = el("ul", "kg-roles");
      n.roles.forEach((r) => {
        const item = el("li", null, r[1] + (r[0] && r[0] !== r[1] ? " (" + r[0] + ")" : ""));
        if (r[2]) { item.appendChild(document.createTextNode(" — of ")); item.appendChild(entityButton(r[2])); }
        roles.appendChild(item);
      });
      prop("Roles", roles);
    }
    prop("Mentioned", plural(n.mentions, "time") + " in " + plural(n.docs, "article"));
    details.appendChild(dl);
    const groups = { by: [], to: [], meeting: [], event: [] };
    const seen = new Set();
    n.edges.forEach((e) => {
      if (seen.has(e.rec)) return;
      seen.add(e.rec);
      const r = data.records[e.rec];
      if (r.kind === "statement") groups[r.speaker === id ? "by" : "to"].push(e.rec);
      else groups[r.kind === "meeting" ? "meeting" : "event"].push(e.rec);
    });
    Object.values(groups).forEach((g) => g.sort(recordOrder));
    if (!seen.size) details.appendChild(el("p", "kg-hint", "No statement, meeting or event links this entity."));
    factGroup(details, "Statements by " + n.label, groups.by);
    factGroup(details, "Statements to or about " + n.label, groups.to);
    factGroup(details, "Meetings", groups.meeting);
    factGroup(details, "Events", groups.event);
  }
  function showEdge(edgeId) {
    const e = E[edgeId];
    const r = data.records[e.rec];
    const details = panel();
    details.appendChild(el("h2", null, e.kind[0].toUpperCase() + e.kind.slice(1) + (r.date ? " · " + r.date : " · undated")));
    const line = el("div", "kg-sub");
    line.appendChild(entityButton(e.from));
    line.appendChild(document.createTextNode(e.kind === "statement" ? " → " : " — "));
    line.appendChild(entityButton(e.to));
    if (e.role) line.appendChild(document.createTextNode(" (" + e.role + ")"));
    details.appendChild(line);
    details.appendChild(factCard(r));
    details.appendChild(el("div", "kg-sub kg-id", "record " + r.id));
  }
  function showOverview() {
    const details = panel();
    details.appendChild(el("h2", null, "Overview"));
    const kinds = {};
    const seen = new Set();
    E.forEach((e) => { if (!seen.has(e.rec)) { seen.add(e.rec); kinds[e.kind] = (kinds[e.kind] || 0) + 1; } });
    const facts = kindsOrder.filter((k) => kinds[k]).map((k) => plural(kinds[k], k));
    details.appendChild(el("p", "kg-sub", plural(data.nodes.length, "entity", "entities") + " and " + plural(E.length, "edge") +
      (facts.length ? " drawn from " + facts.join(", ") : "") + "; " + plural(Object.keys(data.documents).length, "article") + "."));
    details.appendChild(el("p", "kg-hint", "Click an entity or an edge to see its sources. Drag the timeline to keep the edges " +
      "dated in a range; ▶ steps through the days. Hover for a summary."));
    const top = data.nodes.slice().sort((a, b) => b.edges.length - a.edges.length || b.mentions - a.mentions || (a.id < b.id ? -1 : 1))
      .filter((n) => n.edges.length).slice(0, 12);
    if (top.length) {
      const section = el("section", "kg-group");
      section.appendChild(el("h3", null, "Most connected"));
      const list = el("ol", "kg-top-list");
      top.forEach((n) => {
        const item = el("li");
        item.appendChild(entityButton(n.id));
        item.appendChild(el("span", "kg-n", " " + plural(n.edges.length, "edge")));
        list.appendChild(item);
      });
      section.appendChild(list);
      details.appendChild(section);
    }
    const docs = Object.keys(data.documents).sort((a, b) =>
      (data.documents[a].published || "").localeCompare(data.documents[b].published || "") || a.localeCompare(b));
    if (docs.length) {
      const section = el("section", "kg-group");
      section.appendChild(el("h3", null, "Articles (" + docs.length + ")"));
      docs.slice(0, 200).forEach((d) => section.appendChild(sourceBlock({ doc: d })));
      details.appendChild(section);
    }
  }

  // ---- wiring --------------------------------------------------------------------------------------------
  function buildTools() {
    $("kg-size").addEventListener("change", (ev) => {
      state.size = ev.target.value;
      setOptionsFast("nodes", data.nodes.map((n) => ({ id: n.id, value: nodeValue(n) })));
      refresh(true);
      const key = $("kg-size-key");
      key.replaceChildren(shapeIcon("dot", "#9aa5b1"), document.createTextNode(" size = " + state.size));
    });
    $("kg-edge-dates").addEventListener("change", (ev) => {
      state.edgeDates = ev.target.checked;
      edges.update(E.map((e) => ({ id: e.id, label: edgeLabel(e) })));
    });
    $("kg-hide-inactive").addEventListener("change", (ev) => { state.hideInactive = ev.target.checked; apply(); });
    const isolated = data.nodes.filter((n) => n.isolated).length;
    $("kg-isolated-count").textContent = "(" + isolated + ")";
    $("kg-isolated").disabled = !isolated;
    $("kg-isolated").addEventListener("change", (ev) => { state.hideIsolated = !ev.target.checked; apply(); fit(); });
    $("kg-fit").addEventListener("click", fit);
    $("kg-copy-link").addEventListener("click", copyLink);
    $("kg-merge").disabled = !merged.length;
    $("kg-merge").addEventListener("change", (ev) => setMerge(ev.target.checked));
  }

  // fit the entities on show (hidden isolated entities would otherwise keep the view wide)
  function fit() {
    const shown = data.nodes.filter((n) => !n.hidden).map((n) => n.id);
    network.fit({ nodes: shown.length ? shown : undefined, animation: { duration: 300 } });
  }

  // ---- hover box (plain text) ----------------------------------------------------------------------------
  let tipTimer = null;
  const pointer = { x: 0, y: 0 };
  function buildTooltip() {
    const container = $("mynetwork");
    const tip = el("div", null);
    tip.id = "kg-tip";
    tip.hidden = true;
    container.appendChild(tip);
    const place = () => {
      const width = container.clientWidth;
      const height = container.clientHeight;
      tip.style.left = Math.max(4, Math.min(pointer.x + 14, width - tip.offsetWidth - 4)) + "px";
      tip.style.top = (pointer.y + 16 + tip.offsetHeight > height ? Math.max(4, pointer.y - tip.offsetHeight - 10) : pointer.y + 16) + "px";
    };
    container.addEventListener("pointermove", (ev) => {
      const box = container.getBoundingClientRect();
      pointer.x = ev.clientX - box.left;
      pointer.y = ev.clientY - box.top;
      if (!tip.hidden) place();
    });
    const show = (text) => {
      clearTimeout(tipTimer);
      tipTimer = setTimeout(() => { tip.textContent = text; tip.hidden = false; place(); }, 120);
    };
    const hide = () => { clearTimeout(tipTimer); tip.hidden = true; };
    network.on("hoverNode", (p) => { if (byId[p.node]) show(nodeTitle(byId[p.node])); });
    network.on("hoverEdge", (p) => {
      const pair = mergedOf(p.edge);
      if (pair) show(mergedTitle(pair)); else if (E[p.edge]) show(edgeTitle(E[p.edge]));
    });
    ["blurNode", "blurEdge", "dragStart", "zoom", "click"].forEach((name) => network.on(name, hide));
    container.addEventListener("pointerleave", hide);
  }

  function start(theNetwork, nodeSet, edgeSet) {
    network = theNetwork;
    nodes = nodeSet;
    edges = edgeSet;
    network.once("afterDrawing", () => { window.__kgDrawnAt = performance.now(); });
    buildLegend();
    buildTimeline();
    buildSearch();
    buildTools();
    buildLanes();
    buildTooltip();
    network.on("click", (params) => {
      const pair = !params.nodes.length && params.edges.length ? mergedOf(params.edges[0]) : null;
      select(params.nodes.length ? params.nodes[0] : null,
             !params.nodes.length && params.edges.length && !pair ? params.edges[0] : null);
      if (params.nodes.length) showNode(params.nodes[0]);
      else if (pair) expand(pair);
      else if (params.edges.length) showEdge(params.edges[0]);
      else showOverview();
    });
    network.on("beforeDrawing", (ctx) => markFocus(ctx, true));
    network.on("afterDrawing", (ctx) => { markFocus(ctx, false); drawLabels(ctx); });
    setRange(minDay, maxDay, "to", true);
    showOverview();
    window.kg = {
      state: state, search: search, focusNode: focusNode, apply: apply,
      setRange: (a, b) => setRange(dayOf(a) ?? minDay, dayOf(b) ?? maxDay, "to", true),
      view: () => ({ from: iso(view.lo), to: iso(view.hi) }),
      setView: (a, b) => setView(dayOf(a) ?? minDay, dayOf(b) ?? maxDay),
      drawn: () => ({ nodes: network.body.nodeIndices.length, edges: network.body.edgeIndices.length }),
      counts: () => ({ edges: shownEdges, activeNodes: activeNodes }),
      focus: focusIds, select: (id) => select(id), labels: () => placedLabels, permalink: permalink,
      lanes: () => (lanes.open ? lanes.ids.slice() : null), setLanes: setLanes, openLanes: openLanes,
      merged: () => merged.map((m) => ({ from: m.from, to: m.to, count: m.members.length, expanded: m.expanded })),
      dimmed: () => ({ nodes: data.nodes.filter((n) => n.dim).map((n) => n.id).sort(),
                       edges: E.filter((e) => e.dim).length }),
      position: (id) => {  // where a node is on the page (CSS pixels), for tests
        const box = $("mynetwork").getBoundingClientRect();
        const p = network.canvasToDOM(network.getPositions([id])[id]);
        return { x: box.left + p.x, y: box.top + p.y };
      },
    };
    network.once("afterDrawing", () => setTimeout(fromHash, 0));
  }

  function select(id, edge) {
    state.edge = edge === undefined ? null : edge;
    if (state.selected === id) { writeHash(); return; }
    state.selected = id;
    apply();
  }

  // the entity of `kg build --focus`: a ring around it (drawn over vis-network's frame, in graph units)
  const FOCUS_RING = "#d6336c";
  function markFocus(ctx, halo) {
    const scale = network.getScale();
    focusIds.forEach((id) => {
      const node = network.body.nodes[id];
      if (!node || node.options.hidden) return;
      const radius = Math.max(node.shape.width || 0, node.shape.height || 0, 2 * (node.options.size || 10)) / 2;
      ctx.save();
      ctx.globalAlpha = byId[id].dim ? 0.3 : 1;
      ctx.beginPath();
      if (halo) {  // under the drawing: a soft disc, so the ring is not taken for a self-loop
        ctx.fillStyle = "rgba(214, 51, 108, 0.13)";
        ctx.arc(node.x, node.y, radius + 16 / scale, 0, 2 * Math.PI);
        ctx.fill();
      } else {
        ctx.strokeStyle = FOCUS_RING;
        ctx.lineWidth = 3 / scale;
        ctx.arc(node.x, node.y, radius + 5 / scale, 0, 2 * Math.PI);
        ctx.stroke();
      }
      ctx.restore();
    });
  }
  function centreFocus() {
    if (!focusIds.length) return;
    network.focus(focusIds[0], { scale: Math.max(network.getScale(), 1) });
    showNode(focusIds[0]);
  }

  // ---- permalink: the view in the URL hash --------------------------------------------------------------
  // #select=<entity id> (percent-encoded), edge=<n>, from=/to=YYYY-MM-DD (the selected range), zoom=<day>..<day>
  // (the timeline window), hide=<facet>:<value> (once per hidden chip: type, kind, act, quad, status, mode),
  // undated=0, isolated=0, inactive=1, q=<search>; older links with node=<id> still work
  let hashReady = false;
  const chipSets = () => [["type", state.hiddenTypes, typeChips], ["kind", state.hiddenKinds, kindChips]]
    .concat(FACETS.map((f, i) => [f.name, state.hiddenFacets[i], facetChips[i]]));
  function viewHash() {
    const params = new URLSearchParams();
    if (state.selected) params.set("select", state.selected);
    else if (state.edge !== null && state.edge !== undefined) params.set("edge", String(state.edge));
    if (dated.length && (state.from !== minDay || state.to !== maxDay)) {
      params.set("from", iso(state.from));
      params.set("to", iso(state.to));
    }
    if (dated.length && (view.lo !== opening.lo || view.hi !== opening.hi)) params.set("zoom", iso(view.lo) + ".." + iso(view.hi));
    chipSets().forEach(([name, hidden]) => Array.from(hidden).sort().forEach((v) => params.append("hide", name + ":" + v)));
    if (!state.undated) params.set("undated", "0");
    if (state.hideIsolated) params.set("isolated", "0");
    if (state.hideInactive) params.set("inactive", "1");
    if (state.merge) params.set("merge", "1");
    if (lanes.open) lanes.ids.forEach((id) => params.append("lane", id));
    if (lanes.open && !lanes.ids.length) params.set("lanes", "none");
    return params.toString();
  }
  // Chromium ignores history updates past about 200 in 10 s (a dragged slider fires 60 a second): the hash
  // follows the view a quarter second behind, and at once when a link is asked for
  let hashTimer = null;
  function writeHash() {
    if (!hashReady) return;  // not while the page is being set up from the link it was opened with
    if (hashTimer === null) hashTimer = setTimeout(flushHash, 250);
  }
  function flushHash() {
    clearTimeout(hashTimer);
    hashTimer = null;
    const hash = viewHash();
    if (hash !== location.hash.slice(1)) history.replaceState(null, "", hash ? "#" + hash : location.pathname + location.search);
  }
  function permalink() {
    flushHash();
    return location.href;
  }
  function copyLink() {
    const link = permalink();
    const button = $("kg-copy-link");
    const done = (ok) => {
      window.__kgCopied = ok ? link : null;
      button.textContent = ok ? "link copied ✓" : "copy failed: see the address bar";
      setTimeout(() => { button.textContent = "copy link"; }, 1800);
    };
    const fallback = () => {  // file:// pages may not get the asynchronous clipboard
      const area = document.createElement("textarea");
      area.value = link;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      let ok = false;
      try { ok = document.execCommand("copy"); } catch (err) { ok = false; }
      area.remove();
      done(ok);
    };
    if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(link).then(() => done(true), fallback);
    else fallback();
  }
  function fromHash() {
    const params = new URLSearchParams(location.hash.slice(1));
    centreFocus();
    const sets = {};
    chipSets().forEach(([name, hidden, chips]) => { sets[name] = [hidden, chips]; });
    let changed = false;
    params.getAll("hide").forEach((item) => {
      const at = item.indexOf(":");
      const target = sets[item.slice(0, at)];
      const value = item.slice(at + 1);
      if (!target || !target[1][value]) return;  // a chip this graph does not have
      target[0].add(value);
      target[1][value].setAttribute("aria-pressed", "false");
      changed = true;
    });
    if (params.get("undated") === "0") { state.undated = false; $("kg-undated").checked = false; changed = true; }
    if (params.get("isolated") === "0") { state.hideIsolated = true; $("kg-isolated").checked = false; changed = true; }
    if (params.get("inactive") === "1") { state.hideInactive = true; $("kg-hide-inactive").checked = true; changed = true; }
    if (changed) { showFacetSummary(); apply(); }
    if (params.get("merge") === "1") setMerge(true);
    const zoom = (params.get("zoom") || "").split("..");
    if (zoom.length === 2 && dayOf(zoom[0]) !== null && dayOf(zoom[1]) !== null) setView(dayOf(zoom[0]), dayOf(zoom[1]));
    if (params.get("from") || params.get("to")) {
      setRange(dayOf(params.get("from")) ?? minDay, dayOf(params.get("to")) ?? maxDay, "to", true);
    }
    if (params.get("q")) { $("kg-search").value = params.get("q"); suggestions = search(params.get("q")); }
    if (params.getAll("lane").length || params.get("lanes")) {
      lanes.ids = params.getAll("lane").filter((id) => byId[id]);
      openLanes(true);
    }
    const chosen = params.get("select") || params.get("node");
    if (chosen && byId[chosen]) focusNode(chosen);
    else if (params.get("edge") && E[+params.get("edge")]) {
      network.selectEdges([+params.get("edge")]);
      state.edge = +params.get("edge");
      showEdge(+params.get("edge"));
    }
    hashReady = true;
    flushHash();
    window.__kgReady = true;
  }

  // pyvis's script calls `new vis.Network(container, {nodes, edges}, options)` right after this script
  let started = false;
  const RealNetwork = vis.Network;
  function Network(container, graphData, options) {
    const made = new RealNetwork(container, graphData, options);
    if (!started) { started = true; start(made, graphData.nodes, graphData.edges); }
    return made;
  }
  Network.prototype = RealNetwork.prototype;
  try { vis.Network = Network; } catch (err) { /* read-only export: start after loading instead */ }
  document.addEventListener("DOMContentLoaded", () => {
    if (!started && window.network) { started = true; start(window.network, window.nodes, window.edges); }
  });
}());
