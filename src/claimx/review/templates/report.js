"use strict";
/* The report's behaviour: tabs, document paging, the claims table (filter, sort, page),
   the detail panel and verdicts kept in localStorage. Everything the page writes goes
   through textContent or attributes, never through HTML strings. */
(function () {
  const DATA = JSON.parse(document.getElementById("claimx-data").textContent);
  const KIND_ORDER = ["percentage", "money", "count", "date", "multiplier", "change", "quote"];
  const ROWS_PER_PAGE = 100;
  const ISO_DATE = /^(\d{4}(-\d{2}(-\d{2})?)?|--\d{2}-\d{2}|\d{4}\/\d{4})$/;  // as claimx writes dates
  const claims = DATA.claims;
  const byId = new Map(claims.map((c) => [c.id, c]));
  const $ = (id) => document.getElementById(id);

  /* ---------- verdicts ---------- */
  const store = openStore(DATA.store);
  const local = store.load();

  function openStore(key) {
    try {
      const ls = window.localStorage;
      ls.setItem(key + ":probe", "1");
      ls.removeItem(key + ":probe");
      return {
        load: () => JSON.parse(ls.getItem(key) || "{}"),
        save: (value) => ls.setItem(key, JSON.stringify(value)),
      };
    } catch (err) {
      return { load: () => ({}), save: () => {} };
    }
  }

  function verdictOf(id) {
    return local[id] || DATA.saved[id] || null;
  }

  function stamp() {
    return new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
  }

  function setVerdict(claim, verdict, extra) {
    local[claim.id] = Object.assign({ id: claim.id, verdict: verdict, doc_id: DATA.docs[claim.d],
                                      kind: claim.k, at: stamp(), source: "browser" }, extra || {});
    store.save(local);
    afterVerdictChange(claim);
  }

  function undoVerdict(claim) {
    delete local[claim.id];
    store.save(local);
    afterVerdictChange(claim);
  }

  function afterVerdictChange(claim) {
    markVerdicts(document.querySelectorAll('mark[data-claim-id="' + CSS.escape(claim.id) + '"]'));
    updateVerdictCount();
    renderTable();
    showDetail(claim);
  }

  function verdictsJsonl() {
    return Object.values(local).map((v) => JSON.stringify(v) + "\n").join("");
  }

  function updateVerdictCount() {
    const n = Object.keys(local).length;
    $("verdict-count").textContent = n + (n === 1 ? " verdict" : " verdicts") + " in this browser";
    $("download-verdicts").disabled = n === 0;
  }

  function downloadVerdicts() {
    const blob = new Blob([verdictsJsonl()], { type: "application/x-ndjson" });
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = "reviews-browser.jsonl";
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  }

  function markVerdicts(marks) {
    for (const mark of marks) {
      const verdict = verdictOf(mark.dataset.claimId);
      if (verdict) mark.dataset.verdict = verdict.verdict;
      else delete mark.dataset.verdict;
    }
  }

  /* ---------- tabs ---------- */
  function showTab(name) {
    for (const button of document.querySelectorAll(".tab-button")) {
      button.setAttribute("aria-selected", String(button.dataset.tab === name));
    }
    for (const section of document.querySelectorAll("section.tab")) {
      section.hidden = section.id !== "tab-" + name;
    }
  }

  /* ---------- documents ---------- */
  const articles = Array.from(document.querySelectorAll("article.doc"));
  const docPages = Math.max(1, Math.ceil(articles.length / DATA.pageSize));
  let docPage = 0;

  function showDocPage(page) {
    docPage = Math.min(Math.max(page, 0), docPages - 1);
    const first = docPage * DATA.pageSize;
    articles.forEach((article, i) => {
      const visible = i >= first && i < first + DATA.pageSize;
      if (article.hidden === visible) article.hidden = !visible;
      if (visible) markVerdicts(article.querySelectorAll("mark.claim"));
    });
    $("doc-page-label").textContent = "Page " + (docPage + 1) + " of " + docPages +
      " (" + articles.length + " documents)";
    $("doc-prev").disabled = docPage === 0;
    $("doc-next").disabled = docPage >= docPages - 1;
  }

  function goToDocument(query) {
    const q = query.trim().toLowerCase();
    if (!q) return;
    let index = DATA.docs.findIndex((d) => d.toLowerCase() === q);
    if (index < 0) index = DATA.docs.findIndex((d) => d.toLowerCase().includes(q));
    if (index < 0) return;
    showTab("documents");
    showDocPage(Math.floor(index / DATA.pageSize));
    articles[index].scrollIntoView({ block: "start" });
  }

  function showInDocument(claim) {
    showTab("documents");
    showDocPage(Math.floor(claim.d / DATA.pageSize));
    const mark = articles[claim.d].querySelector('mark[data-claim-id="' + CSS.escape(claim.id) + '"]');
    if (!mark) return;
    mark.scrollIntoView({ block: "center" });
    mark.classList.add("flash");
    setTimeout(() => mark.classList.remove("flash"), 1600);
  }

  function sentenceOf(claim) {
    const text = articles[claim.d].querySelector(".doctext");
    const sentence = text && !text.classList.contains("sentence") ? text.textContent.slice(claim.ss, claim.se) : "";
    return sentence || claim.t;
  }

  /* ---------- claims table ---------- */
  const filters = { kind: "", doc: "", speaker: "", verdict: "", text: "" };
  let sortKey = "position";
  let sortDir = 1;
  let tablePage = 0;
  let shown = claims;

  function haystack(claim) {
    if (claim.h === undefined) {
      claim.h = [claim.t, claim.v, claim.q, claim.s, claim.r, claim.k, DATA.docs[claim.d],
                 Object.values(claim.x).join(" ")].join("\u0001").toLowerCase();
    }
    return claim.h;
  }

  function matches(claim) {
    if (filters.kind && claim.k !== filters.kind) return false;
    if (filters.doc && !DATA.docs[claim.d].toLowerCase().includes(filters.doc)) return false;
    if (filters.speaker && !claim.s.toLowerCase().includes(filters.speaker)) return false;
    if (filters.verdict) {
      const verdict = verdictOf(claim.id);
      if (filters.verdict === "none" ? verdict : !verdict || verdict.verdict !== filters.verdict) return false;
    }
    return !filters.text || haystack(claim).includes(filters.text);
  }

  function sortValue(claim) {
    switch (sortKey) {
      case "doc": return DATA.docs[claim.d];
      case "k": return KIND_ORDER.indexOf(claim.k);
      case "v": return typeof claim.rv === "number" ? claim.rv : String(claim.rv === null ? "" : claim.rv);
      case "verdict": { const v = verdictOf(claim.id); return v ? v.verdict : ""; }
      default: return claim[sortKey];
    }
  }

  function compare(a, b) {
    if (sortKey === "position") return a.d - b.d || a.a - b.a;
    const x = sortValue(a), y = sortValue(b);
    if (typeof x === "number" && typeof y === "number") return (x - y) * sortDir || a.d - b.d || a.a - b.a;
    return String(x).localeCompare(String(y)) * sortDir || a.d - b.d || a.a - b.a;
  }

  function applyFilters() {
    shown = claims.filter(matches).sort(compare);
    tablePage = 0;
    renderTable();
  }

  function cell(row, text, className) {
    const td = document.createElement("td");
    td.textContent = text;
    if (className) td.className = className;
    row.appendChild(td);
    return td;
  }

  function renderTable() {
    const pages = Math.max(1, Math.ceil(shown.length / ROWS_PER_PAGE));
    tablePage = Math.min(tablePage, pages - 1);
    const body = document.createElement("tbody");
    for (const claim of shown.slice(tablePage * ROWS_PER_PAGE, (tablePage + 1) * ROWS_PER_PAGE)) {
      const row = document.createElement("tr");
      row.dataset.claimRow = claim.id;
      cell(row, DATA.docs[claim.d]);
      cell(row, "").appendChild(kindPill(claim.k));
      cell(row, claim.t, "text");
      cell(row, claim.v + (claim.x.currency ? " " + claim.x.currency : ""), "num");
      cell(row, claim.q);
      cell(row, claim.s);
      cell(row, claim.r);
      const verdict = verdictOf(claim.id);
      cell(row, verdict ? verdict.verdict : "");
      body.appendChild(row);
    }
    $("claims-table").replaceChild(body, $("claims-table").tBodies[0]);
    $("claim-count").textContent = shown.length + " of " + claims.length + " claims";
    $("claims-page-label").textContent = "Page " + (tablePage + 1) + " of " + pages;
    $("claims-prev").disabled = tablePage === 0;
    $("claims-next").disabled = tablePage >= pages - 1;
  }

  function kindPill(kind) {
    const pill = document.createElement("span");
    pill.className = "pill k-" + kind;
    pill.textContent = kind;
    return pill;
  }

  function sortBy(key) {
    sortDir = sortKey === key ? -sortDir : 1;
    sortKey = key;
    for (const th of document.querySelectorAll("#claims-table th")) {
      if (th.dataset.sort === key) th.setAttribute("aria-sort", sortDir > 0 ? "ascending" : "descending");
      else th.removeAttribute("aria-sort");
    }
    applyFilters();
  }

  function readFilters() {
    filters.kind = $("f-kind").value;
    filters.doc = $("f-doc").value.trim().toLowerCase();
    filters.speaker = $("f-speaker").value.trim().toLowerCase();
    filters.verdict = $("f-verdict").value;
    filters.text = $("f-text").value.trim().toLowerCase();
    applyFilters();
  }

  function setFilter(name, value) {
    const input = { kind: "f-kind", doc: "f-doc", speaker: "f-speaker" }[name];
    $(input).value = value;
    showTab("claims");
    readFilters();
  }

  /* ---------- detail panel ---------- */
  let current = null;

  function addField(list, name, value) {
    if (value === "" || value === null || value === undefined) return;
    const dt = document.createElement("dt");
    const dd = document.createElement("dd");
    dt.textContent = name;
    dd.textContent = String(value);
    list.append(dt, dd);
  }

  function showDetail(claim) {
    current = claim;
    const fields = document.createElement("dl");
    fields.id = "detail-fields";
    addField(fields, "document", DATA.docs[claim.d]);
    addField(fields, "text", claim.t);
    addField(fields, "value", claim.v);
    for (const [name, value] of Object.entries(claim.x)) addField(fields, name, value);
    addField(fields, "rule", claim.r);
    addField(fields, "span", claim.a + "\u2013" + claim.b);
    addField(fields, "id", claim.id);
    $("detail-fields").replaceWith(fields);
    $("detail-title").textContent = claim.k;
    $("detail-sentence").textContent = sentenceOf(claim);
    const verdict = verdictOf(claim.id);
    $("detail-verdict").textContent = verdict ? describeVerdict(verdict) : "Not reviewed yet.";
    $("verdict-undo").hidden = !local[claim.id];
    $("correct-form").hidden = true;
    $("detail").hidden = false;
    document.body.classList.add("with-detail");
  }

  function describeVerdict(v) {
    const fix = v.verdict === "correct" ? " to " + (v.speaker !== undefined ? v.speaker : v.value) : "";
    const where = local[v.id] ? "in this browser" : "in reviews.jsonl";
    return "Verdict: " + v.verdict + fix + " (" + where + ", " + v.at + ")";
  }

  function hideDetail() {
    $("detail").hidden = true;
    document.body.classList.remove("with-detail");
    current = null;
  }

  function openCorrection() {
    const quote = current.k === "quote";
    $("correct-label").textContent = quote ? "Right speaker" : current.k === "date"
      ? "Right date (ISO: 2012-06-26, 2011-04, 2010, --12-22)" : "Right value (a number)";
    $("correct-input").value = quote ? current.s : (current.rv === null ? "" : String(current.rv));
    $("correct-error").textContent = "";
    $("correct-form").hidden = false;
    $("correct-input").focus();
  }

  function parseCorrection(claim, raw) {
    const text = raw.trim();
    if (claim.k === "quote") return text ? { speaker: text } : null;
    if (claim.k === "date") return ISO_DATE.test(text) ? { value: text } : null;
    const number = Number(text.replace(/,/g, ""));
    return text && Number.isFinite(number) ? { value: number } : null;
  }

  function saveCorrection(event) {
    event.preventDefault();
    const fix = parseCorrection(current, $("correct-input").value);
    if (!fix) {
      $("correct-error").textContent = current.k === "quote" ? "Give a speaker." : "Not a valid " +
        (current.k === "date" ? "ISO date." : "number.");
      return;
    }
    setVerdict(current, "correct", fix);
  }

  /* ---------- wiring ---------- */
  function wire() {
    for (const button of document.querySelectorAll(".tab-button")) {
      button.addEventListener("click", () => showTab(button.dataset.tab));
    }
    $("doc-prev").addEventListener("click", () => { showDocPage(docPage - 1); window.scrollTo(0, 0); });
    $("doc-next").addEventListener("click", () => { showDocPage(docPage + 1); window.scrollTo(0, 0); });
    $("doc-go").addEventListener("change", (e) => goToDocument(e.target.value));
    $("documents").addEventListener("click", (e) => {
      const mark = e.target.closest("mark.claim");
      if (mark) { e.stopPropagation(); showDetail(byId.get(mark.dataset.claimId)); }
    });
    $("documents").addEventListener("keydown", (e) => {
      const mark = e.target.closest("mark.claim");
      if (mark && e.key === "Enter") showDetail(byId.get(mark.dataset.claimId));
    });
    for (const button of document.querySelectorAll("[data-toggle-kind]")) {
      button.addEventListener("click", () => {
        button.classList.toggle("off");
        $("documents").classList.toggle("hide-" + button.dataset.toggleKind);
      });
    }
    for (const id of ["f-kind", "f-verdict"]) $(id).addEventListener("change", readFilters);
    for (const id of ["f-doc", "f-speaker", "f-text"]) $(id).addEventListener("input", readFilters);
    $("f-clear").addEventListener("click", () => {
      for (const id of ["f-kind", "f-doc", "f-speaker", "f-verdict", "f-text"]) $(id).value = "";
      readFilters();
    });
    for (const th of document.querySelectorAll("#claims-table th[data-sort]")) {
      th.addEventListener("click", () => sortBy(th.dataset.sort));
    }
    $("claims-table").addEventListener("click", (e) => {
      const row = e.target.closest("tr[data-claim-row]");
      if (row) showDetail(byId.get(row.dataset.claimRow));
    });
    $("claims-prev").addEventListener("click", () => { tablePage -= 1; renderTable(); });
    $("claims-next").addEventListener("click", () => { tablePage += 1; renderTable(); });
    for (const button of document.querySelectorAll("[data-filter]")) {
      button.addEventListener("click", () => setFilter(button.dataset.filter, button.dataset.value));
    }
    for (const button of document.querySelectorAll("#detail [data-verdict]")) {
      button.addEventListener("click", () => setVerdict(current, button.dataset.verdict));
    }
    $("correct-open").addEventListener("click", openCorrection);
    $("correct-form").addEventListener("submit", saveCorrection);
    $("verdict-undo").addEventListener("click", () => undoVerdict(current));
    $("detail-close").addEventListener("click", hideDetail);
    $("detail-show").addEventListener("click", () => showInDocument(current));
    $("download-verdicts").addEventListener("click", downloadVerdicts);
    document.addEventListener("keydown", (e) => { if (e.key === "Escape") hideDetail(); });
  }

  wire();
  showDocPage(0);
  updateVerdictCount();
  applyFilters();
  window.claimxReview = { verdictsJsonl: verdictsJsonl, shownCount: () => shown.length, showInDocument:
    (id) => showInDocument(byId.get(id)) };
})();
