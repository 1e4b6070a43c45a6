// The completeness classes (complete from the official text / from secondary copies / partial), the quoted
// article text they rest on, and the procedure metadata: validated when a set is loaded, shown by the catalogue.
import { describe, expect, it } from "vitest";
import { COMPLETENESS_LEVELS, loadCriteriaSet, renderCatalogue, validateCriteriaSet } from "../src/index.js";
import { makeSet, text } from "./helpers.js";

const problemsOf = (json: unknown) => {
  const v = validateCriteriaSet(json);
  return v.ok ? [] : v.problems.map((p) => `${p.path.join(".")}: ${p.message} [${p.code}]`);
};

const quoted = {
  id: "1",
  title: text("one"),
  article: "Điều 6 khoản 1 điểm a",
  text: { vi: "Chỉ tiêu 1: Thực hiện công tác tuyên truyền", en: "Indicator 1: Carry out awareness work" },
  points: 100,
  rule: { var: "a" },
};

describe("completeness classes", () => {
  it("are three, from the most certain to the least", () => {
    expect(COMPLETENESS_LEVELS).toEqual(["complete-official", "complete-secondary", "partial"]);
  });

  it("refuse the 0.1 'complete' with a message saying which of the two to write", () => {
    const p = problemsOf(makeSet({ completeness: { level: "complete" } }));
    expect(p).toHaveLength(1);
    expect(p[0]).toMatch(/^completeness\.level: 'complete' is split in two since 0\.2: write 'complete-official'.*'complete-secondary'/);
  });

  it("complete-official: every criterion cites its article and quotes it, or the set is refused", () => {
    expect(problemsOf(makeSet({ completeness: { level: "complete-official" }, criteria: [quoted] }))).toEqual([]);
    const { text: _t, ...noText } = quoted;
    const { article: _a, ...noArticle } = quoted;
    expect(problemsOf(makeSet({ completeness: { level: "complete-official" }, criteria: [noText] }))).toEqual([
      "criteria.0.text: a set complete from the official text quotes every criterion's article: '1' needs 'text' (the article's words, verbatim, with an English rendering) [completeness]",
    ]);
    expect(problemsOf(makeSet({ completeness: { level: "complete-official" }, criteria: [noArticle] }))).toEqual([
      "criteria.0.article: a set complete from the official text quotes every criterion's article: '1' needs 'article' (Điều/khoản/điểm) [completeness]",
    ]);
  });

  it("complete-secondary: the notes must say what was read and inferred", () => {
    expect(problemsOf(makeSet({ completeness: { level: "complete-secondary", notes: [] } }))).toEqual([
      "completeness.notes: a set complete from secondary copies says in its notes which copies were read and what was inferred [completeness]",
    ]);
  });

  it("a pending criterion, or an unknown pass mark, makes a set partial whichever complete class it claims", () => {
    for (const level of ["complete-official", "complete-secondary"]) {
      const pending = makeSet({
        completeness: { level, notes: ["n"] },
        criteria: [
          quoted,
          { id: "2", title: text("two"), article: "Điều 7", text: text("x"), points: 0, mandatory: true, pending: { reason: text("not found") } },
        ],
      });
      expect(problemsOf(pending)).toContain("completeness.level: some criteria are pending (not encoded), so completeness must be 'partial' [completeness]");
      const noMark = makeSet({ completeness: { level, notes: ["n"] }, criteria: [quoted], decision: { method: "points", maxPoints: 100, passMark: null } });
      expect(problemsOf(noMark)).toContain("decision.passMark: the pass mark is not known (null), so completeness must be 'partial' [completeness]");
    }
  });
});

describe("procedure metadata", () => {
  const procedure = {
    dataPeriod: { from: "01-01", to: "12-31", article: "Điều 9 khoản 1 điểm b" },
    recognition: { months: 36, article: "Điều 5 khoản 4" },
    steps: [
      {
        id: "ho-so",
        title: { vi: "UBND cấp xã gửi hồ sơ", en: "The commune sends its file" },
        article: "Điều 9 khoản 1 điểm d",
        deadline: { before: "02-28", year: "following" },
      },
      {
        id: "quyet-dinh",
        title: { vi: "Bộ trưởng quyết định", en: "The Minister decides" },
        article: "Điều 19 khoản 2 điểm e",
        deadline: { workingDays: 20, after: { vi: "ngày nhận đủ hồ sơ hợp lệ", en: "receiving the complete file" } },
      },
    ],
  };

  it("is validated: real days of the year, a period in order, unique step ids", () => {
    expect(problemsOf(makeSet({ procedure }))).toEqual([]);
    const bad = {
      dataPeriod: { from: "12-31", to: "01-01", article: "x" },
      steps: [
        { id: "a", title: text("a"), article: "x", deadline: { before: "02-30", year: "following" } },
        { id: "a", title: text("b"), article: "x", deadline: { before: "13-01", year: "assessed" } },
      ],
    };
    expect(problemsOf(makeSet({ procedure: bad }))).toEqual([
      "procedure.steps.0.deadline.before: not a day of that month [custom]",
      "procedure.steps.1.deadline.before: expected a day of the year written MM-DD [invalid_format]",
    ]);
    expect(problemsOf(makeSet({ procedure: { ...bad, steps: bad.steps.map((s) => ({ ...s, deadline: { before: "02-28", year: "following" } })) } }))).toEqual([
      "procedure.steps.1.id: procedure step id 'a' is used twice (first at index 0) [duplicate_id]",
      "procedure.dataPeriod.to: the data period ends (01-01) before it starts (12-31) [dates]",
    ]);
  });

  it("is shown by the catalogue, with dates as officials write them", () => {
    const md = renderCatalogue([loadCriteriaSet(makeSet({ procedure, completeness: { level: "complete-official" }, criteria: [quoted] }))]);
    expect(md).toContain("- **Completeness:** complete, from the official text (đầy đủ, theo văn bản chính thức)");
    expect(md).toContain("  - Data counted: 01/01 to 31/12 of the year assessed (Điều 9 khoản 1 điểm b)");
    expect(md).toContain("  - Recognition kept: 36 months after the year it is granted (Điều 5 khoản 4)");
    expect(md).toContain("  - UBND cấp xã gửi hồ sơ (The commune sends its file): before 28/02 of the year after the year assessed (Điều 9 khoản 1 điểm d)");
    expect(md).toContain(
      "  - Bộ trưởng quyết định (The Minister decides): within 20 working days of receiving the complete file (ngày nhận đủ hồ sơ hợp lệ) (Điều 19 khoản 2 điểm e)",
    );
    expect(md).toContain("| from 01/01/2024 |");
  });
});
