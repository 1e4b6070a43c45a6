import { describe, expect, it } from "vitest";
import { describeRule, evaluate, loadCriteriaSet } from "../src/index.js";
import { formatNumber, formatPercent } from "../src/explain/format.js";
import { labelPath } from "../src/explain/messages.js";
import { makeSet, text } from "./helpers.js";

const labelled = makeSet({
  inputs: {
    a: { type: "boolean", label: { vi: "có tủ sách", en: "has a bookshelf" }, description: text("a") },
    n: { type: "integer", label: { vi: "số thành viên", en: "number of members" }, description: text("n") },
    members: {
      type: "array",
      label: { vi: "thành viên", en: "members" },
      description: text("m"),
      items: {
        type: "object",
        description: text("m"),
        fields: {
          age: { type: "integer", label: { vi: "tuổi", en: "age" }, description: text("age") },
          ok: { type: "boolean", label: { vi: "đi học", en: "enrolled" }, description: text("ok") },
          sick: { type: "boolean", default: false, label: { vi: "ốm đau", en: "ill" }, description: text("sick") },
        },
      },
    },
  },
});

describe("rules in words", () => {
  const set = loadCriteriaSet(labelled);
  const say = (rule: unknown, lang: "vi" | "en") => describeRule(rule as never, lang, set.labels);

  it("uses the inputs' labels, in both languages", () => {
    expect(say({ var: "a" }, "vi")).toBe("có tủ sách: có");
    expect(say({ var: "a" }, "en")).toBe("has a bookshelf: yes");
    expect(say({ ">=": [{ var: "n" }, 5] }, "en")).toBe("number of members ≥ 5");
    expect(say({ and: [{ var: "a" }, { "<": [{ var: "n" }, 3] }] }, "vi")).toBe("có tủ sách và số thành viên < 3");
    expect(say({ all: [{ var: "members" }, { var: "ok" }] }, "vi")).toBe("mọi thành viên: đi học");
    expect(say({ shareAtLeast: [90, { filter: [{ var: "members" }, { "<=": [6, { var: "age" }, 14] }] }, { var: "ok" }, { var: "sick" }] }, "en")).toBe(
      "at least 90% of members where 6 ≤ age ≤ 14 (excluding ill) meet: enrolled",
    );
    expect(say({ shareAtLeast: [88.5, { var: "members" }, { var: "ok" }] }, "vi")).toBe("ít nhất 88,5% thành viên đạt: đi học");
    expect(say({ count: [{ var: "members" }, { var: "ok" }] }, "en")).toBe("number of members where enrolled");
    expect(say({ if: [{ var: "a" }, 1, 2] }, "en")).toBe("if has a bookshelf then 1, otherwise 2");
    expect(say({ ratioAtMost: [{ var: "n" }, 100, 5] }, "vi")).toBe("số thành viên ≤ 5% của 100");
  });
});

describe("messages", () => {
  it("fill the set's templates with the values the criterion read", () => {
    const set = loadCriteriaSet(
      makeSet({
        ...labelled,
        criteria: [
          {
            id: "1",
            title: text("t"),
            points: 100,
            rule: { shareAtLeast: [90, { var: "members" }, { var: "ok" }] },
            explain: {
              fail: {
                vi: "Chỉ {{part}}/{{whole}} ({{percent}}) đi học, cần {{requiredPercent}}; {{points}}/{{maxPoints}} điểm; n = {{n}}.",
                en: "{{id}} {{title}}: {{found}}",
              },
            },
          },
        ],
      }),
    );
    const r = evaluate(set, { n: 1234, members: [{ ok: true }, { ok: false }, { ok: true }] });
    expect(r.criteria[0]!.message).toEqual({
      vi: "Chỉ 2/3 (66,7%) đi học, cần 90%; 0/100 điểm; n = 1.234.",
      en: "1 t: 2/3 (66.7%), at least 90% required",
    });
  });

  it("write a sentence when there is no template, and say what is missing in words", () => {
    const set = loadCriteriaSet(
      makeSet({ ...labelled, criteria: [{ id: "1", title: text("t"), points: 100, rule: { all: [{ var: "members" }, { var: "ok" }] } }] }),
    );
    expect(evaluate(set, { members: [{ ok: true }, {}] }).criteria[0]!.message).toEqual({
      vi: "Thiếu dữ liệu: thành viên #2 › đi học. Tùy dữ liệu còn thiếu, tiêu chí có thể đạt hoặc chưa đạt (0–100/100 điểm).",
      en: "Missing data: members #2 › enrolled. Depending on it, the criterion could pass or fail (0 to 100 of 100 points).",
    });
    expect(evaluate(set, { members: [{ ok: true }, { ok: false }] }).criteria[0]!.message!.en).toBe(
      "Not met (0/100 points). Required: every members: enrolled. Found: members: 2 items; members #1 › enrolled: yes; members #2 › enrolled: no.",
    );
    expect(labelPath("members[10].age", set.labels, "vi")).toBe("thành viên #11 › tuổi");
  });

  it("fill a template with the value of an input named like a method of Object.prototype", () => {
    const set = loadCriteriaSet(
      makeSet({
        inputs: { toString: { type: "boolean", description: text("t") }, valueOf: { type: "integer", description: text("v") } },
        criteria: [
          {
            id: "1",
            title: text("t"),
            points: 100,
            rule: { var: "toString" },
            explain: { pass: { vi: "{{ toString }} {{valueOf}} {{title}}", en: "{{toString}}, {{valueOf}}." } },
          },
        ],
      }),
    );
    expect(evaluate(set, { toString: true, valueOf: 3 }).criteria[0]!.message).toEqual({ vi: "có 3 t", en: "yes, 3." });
  });

  it("format numbers and percentages for each language", () => {
    expect(formatNumber(1234567.5, "vi")).toBe("1.234.567,5");
    expect(formatNumber(1234567.5, "en")).toBe("1234567.5");
    expect(formatPercent(8, 9, "vi")).toBe("88,9%");
    expect(formatPercent(1, 8, "en")).toBe("12.5%");
    expect(formatPercent(1, 16, "en")).toBe("6.3%"); // 6.25 rounds half away from zero
    expect(formatPercent(0, 0, "en")).toBe("—");
  });
});
