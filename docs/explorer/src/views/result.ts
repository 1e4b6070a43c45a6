/** A result as the library returns it, shown: verdict, grade, points, the gap, and each criterion with its sentence. */
import type { CriterionResult, Result } from "tieuchi";
import { h, type Child } from "../dom.js";
import { loc, t, viDate } from "../i18n.js";

/** The verdict line: the word, the grade, the points. */
export function verdictLine(r: Result): HTMLElement {
  const tr = t();
  return h(
    "p",
    { class: `verdict verdict-${r.verdict}`, "data-test": "verdict", "data-verdict": r.verdict },
    h("span", { class: "verdict-word" }, tr.verdict[r.verdict]),
    r.grade ? h("span", { class: "verdict-grade", "data-test": "grade" }, `${tr.grade} ${loc(r.grade.title)}`) : null,
    r.points ? h("span", { class: "verdict-points", "data-test": "points" }, tr.pointsOf(r.points.earned, r.points.applicableMax)) : null,
  );
}

/**
 * Points on a bar: earned, and what missing data could still add, against the pass mark. Widths are set
 * through the CSSOM, which the page's CSP allows.
 */
function meter(r: Result): Child {
  const p = r.points;
  if (!p || p.applicableMax === 0) return null;
  const tr = t();
  const pct = (n: number) => `${((n / p.applicableMax) * 100).toFixed(2)}%`;
  const earned = h("span", { class: "meter-earned" });
  earned.style.width = pct(p.earned);
  const possible = h("span", { class: "meter-possible" });
  possible.style.width = pct(p.possible - p.earned);
  const markText = p.passMark === null ? tr.passMarkUnknown : tr.passMark(p.passMark);
  let mark: HTMLElement | null = null;
  if (p.passMark !== null) {
    mark = h("span", { class: "meter-mark", title: markText });
    mark.style.left = pct(p.passMark);
  }
  return h(
    "div",
    { class: "meter-wrap" },
    h("div", { class: "meter", role: "img", "aria-label": `${tr.pointsOf(p.earned, p.applicableMax)}, ${markText}` }, earned, possible, mark),
    h("p", { class: "small muted" }, markText, p.possible > p.earned ? ` · ${tr.possible(p.possible)}` : null),
  );
}

function criterionItem(c: CriterionResult): HTMLElement {
  const tr = t();
  return h(
    "li",
    { class: `crit status-${c.status}`, "data-test": "criterion-result", "data-id": c.id, "data-status": c.status },
    h(
      "div",
      { class: "crit-head" },
      h("span", { class: `chip chip-${c.status}` }, tr.status[c.status]),
      h("strong", { class: "crit-id" }, c.id),
      h("span", { class: "crit-title" }, loc(c.title)),
      c.points
        ? h("span", { class: "crit-points" }, `${c.points.earned}/${c.points.max}`)
        : c.mandatory
          ? h("span", { class: "crit-points small" }, tr.mandatoryYes)
          : null,
    ),
    c.message ? h("p", { class: "crit-msg" }, loc(c.message)) : null,
  );
}

/** The whole result; `missingView` is the page's list of what is missing, with links into its form. */
export function resultView(r: Result, missingView: Child): HTMLElement {
  const tr = t();
  const gap = r.gap;
  const byId = new Map(r.criteria.map((c) => [c.id, c]));
  const ids = (list: readonly string[]) => list.map((id) => `${id} (${byId.get(id) ? loc(byId.get(id)!.title) : id})`);
  const notes: Child[] = [];
  if (r.asOf)
    notes.push(
      h("p", { class: r.inForce ? "note" : "note warn", "data-test": "in-force" }, r.inForce ? tr.inForceOn(viDate(r.asOf)) : tr.notInForce(viDate(r.asOf))),
    );
  if (gap.blocking.length > 0)
    notes.push(
      h(
        "div",
        { class: "gap" },
        h("strong", null, tr.blocking),
        h(
          "ul",
          null,
          ids(gap.blocking).map((x) => h("li", null, x)),
        ),
      ),
    );
  if (gap.toImprove.length > 0 && r.verdict !== "pass")
    notes.push(h("p", { class: "gap" }, h("strong", null, `${tr.toImprove}: `), gap.toImprove.map((x) => `${x.id} (+${x.points})`).join(", ")));
  if (gap.nextGrade) notes.push(h("p", { class: "gap" }, tr.nextGrade(loc(gap.nextGrade.title), gap.nextGrade.pointsShort)));
  if (gap.nextLevel)
    notes.push(h("p", { class: "gap" }, tr.nextLevel(loc(gap.nextLevel.title), [...gap.nextLevel.failing, ...gap.nextLevel.missing].join(", "))));
  if (r.verdict === "pass" && !r.gradeFinal) notes.push(h("p", { class: "note" }, tr.gradeNotFinal));

  const groups =
    r.groups.length > 0
      ? h(
          "div",
          { class: "groups" },
          h("h3", null, tr.groups),
          h(
            "ul",
            { class: "plain" },
            r.groups.map((g) => h("li", null, `${g.id}. ${loc(g.title)}: `, h("strong", null, `${g.earned}/${g.max}`))),
          ),
        )
      : null;
  const levels =
    r.levels.length > 0
      ? h(
          "div",
          { class: "levels" },
          h("h3", null, tr.levels),
          h(
            "ul",
            { class: "plain" },
            r.levels.map((l) => h("li", { "data-status": l.status }, `${loc(l.title)}: `, h("strong", null, tr.levelStatus[l.status]))),
          ),
        )
      : null;
  const subs =
    r.subResults.length > 0
      ? h(
          "div",
          { class: "subs" },
          h("h3", null, tr.subResults),
          h(
            "ul",
            { class: "plain" },
            r.subResults.map((s) =>
              h(
                "li",
                null,
                h("code", null, s.path),
                " ",
                h("span", { class: `chip chip-v-${s.result.verdict}` }, tr.verdict[s.result.verdict]),
                " ",
                s.result.message ? loc(s.result.message) : "",
              ),
            ),
          ),
        )
      : null;

  return h(
    "div",
    { class: "result-body", "data-test": "result", "data-verdict": r.verdict },
    verdictLine(r),
    meter(r),
    r.message ? h("p", { class: "verdict-msg", "data-test": "verdict-message" }, loc(r.message)) : null,
    notes,
    missingView,
    levels,
    groups,
    h("h3", null, tr.criteria),
    h("ol", { class: "crits plain" }, r.criteria.map(criterionItem)),
    subs,
  );
}
