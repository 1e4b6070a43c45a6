/**
 * Page 4: check a unit. A form generated from the set's inputs, or JSON pasted, edited or opened from a file;
 * the result is computed by the library on every change, in the browser. The date decided is today unless
 * changed, and a set not in force then says so in place of the verdict. What is typed is saved on this
 * computer per set and restored on reload; clearing, loading a sample or a file, and removing an item can be
 * undone. The result prints as an assessment record (biên bản đánh giá), and the data saves beside the audit
 * record so that `tieuchi verify` can replay it.
 */
import { contentHash, evaluate, formatPath, parseJson, pathLabel, recordEvaluation, say, UnitDataError, type Result } from "tieuchi";
import { find, registry, today, versionName, type Entry } from "../catalogue.js";
import type { SampleUnit } from "../data.js";
import { download, fill, h } from "../dom.js";
import { lang, loc, t, viDate } from "../i18n.js";
import { href } from "../router.js";
import type { View } from "../app.js";
import { heading } from "../views/common.js";
import { dateInput } from "../views/date-input.js";
import { errorView } from "../views/errors.js";
import { buildForm, focusPath, markFields, reveal } from "../views/form.js";
import { printSheet } from "../views/print.js";
import { resultView, verdictLine } from "../views/result.js";

type Obj = Record<string, unknown>;

/** What a reader has typed for one set, kept while they move between pages and languages. */
interface CheckState {
  data: unknown;
  asOf: string;
  tab: "form" | "json";
  /** JSON text that does not parse yet, kept so the reader can finish typing it. */
  draft: string | null;
  readonly folded: Set<string>;
  /** List items the reader opened in a long list, whose items start folded (OPEN_UP_TO). */
  readonly opened: Set<string>;
}

const states = new Map<string, CheckState>();
/** Set when a state was restored from this computer's storage on this page load, to say so once. */
const restoredAt = new Map<string, string>();

const storageKey = (key: string) => `tieuchi.explorer.unit.${key}`;

/** What was typed for a set, saved on this computer (localStorage), or null. */
function saved(key: string): { data: unknown; draft: string | null; savedAt: string } | null {
  try {
    const text = localStorage.getItem(storageKey(key));
    if (!text) return null;
    const v = JSON.parse(text) as { data?: unknown; draft?: unknown; savedAt?: unknown };
    return { data: v.data ?? {}, draft: typeof v.draft === "string" ? v.draft : null, savedAt: typeof v.savedAt === "string" ? v.savedAt : "" };
  } catch {
    return null;
  }
}

/** Saves what is typed (storage may be off or full: the page works on, unsaved). */
function save(key: string, s: CheckState): void {
  try {
    localStorage.setItem(storageKey(key), JSON.stringify({ data: s.data, draft: s.draft, savedAt: new Date().toISOString() }));
  } catch {
    // Nothing to do: the data stays in this page.
  }
}

const capitalize = (s: string) => s.charAt(0).toLocaleUpperCase("vi") + s.slice(1);

const keyOf = (e: Entry) => `${e.set.definition.id}@${e.set.definition.version}`;

function stateFor(e: Entry): CheckState {
  const key = keyOf(e);
  let s = states.get(key);
  if (!s) {
    const kept = saved(key);
    // The date decided is today on every new visit; the data is what was typed last time.
    s = { data: kept?.data ?? {}, asOf: today(), tab: "form", draft: kept?.draft ?? null, folded: new Set(), opened: new Set() };
    if (kept && (kept.draft !== null || (typeof kept.data === "object" && kept.data !== null && Object.keys(kept.data).length > 0)))
      restoredAt.set(key, kept.savedAt);
    states.set(key, s);
  }
  return s;
}

