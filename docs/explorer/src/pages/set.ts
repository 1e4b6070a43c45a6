/** Page 2: one set's criteria as a readable table, its decision rule and its provenance. */
import { describeRule, type Criterion, type InputSpec, type LoadedSet } from "tieuchi";
import { find, supersededBy, versionName, type Entry } from "../catalogue.js";
import { download, h } from "../dom.js";
import { lang, loc, t } from "../i18n.js";
import { href } from "../router.js";
import type { View } from "../app.js";
import { badge, completenessView, heading, noteView, phase, setLink } from "../views/common.js";
import { templateButtons } from "./batch.js";

const sentence = (set: LoadedSet, rule: Parameters<typeof describeRule>[0]) => describeRule(rule, lang(), set.labels);

function pointsCell(set: LoadedSet, c: Criterion): Node | string {
  const tr = t();
  const p = c.points;
  if (p === undefined) return tr.nothing;
  if (typeof p === "number") return String(p);
  if ("tiers" in p)
    return h(
      "span",
      null,
      h("strong", null, String(p.max)),
      h("br"),
      h("span", { class: "small" }, tr.pointsTiers(p.tiers.map((x) => `${x.points} ← ${sentence(set, x.when)}`).join("; "))),
    );
  return h("span", null, h("strong", null, String(p.max)), h("br"), h("span", { class: "small" }, tr.pointsScore(p.max, sentence(set, p.score))));
}

function mandatoryCell(set: LoadedSet, c: Criterion): Node | string {
  const tr = t();
  const d = set.definition.decision;
  if (c.role === "exclusion") return badge(tr.exclusion, "exclusion");
  if (d.method === "all") {
    const level = d.levels.find((l) => l.id === c.level) ?? d.levels[0];
    return level ? tr.levelRequired(loc(level.title)) : badge(tr.mandatoryYes, "mandatory");
  }
  return c.mandatory ? badge(tr.mandatoryYes, "mandatory") : "";
}

function ruleCell(set: LoadedSet, c: Criterion): Node {
  const tr = t();
  if (c.pending) return h("span", null, badge(tr.pending, "pending"), " ", loc(c.pending.reason));
  const parts: Node[] = [];
  if (c.requirement) parts.push(h("p", { class: "requirement" }, loc(c.requirement)));
  if (c.role === "exclusion" && c.excludes !== undefined) parts.push(h("p", { class: "rule" }, tr.exclusionRule(sentence(set, c.excludes))));
  else if (c.rule !== undefined) parts.push(h("p", { class: "rule" }, sentence(set, c.rule)));
  else if (c.points && typeof c.points === "object" && "tiers" in c.points) parts.push(h("p", { class: "rule" }, sentence(set, c.points.tiers.at(-1)!.when)));
  return h("div", null, parts);
}

interface Columns {
  readonly points: boolean;
  readonly mandatory: boolean;
  readonly applies: boolean;
}

function criterionRow(set: LoadedSet, c: Criterion, cols: Columns): HTMLElement {
  const tr = t();
  return h(
    "tr",
    { "data-test": "criterion", "data-id": c.id, class: c.pending ? "is-pending" : c.role === "exclusion" ? "is-exclusion" : undefined },
    h("td", { class: "c-id" }, h("strong", null, c.id)),
    h("td", { class: "c-title" }, loc(c.title), c.article ? h("div", { class: "small muted" }, `${tr.article}: ${c.article}`) : null),
    cols.points ? h("td", { "data-label": tr.colPoints, class: "c-points num" }, pointsCell(set, c)) : null,
    cols.mandatory ? h("td", { "data-label": set.definition.decision.method === "all" ? tr.colLevel : tr.colMandatory }, mandatoryCell(set, c)) : null,
    cols.applies
      ? h(
          "td",
          { "data-label": tr.colApplies },
          c.applies === undefined ? h("span", { class: "muted" }, tr.allUnits) : tr.whenApplies(sentence(set, c.applies)),
        )
      : null,
    h("td", { "data-label": tr.colRule, class: "c-rule" }, ruleCell(set, c)),
  );
}

