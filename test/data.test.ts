import { describe, expect, it } from "vitest";
import { evaluate, loadCriteriaSet, UnitDataError, type Problem } from "../src/index.js";
import { makeSet, text, unitDataProblems } from "./helpers.js";

const set = loadCriteriaSet(
  makeSet({
    inputs: {
      ...(makeSet().inputs as object),
      ngay: { type: "date", min: "2000-01-01", description: text("date") },
      ten: { type: "string", maxLength: 5, description: text("name") },
      ty: { type: "number", min: 0, max: 1, description: text("rate") },
      ho: { type: "object", description: text("household"), fields: { soNguoi: { type: "integer", min: 1, description: text("people") } } },
    },
  }),
);

const problems = (data: unknown): Problem[] => unitDataProblems(set, data);
const at = (ps: Problem[]) => ps.map((p) => [p.path.join("."), p.code]);

describe("unit data validation", () => {
  it("lists every problem with its path before any rule runs", () => {
    const ps = problems({
      a: "yes",
      n: -1,
      k: 2.5,
      xepLoai: "Giỏi",
      members: [{ age: 200 }, { ok: 1, extra: true }],
      ngay: "1999-12-31",
      ten: "Nguyễn",
      ty: 1.5,
      ho: { soNguoi: 0 },
    });
    expect(at(ps)).toEqual([
      ["a", "invalid_type"],
      ["n", "too_small"],
      ["k", "invalid_type"],
      ["xepLoai", "invalid_value"],
      ["members.0.age", "too_big"],
      ["members.1.ok", "invalid_type"],
      ["members.1.extra", "unknown_field"],
      ["ngay", "custom"],
      ["ten", "too_big"],
      ["ty", "too_big"],
      ["ho.soNguoi", "too_small"],
    ]);
  });

  it("names unknown fields and suggests the declared one", () => {
    const ps = problems({ member: [], members: [{ agee: 3 }] }).sort((a, b) => a.path.length - b.path.length);
    expect(ps[0]).toMatchObject({ code: "unknown_field", path: ["member"], message: expect.stringContaining("did you mean 'members'") });
    expect(ps[1]).toMatchObject({ code: "unknown_field", path: ["members", 0, "agee"], message: expect.stringContaining("did you mean 'age'") });
  });

  it("rejects data that is not an object", () => {
    for (const d of [null, [], "x", 3]) expect(problems(d)[0]).toMatchObject({ code: "invalid_type", path: [] });
  });

  it("rejects NaN, Infinity and wrong dates rather than coercing them", () => {
    expect(at(problems({ n: Number.NaN }))).toEqual([["n", "invalid_type"]]);
    expect(at(problems({ ty: Number.POSITIVE_INFINITY }))).toEqual([["ty", "invalid_type"]]);
    expect(at(problems({ n: "5" }))).toEqual([["n", "invalid_type"]]);
    expect(at(problems({ ngay: "2024-02-30" }))).toEqual([["ngay", "custom"]]);
  });

  it("rejects a __proto__ key and leaves prototypes alone", () => {
    const ps = problems(JSON.parse('{"__proto__": {"polluted": 1}, "members": [{"__proto__": {"ok": true}}]}'));
    expect(at(ps).sort()).toEqual([
      ["__proto__", "unknown_field"],
      ["members.0.__proto__", "unknown_field"],
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("treats null as absent, fills declared defaults, and matches text after NFC normalisation", () => {
    const r = evaluate(set, { a: null, members: [{ ok: true }], xepLoai: "Kha\u0301" });
    expect(r.criteria[0]!.status).toBe("missing");
    expect(problems({ xepLoai: "Kha\u0301" })).toEqual([]);
  });

  it("is a UnitDataError with a stable code and a readable message", () => {
    try {
      evaluate(set, { a: 1 });
    } catch (e) {
      expect(e).toBeInstanceOf(UnitDataError);
      expect((e as UnitDataError).code).toBe("ERR_UNIT_DATA");
      expect((e as UnitDataError).path).toEqual(["a"]);
      expect((e as Error).message).toContain("test-set@1.0.0");
      expect((e as Error).message).toContain("- a: ");
    }
  });
});