/** A moment as officials write it: dd/mm/yyyy hh:mm. */
function when(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, "0");
  return `${p(d.getDate())}/${p(d.getMonth() + 1)}/${d.getFullYear()} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** The verdict a case expects, in words: "mong đợi: ĐẠT". */
function expectedText(expected: string): string {
  const tr = t();
  return tr.expected(expected in tr.verdict ? tr.verdict[expected as keyof typeof tr.verdict] : tr.invalidDataShort);
}

export function checkView(id: string, version: string): View | undefined {
  const entry = find(id, version);
  if (!entry) return undefined;
  const tr = t();
  const d = entry.set.definition;
  const state = stateFor(entry);

  let names: ReadonlyMap<string, string> = new Map();
  let result: Result | null = null;
  const formPane = h("div", { class: "pane", id: "pane-form", role: "tabpanel", "aria-labelledby": "tab-form" });
  const jsonError = h("div", { class: "json-error", "aria-live": "polite" });
  const textarea = h("textarea", {
    class: "json",
    id: "unit-json",
    spellcheck: "false",
    autocomplete: "off",
    rows: "18",
    "data-test": "json",
    "aria-label": tr.tabJson,
  });
  const jsonFile = h("input", { type: "file", accept: ".json,application/json", "data-test": "upload-json" });
  const jsonPane = h(
    "div",
    { class: "pane", id: "pane-json", role: "tabpanel", "aria-labelledby": "tab-json" },
    h("p", { class: "hint" }, tr.jsonHint),
    h("label", { class: "file" }, `${tr.uploadJson}: `, jsonFile),
    textarea,
    jsonError,
  );
  const panel = h("div", { class: "result-panel-body" });
  // The assessment record as printed: shown only by the print stylesheet.
  const sheet = h("div", { class: "print-only", "data-test": "print-sheet" });
  const bar = h("div", { class: "verdict-bar", "data-test": "verdict-bar" });
  const aside = h("aside", { class: "result-panel", id: "result", "aria-label": tr.result }, h("h2", null, tr.result), panel);

  const focusField = (path: string) => {
    if (state.tab !== "form") showTab("form");
    const form = formPane.querySelector<HTMLElement>(".unit-form");
    const el = form && reveal(form, path);
    if (!el) return;
    el.scrollIntoView({ block: "center" });
    el.querySelector<HTMLElement>("input, select, textarea, button")?.focus({ preventScroll: true });
  };

  const missingView = (r: Result) => {
    const byPath = new Map<string, string[]>();
    const notEncoded: string[] = [];
    for (const c of r.criteria) {
      if (c.status !== "missing") continue;
      if (c.reason === "not-encoded") notEncoded.push(c.id);
      for (const p of c.missing) byPath.set(p, [...(byPath.get(p) ?? []), c.id]);
    }
    if (byPath.size === 0 && notEncoded.length === 0) return null;
    return h(
      "div",
      { class: "missing", "data-test": "missing" },
      h("h3", null, tr.whatIsMissing),
      h(
        "ul",
        null,
        [...byPath].map(([p, ids]) =>
          h(
            "li",
            { "data-path": p },
            h("button", { type: "button", class: "linkish", onclick: () => focusField(p) }, capitalize(names.get(p) ?? pathLabel(d.inputs, p, lang()))),
            h("span", { class: "muted" }, ` · ${ids.map(tr.missingFor).join(", ")}`),
          ),
        ),
        notEncoded.length > 0 ? h("li", null, `${notEncoded.join(", ")}: ${tr.notEncoded}`) : null,
      ),
    );
  };

  /**
   * When the set was not in force on the date decided: said in place of the verdict, with the version that was
   * in force then (as the registry says), or why none was.
   */
  const notInForce = (r: Result): HTMLElement | null => {
    if (r.asOf === null || r.inForce !== false) return null;
    let instead: Node;
    try {
      const { set, reason } = registry().inForceOn(d.id, r.asOf);
      const s = set.definition;
      const e = find(s.id, s.version);
      instead = h(
        "p",
        { "data-test": "in-force-instead" },
        loc(reason.message),
        " ",
        h("a", { class: "button", href: href.check(s.id, s.version), "data-test": "in-force-link" }, tr.checkWith(e ? versionName(e) : `${s.id}@${s.version}`)),
      );
    } catch (err) {
      instead = h("p", { "data-test": "in-force-instead" }, err instanceof Error ? err.message : String(err));
    }
    return h(
      "div",
      { class: "not-in-force", role: "alert", "data-test": "not-in-force" },
      h(
        "p",
        { class: "verdict verdict-out", "data-test": "not-in-force-headline" },
        h("strong", null, tr.notInForceVerdict(versionName(entry), viDate(r.asOf))),
      ),
      h("p", null, tr.notInForceSub),
      instead,
    );
  };

  /** The fields the last result found invalid or missing, marked on the form (again when a folded item is drawn). */
  let marks: { invalid: Array<{ path: string; message: string }>; missing: Array<{ path: string; criteria: string[] }> } = { invalid: [], missing: [] };
  const mark = () => {
    const form = formPane.querySelector<HTMLElement>(".unit-form");
    if (form) markFields(form, marks.invalid, marks.missing);
  };

  // The assessment record is drawn in a task of its own after the result (hashing a 500-member unit and drawing
  // the record made one change take over 100 ms on a busy machine), and at once when the page is printed.
  let sheetJob: (() => void) | null = null;
  const drawSheet = () => {
    const job = sheetJob;
    sheetJob = null;
    job?.();
  };
  const printing = matchMedia("print");
  const beforePrint = () => {
    if (sheet.isConnected) return drawSheet();
    // This page was left: its listeners go with it.
    window.removeEventListener("beforeprint", beforePrint);
    printing.removeEventListener("change", beforePrint);
  };
  window.addEventListener("beforeprint", beforePrint);
  printing.addEventListener("change", beforePrint);

  const run = () => {
    save(keyOf(entry), state);
    result = null;
    sheetJob = null;
    fill(sheet);
    let invalid: Array<{ path: string; message: string }> = [];
    if (state.draft !== null) {
      fill(panel, errorView(new Error(tr.jsonInvalid)));
      fill(bar, h("p", { class: "verdict" }, tr.jsonInvalid));
    } else {
      try {
        // The data exactly as given to evaluate is what the audit record hashes.
        const given = structuredClone(state.data);
        // A version not in force on the date is evaluated all the same (allowOutOfForce): the panel says so
        // and links the version that was in force (inForceHint).
        result = evaluate(entry.set, given, { sets: registry(), ...(state.asOf ? { asOf: state.asOf, allowOutOfForce: true } : {}) });
        const r = result;
        const out = notInForce(r);
        const body = resultView(r, missingView(r));
        if (out) body.classList.add("for-reference");
        fill(
          panel,
          out,
          body,
          h(
            "p",
            { class: "actions" },
            h("button", { type: "button", "data-test": "print", onclick: () => window.print() }, tr.printSheet),
            h(
              "button",
              {
                type: "button",
                class: "secondary",
                "data-test": "download-audit",
                onclick: () => download(`${d.id}-${d.version}-audit.json`, `${JSON.stringify(recordEvaluation(r, given), null, 2)}\n`),
              },
              tr.downloadAudit,
            ),
            h(
              "button",
              {
                type: "button",
                class: "secondary",
                "data-test": "download-data",
                onclick: () => download(`${d.id}-${d.version}-data.json`, `${JSON.stringify(given, null, 2)}\n`),
              },
              tr.saveData,
            ),
            h(
              "button",
              {
                type: "button",
                class: "secondary",
                "data-test": "download-result",
                onclick: () => download(`${d.id}-${d.version}-result.json`, `${JSON.stringify(r, null, 2)}\n`),
              },
              tr.downloadResult,
            ),
          ),
          h("p", { class: "hint" }, tr.auditHint, " ", tr.saveDataHint),
        );
        sheetJob = () => fill(sheet, printSheet(entry, r, given, contentHash(given)));
        setTimeout(drawSheet, 0);
        fill(
          bar,
          out
            ? h("p", { class: "verdict verdict-out", "data-test": "verdict-out" }, tr.notInForceVerdict(versionName(entry), viDate(r.asOf!)))
            : verdictLine(r),
          h("button", { type: "button", class: "small secondary", onclick: () => aside.scrollIntoView({ block: "start" }) }, tr.result),
        );
      } catch (err) {
        if (err instanceof UnitDataError) invalid = err.problems.map((p) => ({ path: formatPath(p.path), message: say(p, lang()) }));
        fill(panel, errorView(err, err instanceof UnitDataError ? tr.invalidData : tr.evaluationError));
        fill(
          bar,
          h(
            "p",
            { class: "verdict verdict-invalid", "data-test": "verdict", "data-verdict": "invalid" },
            err instanceof UnitDataError ? tr.invalidData : tr.evaluationError,
          ),
        );
      }
    }
    const missing: Array<{ path: string; criteria: string[] }> = [];
    for (const c of result?.criteria ?? []) for (const p of c.missing) missing.push({ path: p, criteria: [c.id] });
    marks = { invalid, missing };
    mark();
  };

  const drawForm = () => {
    if (!isObj(state.data)) {
      names = new Map();
      fill(formPane, h("p", { class: "note warn" }, tr.notAnObject), h("button", { type: "button", onclick: () => replaceData({}, tr.clearedMsg) }, tr.clear));
      return;
    }
    const built = buildForm(d.inputs, {
      data: state.data,
      folded: state.folded,
      opened: state.opened,
      drawn: mark,
      changed: run,
      reshaped: (focus) => {
        drawForm();
        run();
        const form = formPane.querySelector<HTMLElement>(".unit-form");
        if (form && focus !== undefined) focusPath(form, focus);
      },
      removing: (what) => keepForUndo(tr.removedMsg(what)),
    });
    names = built.names;
    fill(formPane, built.node);
  };

  const showTab = (tab: CheckState["tab"]) => {
    if (tab === "json" && state.draft === null) textarea.value = `${JSON.stringify(state.data, null, 2)}\n`;
    // The JSON may have changed the data's shape: the form is drawn afresh from it.
    if (tab === "form") drawForm();
    state.tab = tab;
    formPane.hidden = tab !== "form";
    jsonPane.hidden = tab !== "json";
    for (const b of tabs.querySelectorAll("button")) b.setAttribute("aria-selected", String(b.dataset.tab === tab));
    run();
  };

  // One step of undo for what replaces or removes data: clearing, a sample, a file, an item removed.
  let undoData: { data: unknown; draft: string | null } | null = null;
  const undoText = h("span", { "data-test": "undo-message" });
  const undoButton = h("button", { type: "button", class: "small", "data-test": "undo", onclick: () => undo() }, tr.undo);
  const undoBar = h("div", { class: "undo-bar", hidden: true, role: "status", "data-test": "undo-bar" }, undoText, undoButton);
  const keepForUndo = (message: string) => {
    undoData = { data: structuredClone(state.data), draft: state.draft };
    fill(undoText, message);
    undoBar.hidden = false;
  };
  const undo = () => {
    if (!undoData) return;
    const { data, draft } = undoData;
    undoData = null;
    undoBar.hidden = true;
    state.data = data;
    state.draft = draft;
    fill(jsonError);
    textarea.value = draft ?? `${JSON.stringify(state.data, null, 2)}\n`;
    drawForm();
    run();
    formPane.querySelector<HTMLElement>(".unit-form input, .unit-form select, .unit-form summary")?.focus();
  };

  /** New data from a sample, a file or "clear": its list items start folded, so the form stays short. */
  const replaceData = (data: unknown, message: string) => {
    keepForUndo(message);
    state.data = data;
    state.draft = null;
    state.folded.clear();
    state.opened.clear();
    foldAll(data, []);
    fill(jsonError);
    textarea.value = `${JSON.stringify(state.data, null, 2)}\n`;
    drawForm();
    run();
  };

  const foldAll = (v: unknown, path: ReadonlyArray<string | number>) => {
    if (Array.isArray(v))
      v.forEach((item, i) => {
        state.folded.add(formatPath([...path, i]));
        foldAll(item, [...path, i]);
      });
    else if (isObj(v)) for (const [k, x] of Object.entries(v)) foldAll(x, [...path, k]);
  };

  const readJson = (text: string, source: string): boolean => {
    try {
      const data = parseJson(text, source);
      state.data = data;
      state.draft = null;
      fill(jsonError);
      return true;
    } catch (err) {
      state.draft = text;
      fill(jsonError, errorView(err, tr.jsonInvalid));
      return false;
    }
  };

  textarea.addEventListener("input", () => {
    readJson(textarea.value, "JSON");
    run();
  });
  jsonFile.addEventListener("change", async () => {
    const file = jsonFile.files?.[0];
    if (!file) return;
    const text = await file.text();
    jsonFile.value = "";
    const before = { data: structuredClone(state.data), draft: state.draft };
    if (readJson(text, file.name)) {
      const data = state.data;
      Object.assign(state, before);
      replaceData(data, tr.fileLoadedMsg(file.name));
    } else {
      textarea.value = text;
      run();
    }
  });

  const tabs = h(
    "div",
    { class: "tabs", role: "tablist" },
    h("button", { type: "button", role: "tab", id: "tab-form", "data-tab": "form", "aria-controls": "pane-form", onclick: () => showTab("form") }, tr.tabForm),
    h("button", { type: "button", role: "tab", id: "tab-json", "data-tab": "json", "aria-controls": "pane-json", onclick: () => showTab("json") }, tr.tabJson),
  );

  const asOf = dateInput({ id: "as-of", value: state.asOf, test: "as-of" }, (iso) => {
    if (iso === null) return;
    state.asOf = iso;
    run();
  });
  // Examples first, then the cases of each case file (the set's own, its boundary cases, ...).
  // Cases are grouped by file and by the verdict they expect; their names are the case files' own, in the
  // language of the file (said in the group's label when it is not the page's, and marked so).
  const groups = new Map<string, SampleUnit[]>();
  for (const s of entry.samples) {
    const other = s.nameLang ? tr.samplesNamedIn(s.nameLang) : "";
    const label =
      s.expected === undefined
        ? tr.sampleExamples
        : `${tr.sampleCases} · ${s.source.split("/").at(-1)} · ${expectedText(s.expected)}${other ? ` ${other}` : ""}`;
    groups.set(label, [...(groups.get(label) ?? []), s]);
  }
  // A case's place in its file, for the tests that check every case.
  const caseIndex = (s: SampleUnit) => String(entry.samples.filter((x) => x.source === s.source).indexOf(s));
  const samples = h(
    "select",
    {
      id: "samples",
      "data-test": "samples",
      onchange: () => {
        const s = entry.samples[Number(samples.value)];
        samples.value = "";
        if (!s) return;
        if (s.asOf) {
          state.asOf = s.asOf;
          asOf.value = viDate(s.asOf);
        }
        replaceData(structuredClone(s.data), tr.sampleLoadedMsg(s.name));
      },
    },
    h("option", { value: "" }, tr.samplesNone),
    [...groups].map(([label, list]) =>
      h(
        "optgroup",
        { label, "data-source": list[0]!.source },
        list.map((s) => h("option", { value: String(entry.samples.indexOf(s)), lang: s.nameLang ?? null, "data-case": caseIndex(s) }, s.name)),
      ),
    ),
  );

  const node = h(
    "section",
    { class: "page check-page" },
    heading(
      tr.checkTitle,
      [
        [tr.navCatalogue, href.catalogue()],
        [`${loc(d.title)} · ${versionName(entry)}`, href.set(d.id, d.version)],
        [tr.checkTitle, null],
      ],
      h("span", null, `${loc(d.title)} · ${d.source.document} `, h("span", { class: "muted small" }, `(${d.version})`)),
    ),
    h("p", { class: "lead" }, tr.checkIntro),
    h(
      "div",
      { class: "toolbar" },
      h("div", { class: "tool" }, h("label", { for: "as-of" }, tr.asOf), asOf, h("span", { class: "hint" }, tr.asOfHint)),
      entry.samples.length > 0 ? h("div", { class: "tool" }, h("label", { for: "samples" }, tr.samples), samples) : null,
      h(
        "div",
        { class: "tool tool-end" },
        h("button", { type: "button", class: "secondary", "data-test": "clear", onclick: () => replaceData({}, tr.clearedMsg) }, tr.clear),
      ),
    ),
    restoredAt.has(keyOf(entry))
      ? h("p", { class: "note", "data-test": "restored" }, tr.restoredMsg(when(restoredAt.get(keyOf(entry))!)))
      : h("p", { class: "hint" }, tr.autosaveHint),
    undoBar,
    h("div", { class: "check-layout" }, h("div", { class: "editor" }, tabs, formPane, jsonPane), aside),
    bar,
    sheet,
  );

  if (state.draft !== null) textarea.value = state.draft;
  showTab(state.tab);
  return { title: `${tr.checkTitle} · ${loc(d.title)} · ${versionName(entry)}`, node };
}