function criteriaTable(set: LoadedSet): HTMLElement {
  const tr = t();
  const d = set.definition;
  // A column that says the same of every criterion becomes one sentence above the table.
  const method = d.decision.method;
  const levels = method === "all" ? d.decision.levels.length : 0;
  const cols: Columns = {
    points: d.criteria.some((c) => c.points !== undefined),
    mandatory: d.criteria.some((c) => c.role === "exclusion") || (method === "points" ? d.criteria.some((c) => c.mandatory) : levels > 1),
    applies: d.criteria.some((c) => c.applies !== undefined),
  };
  const names = [
    tr.colId,
    tr.colCriterion,
    cols.points ? tr.colPoints : null,
    cols.mandatory ? (method === "all" ? tr.colLevel : tr.colMandatory) : null,
    cols.applies ? tr.colApplies : null,
    tr.colRule,
  ].filter((x) => x !== null);
  const span = String(names.length);
  const head = h(
    "thead",
    null,
    h(
      "tr",
      null,
      names.map((x) => h("th", { scope: "col" }, x)),
    ),
  );
  const body = h("tbody");
  const grouped = new Set<string>();
  for (const g of d.groups) {
    const members = d.criteria.filter((c) => c.group === g.id);
    members.forEach((c) => {
      grouped.add(c.id);
    });
    body.appendChild(
      h(
        "tr",
        { class: "group-row", "data-test": "group" },
        h(
          "th",
          { colspan: span, scope: "rowgroup" },
          `${g.id}. ${loc(g.title)}`,
          g.maxPoints !== undefined ? h("span", { class: "muted" }, ` · ${tr.groupMax(g.maxPoints)}`) : null,
        ),
      ),
    );
    for (const c of members) body.appendChild(criterionRow(set, c, cols));
  }
  const rest = d.criteria.filter((c) => !grouped.has(c.id));
  if (rest.length > 0 && d.groups.length > 0)
    body.appendChild(
      h(
        "tr",
        { class: "group-row" },
        h("th", { colspan: span, scope: "rowgroup" }, rest.every((c) => c.role === "exclusion") ? tr.exclusionsGroup : tr.otherCriteria),
      ),
    );
  for (const c of rest) body.appendChild(criterionRow(set, c, cols));
  const notes = [
    cols.applies ? null : tr.everyApplies,
    method === "points" ? (cols.mandatory ? null : tr.noMandatory) : levels > 1 ? null : tr.allRequired,
  ].filter((x) => x !== null);
  return h(
    "div",
    { class: "table-wrap" },
    notes.length > 0 ? h("p", { class: "muted", "data-test": "table-notes" }, notes.join(" ")) : null,
    h("table", { class: "criteria stack", "data-test": "criteria" }, head, body),
  );
}

function decisionView(set: LoadedSet): HTMLElement {
  const tr = t();
  const d = set.definition.decision;
  const out: Node[] = [];
  if (d.method === "points") {
    out.push(h("p", null, d.passMark === null ? tr.decisionPointsNoMark(d.maxPoints) : tr.decisionPoints(d.maxPoints, d.passMark)));
    if (d.grades.length > 0)
      out.push(
        h("p", null, `${tr.decisionGrades}:`),
        h(
          "ul",
          null,
          d.grades.map((g) => h("li", null, tr.gradeBand(loc(g.title), g.minPoints))),
        ),
      );
    out.push(h("p", null, tr.notApplicable[d.notApplicable]));
  } else {
    out.push(h("p", null, tr.decisionAll));
    if (d.levels.length > 0) {
      // As the library decides: a criterion without a level is required from the first level on.
      const levelOf = (c: Criterion) =>
        Math.max(
          0,
          d.levels.findIndex((l) => l.id === c.level),
        );
      out.push(
        h(
          "ul",
          null,
          d.levels.map((l, k) => {
            const ids =
              set.definition.criteria
                .filter((c) => levelOf(c) === k)
                .map((c) => c.id)
                .join(", ") || tr.nothing;
            return h("li", null, k === 0 ? tr.decisionLevel(loc(l.title), ids) : tr.decisionLevelMore(loc(l.title), ids));
          }),
        ),
      );
    }
  }
  if (d.passTitle) out.push(h("p", null, `${tr.passTitle}: `, h("strong", null, loc(d.passTitle))));
  if (d.failTitle) out.push(h("p", null, `${tr.failTitle}: `, loc(d.failTitle)));
  return h("div", { class: "decision", "data-test": "decision" }, out);
}

function inputRows(name: string, spec: InputSpec, depth: number): HTMLElement[] {
  const tr = t();
  // Allowed values and units are the file's own words (Vietnamese), marked so whatever the page's language.
  const hints: Array<string | Node> = [];
  if ((spec.type === "integer" || spec.type === "number" || spec.type === "date") && (spec.min !== undefined || spec.max !== undefined))
    hints.push(tr.range(spec.min === undefined ? undefined : String(spec.min), spec.max === undefined ? undefined : String(spec.max)));
  if (spec.type === "string" && spec.enum) hints.push(h("span", null, tr.oneOf(""), h("span", { lang: "vi" }, spec.enum.join("; "))));
  if (spec.type === "title") hints.push(tr.titleFrom(spec.set));
  if (spec.unit) hints.push(h("span", { lang: "vi" }, spec.unit));
  const row = h(
    "tr",
    { class: `depth-${Math.min(depth, 3)}` },
    h("td", { "data-label": tr.colName }, h("code", null, name), spec.label ? h("div", { class: "small" }, loc(spec.label)) : null),
    h("td", { "data-label": tr.colType }, tr.inputType[spec.type]),
    h(
      "td",
      { "data-label": tr.colDescription },
      loc(spec.description),
      hints.length > 0
        ? h(
            "div",
            { class: "small muted" },
            hints.flatMap((x, i) => (i > 0 ? [" · ", x] : [x])),
          )
        : null,
    ),
  );
  if (spec.type === "object") return [row, ...Object.entries(spec.fields).flatMap(([k, v]) => inputRows(`${name}.${k}`, v, depth + 1))];
  if (spec.type === "array") return [row, ...inputRows(`${name}[]`, spec.items, depth + 1)];
  return [row];
}

function inputsTable(set: LoadedSet): HTMLElement {
  const tr = t();
  return h(
    "div",
    { class: "table-wrap" },
    h(
      "table",
      { class: "inputs stack", "data-test": "inputs" },
      h(
        "thead",
        null,
        h(
          "tr",
          null,
          [tr.colName, tr.colType, tr.colDescription].map((x) => h("th", { scope: "col" }, x)),
        ),
      ),
      h(
        "tbody",
        null,
        Object.entries(set.definition.inputs).flatMap(([k, v]) => inputRows(k, v, 0)),
      ),
    ),
  );
}

function provenance(e: Entry): HTMLElement {
  const tr = t();
  const d = e.set.definition;
  const s = d.source;
  const later = supersededBy(e);
  const row = (k: string, v: Node | string | null) => (v === null ? null : [h("dt", null, k), h("dd", null, v)]);
  return h(
    "dl",
    { class: "facts", "data-test": "provenance" },
    row(tr.document, s.url ? h("a", { href: s.url, rel: "noopener noreferrer", target: "_blank" }, s.document) : s.document),
    row(tr.docTitle, s.title ? loc(s.title) : null),
    row(tr.issuer, h("span", { lang: "vi" }, s.issuer)),
    row(tr.issued, s.issued),
    row(tr.section, s.section === undefined ? null : h("span", { lang: "vi" }, s.section)),
    row(tr.inForce, tr.inForceRange(d.validFrom, d.validTo)),
    row(tr.supersedes, d.supersedes ? setLink(d.supersedes.id, d.supersedes.version, find(d.supersedes.id, d.supersedes.version) !== undefined) : tr.nothing),
    later.length > 0
      ? row(
          tr.supersededBy,
          h(
            "span",
            null,
            later.map((l, i) => [i > 0 ? ", " : null, setLink(l.set.definition.id, l.set.definition.version, true)]),
          ),
        )
      : null,
    d.references.length > 0
      ? row(
          tr.references,
          h(
            "ul",
            { class: "plain refs" },
            d.references.map((r) => {
              const meta = [r.issuer, r.issued].filter((x) => x !== undefined).join(", ");
              return h(
                "li",
                null,
                r.url ? h("a", { href: r.url, rel: "noopener noreferrer", target: "_blank" }, r.document) : r.document,
                meta ? ` (${meta})` : null,
                r.note ? noteView("div", r.note, { class: "small muted" }) : null,
              );
            }),
          ),
        )
      : null,
    row(tr.subjectLabel, `${tr.subject[d.subject]} · ${d.jurisdiction}`),
    row(tr.file, h("code", null, e.path)),
    row(tr.hash, h("code", { class: "hash" }, e.set.hash)),
  );
}

export function setView(id: string, version: string): View | undefined {
  const e = find(id, version);
  if (!e) return undefined;
  const tr = t();
  const set = e.set;
  const d = set.definition;
  const p = phase(e);
  const derived = Object.entries(d.derived);
  const node = h(
    "section",
    { class: "page set-page" },
    heading(
      `${loc(d.title)} · ${versionName(e)}`,
      [
        [tr.navCatalogue, href.catalogue()],
        [`${loc(d.title)} · ${versionName(e)}`, null],
      ],
      h(
        "span",
        null,
        `${d.source.document} · ${tr.inForceRange(d.validFrom, d.validTo)} `,
        badge(tr.statusNow[p], p),
        h("span", { class: "muted small" }, ` ${tr.version} ${d.version}`),
      ),
    ),
    h(
      "p",
      { class: "actions" },
      h("a", { class: "button", href: href.check(d.id, d.version), "data-test": "to-check" }, tr.check),
      d.supersedes && find(d.supersedes.id, d.supersedes.version)
        ? h(
            "a",
            { class: "button secondary", href: href.compare(d.supersedes.id, d.supersedes.version, d.id, d.version), "data-test": "to-compare" },
            tr.compareWithPrevious,
          )
        : null,
      h("a", { class: "button secondary", href: href.batch(d.id, d.version), "data-test": "to-batch" }, tr.navBatch),
      h(
        "button",
        { type: "button", class: "secondary", onclick: () => download(`${d.id}-${d.version}.json`, `${JSON.stringify(e.json, null, 2)}\n`) },
        tr.downloadSet,
      ),
    ),
    h(
      "div",
      { class: "templates", "data-test": "templates" },
      h("strong", null, tr.templatesFor(versionName(e))),
      " ",
      templateButtons(e),
      h("p", { class: "hint" }, tr.templatesHint),
    ),
    h("h2", null, tr.completeness),
    completenessView(set, "shown"),
    h("h2", null, tr.decision),
    decisionView(set),
    h("h2", null, tr.criteria),
    criteriaTable(set),
    derived.length > 0
      ? [
          h("h2", null, tr.derivedValues),
          h(
            "ul",
            null,
            derived.map(([name, v]) => h("li", null, h("strong", null, v.label ? loc(v.label) : name), `: ${loc(v.description)} = `, sentence(set, v.rule))),
          ),
        ]
      : null,
    h("details", { class: "inputs-details" }, h("summary", null, h("h2", null, tr.inputs)), inputsTable(set)),
    h("h2", null, tr.provenance),
    provenance(e),
  );
  return { title: `${loc(d.title)} · ${versionName(e)}`, node };
}
