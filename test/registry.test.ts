import { describe, expect, it } from "vitest";
import {
  isInForce,
  createRegistry,
  CriteriaSetError,
  evaluate,
  loadCriteriaSet,
  NotInForceError,
  OptionsError,
  RegistryError,
  SetNotFoundError,
  type Registry,
} from "../src/index.js";
import { loadRegistry } from "../src/node/index.js";
import { makeSet, readJson, ROOT } from "./helpers.js";
import { join } from "node:path";

const version = (
  id: string,
  v: string,
  validFrom: string,
  validTo: string | null,
  supersedes: { id: string; version: string } | null = null,
  doc = `QĐ ${v}`,
) => makeSet({ id, version: v, validFrom, validTo, supersedes, source: { document: doc, issuer: "Test", issued: validFrom } });

function problemsOf(f: () => unknown): Array<{ code: string; message: string }> {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(RegistryError);
    return (e as RegistryError).problems.map((p) => ({ code: p.code, message: p.message }));
  }
  throw new Error("expected a RegistryError");
}

describe("a registry", () => {
  const v1 = version("gia-dinh", "2018.1.0", "2018-11-05", "2024-01-29", null, "NĐ 122/2018");
  const v2 = version("gia-dinh", "2024.1.0", "2024-01-30", null, { id: "gia-dinh", version: "2018.1.0" }, "NĐ 86/2023");
  const other = version("dong-ho", "2015.1.0", "2016-01-01", null);
  const reg = createRegistry([v2, other, v1]);

  it("lists sets and versions, oldest first, from loaded sets or raw JSON", () => {
    expect(reg.ids()).toEqual(["dong-ho", "gia-dinh"]);
    expect(reg.versions("gia-dinh").map((s) => s.definition.version)).toEqual(["2018.1.0", "2024.1.0"]);
    expect(reg.versions("nope")).toEqual([]);
    expect(reg.get("gia-dinh", "2018.1.0")!.definition.source.document).toBe("NĐ 122/2018");
    expect(reg.get("gia-dinh", "9.9.9")).toBeUndefined();
    expect(reg.sets.map((s) => `${s.definition.id}@${s.definition.version}`)).toEqual(["dong-ho@2015.1.0", "gia-dinh@2018.1.0", "gia-dinh@2024.1.0"]);
    expect(createRegistry([loadCriteriaSet(v1)]).ids()).toEqual(["gia-dinh"]);
    expect(() => createRegistry([{ id: "broken" }])).toThrow(CriteriaSetError);
  });

  it("follows the supersedes chain both ways", () => {
    expect(reg.predecessor("gia-dinh", "2024.1.0")!.definition.version).toBe("2018.1.0");
    expect(reg.predecessor("gia-dinh", "2018.1.0")).toBeUndefined();
    expect(reg.successors("gia-dinh", "2018.1.0").map((s) => s.definition.version)).toEqual(["2024.1.0"]);
    expect(reg.history("gia-dinh", "2024.1.0").map((s) => s.definition.version)).toEqual(["2018.1.0", "2024.1.0"]);
    expect(() => reg.history("gia-dinh", "1.0.0")).toThrow(SetNotFoundError);
  });

  it("resolves a date to the version in force, with the reason", () => {
    const { set, reason } = reg.inForceOn("gia-dinh", "2024-01-30");
    expect(set.definition.version).toBe("2024.1.0");
    expect(reason).toMatchObject({
      date: "2024-01-30",
      asked: "gia-dinh",
      id: "gia-dinh",
      version: "2024.1.0",
      document: "NĐ 86/2023",
      validFrom: "2024-01-30",
      validTo: null,
      supersedes: { id: "gia-dinh", version: "2018.1.0", document: "NĐ 122/2018" },
      supersededBy: [],
      via: [],
    });
    expect(reason.message.en).toBe(
      "gia-dinh@2024.1.0 (NĐ 86/2023, Test) is in force on 2024-01-30: from 2024-01-30 with no end date. It superseded gia-dinh@2018.1.0 (NĐ 122/2018).",
    );
    expect(reason.message.vi).toContain("có hiệu lực ngày 30/01/2024: từ 30/01/2024 đến nay. Thay thế gia-dinh@2018.1.0 (NĐ 122/2018).");
    const old = reg.inForceOn("gia-dinh", "2024-01-29");
    expect(old.set.definition.version).toBe("2018.1.0");
    expect(old.reason.supersededBy).toEqual([{ id: "gia-dinh", version: "2024.1.0", document: "NĐ 86/2023", validFrom: "2024-01-30" }]);
    expect(old.reason.message.en).toContain("It is superseded by gia-dinh@2024.1.0 (NĐ 86/2023) from 2024-01-30.");
    expect(reg.resolve("gia-dinh", "2020-01-01").definition.version).toBe("2018.1.0");
    expect(reg.resolve("gia-dinh").definition.version).toBe("2024.1.0");
  });

  it("refuses to guess before the first version, in a gap, or after the last", () => {
    const gappy = createRegistry([
      version("x", "1.0.0", "2020-01-01", "2020-12-31"),
      version("x", "2.0.0", "2022-01-01", "2022-12-31", { id: "x", version: "1.0.0" }),
    ]);
    const kind = (r: Registry, d: string) => {
      try {
        r.inForceOn("x", d);
      } catch (e) {
        expect(e).toBeInstanceOf(NotInForceError);
        expect((e as NotInForceError).code).toBe("ERR_NOT_IN_FORCE");
        return [(e as NotInForceError).reason, (e as Error).message];
      }
      return ["found"];
    };
    expect(kind(gappy, "2019-12-31")).toEqual(["before-first", expect.stringContaining("the first, x@1.0.0, came into force on 2020-01-01")]);
    expect(kind(gappy, "2021-06-01")).toEqual([
      "gap",
      expect.stringContaining("gap between x@1.0.0, which ended on 2020-12-31, and x@2.0.0, which starts on 2022-01-01"),
    ]);
    expect(kind(gappy, "2023-01-01")).toEqual(["after-last", expect.stringContaining("the last, x@2.0.0, ended on 2022-12-31")]);
    expect(kind(gappy, "2020-12-31")).toEqual(["found"]);
    expect(() => gappy.resolve("x", "2021-06-01")).toThrow(NotInForceError);
    expect(() => gappy.inForceOn("nope", "2021-06-01")).toThrow(SetNotFoundError);
    expect(() => gappy.inForceOn("x", "2021-02-30")).toThrow(OptionsError);
  });

  it("follows supersedes across set ids when a regulation gave the title a new id", () => {
    const village = version("thon-van-hoa", "2018.1.0", "2018-11-05", "2024-01-29", null, "NĐ 122/2018");
    const merged = version("thon-to-dan-pho-van-hoa", "2024.1.0", "2024-01-30", null, { id: "thon-van-hoa", version: "2018.1.0" }, "NĐ 86/2023");
    const r = createRegistry([village, merged]);
    const forward = r.inForceOn("thon-van-hoa", "2024-06-01");
    expect(forward.set.definition.id).toBe("thon-to-dan-pho-van-hoa");
    expect(forward.reason.via).toEqual([
      { id: "thon-van-hoa", version: "2018.1.0" },
      { id: "thon-to-dan-pho-van-hoa", version: "2024.1.0" },
    ]);
    expect(forward.reason.message.en).toMatch(
      /^No version of 'thon-van-hoa' is in force on 2024-06-01; following the supersedes chain thon-van-hoa@2018.1.0 → thon-to-dan-pho-van-hoa@2024.1.0:/,
    );
    const backward = r.inForceOn("thon-to-dan-pho-van-hoa", "2020-01-01");
    expect(backward.set.definition.id).toBe("thon-van-hoa");
    expect(r.history("thon-to-dan-pho-van-hoa", "2024.1.0").map((s) => s.definition.id)).toEqual(["thon-van-hoa", "thon-to-dan-pho-van-hoa"]);
  });

  it("says so when two successors with new ids compete for a date", () => {
    const base = version("a", "1.0.0", "2020-01-01", "2020-12-31");
    const r = createRegistry([
      base,
      version("b", "1.0.0", "2021-01-01", null, { id: "a", version: "1.0.0" }),
      version("c", "1.0.0", "2021-01-01", null, { id: "a", version: "1.0.0" }),
    ]);
    expect(() => r.inForceOn("a", "2021-05-01")).toThrow(/several sets linked to it by supersedes are: b@1.0.0, c@1.0.0/);
    expect(r.inForceOn("b", "2021-05-01").set.definition.id).toBe("b");
  });
});

describe("isInForce", () => {
  it("counts both ends of the dates in force, and no end when validTo is null", () => {
    const closed = { validFrom: "2020-09-21", validTo: "2024-01-25" };
    expect([isInForce(closed, "2020-09-20"), isInForce(closed, "2020-09-21"), isInForce(closed, "2024-01-25"), isInForce(closed, "2024-01-26")]).toEqual([
      false,
      true,
      true,
      false,
    ]);
    expect(isInForce({ validFrom: "2024-01-26", validTo: null }, "2999-12-31")).toBe(true);
  });
});

describe("registry checks", () => {
  it("reject two versions of one set in force on the same days, naming both and the overlap", () => {
    const problems = problemsOf(() => createRegistry([version("x", "1.0.0", "2020-01-01", "2021-06-30"), version("x", "2.0.0", "2021-01-01", null)]));
    expect(problems).toEqual([
      {
        code: "overlapping_dates",
        message:
          "x@1.0.0 (2020-01-01 to 2021-06-30) and x@2.0.0 (2021-01-01 to no end) are both in force from 2021-01-01 to 2021-06-30; end x@1.0.0 on 2020-12-31 (validTo)",
      },
    ]);
    expect(problemsOf(() => createRegistry([version("x", "1.0.0", "2020-01-01", null), version("x", "2.0.0", "2021-01-01", null)]))[0]!.message).toContain(
      "from 2021-01-01 to no end",
    );
    // Touching is overlapping: the last day of one is the first of the other.
    expect(problemsOf(() => createRegistry([version("x", "1.0.0", "2020-01-01", "2021-01-01"), version("x", "2.0.0", "2021-01-01", null)]))[0]!.code).toBe(
      "overlapping_dates",
    );
  });

  it("reject a supersedes that points nowhere, and list every problem at once", () => {
    const problems = problemsOf(() =>
      createRegistry([
        version("x", "2.0.0", "2021-01-01", null, { id: "x", version: "1.0.0" }),
        version("y", "2.0.0", "2021-01-01", null, { id: "z", version: "1.0.0" }),
        version("w", "1.0.0", "2021-01-01", null),
        version("w", "1.0.0", "2021-01-01", null),
      ]),
    );
    expect(problems.map((p) => p.code).sort()).toEqual(["duplicate_version", "unknown_supersedes", "unknown_supersedes"]);
    expect(problems.find((p) => p.message.startsWith("x@2.0.0"))!.message).toBe("x@2.0.0 supersedes x@1.0.0, which is not here (versions of x: 2.0.0)");
    expect(problems.find((p) => p.message.startsWith("y@2.0.0"))!.message).toBe("y@2.0.0 supersedes z@1.0.0, which is not here (no set has id 'z')");
  });

  it("reject a supersedes of a later version, of one still in force, or two heirs of one id", () => {
    // A set superseding itself is already refused when it is loaded.
    expect(() => createRegistry([version("x", "1.0.0", "2020-01-01", null, { id: "x", version: "1.0.0" })])).toThrow(CriteriaSetError);
    expect(
      problemsOf(() =>
        createRegistry([version("x", "1.0.0", "2020-01-01", "2020-12-31", { id: "y", version: "1.0.0" }), version("y", "1.0.0", "2021-01-01", null)]),
      ).map((p) => p.code),
    ).toEqual(["supersedes_later"]);
    expect(
      problemsOf(() => createRegistry([version("x", "1.0.0", "2020-01-01", null), version("y", "1.0.0", "2021-01-01", null, { id: "x", version: "1.0.0" })])),
    ).toEqual([
      {
        code: "supersedes_overlap",
        message: "x@1.0.0 is still in force (to no end) when y@1.0.0, which supersedes it, starts on 2021-01-01; set validTo of x@1.0.0 to 2020-12-31",
      },
    ]);
    const fork = problemsOf(() =>
      createRegistry([
        version("x", "1.0.0", "2020-01-01", "2020-12-31"),
        version("x", "2.0.0", "2021-01-01", "2021-12-31", { id: "x", version: "1.0.0" }),
        version("x", "3.0.0", "2022-01-01", null, { id: "x", version: "1.0.0" }),
      ]),
    );
    expect(fork).toEqual([
      { code: "supersedes_fork", message: "x@2.0.0 and x@3.0.0 all supersede x@1.0.0; each version should supersede the one just before it" },
    ]);
  });

  it("name the files the sets came from", () => {
    const a = loadCriteriaSet(version("x", "1.0.0", "2020-01-01", null), { source: "criteria/x/1.0.0.json" });
    const b = loadCriteriaSet(version("x", "2.0.0", "2021-01-01", null), { source: "criteria/x/2.0.0.json" });
    expect(() => createRegistry([a, b])).toThrow(/x@1.0.0 \(2020-01-01 to no end\) \(criteria\/x\/1.0.0.json\) and x@2.0.0/);
    expect(() => createRegistry([a, b])).toThrow(/\[ERR_REGISTRY\]|do not form a consistent registry/);
  });
});

describe("evaluate with a set id", () => {
  const fixtures = loadRegistry(join(ROOT, "test/fixtures/versions/criteria"));
  const unit = readJson("test/fixtures/versions/unit.json");

  it("evaluates the version in force on asOf", () => {
    const before = evaluate("gia-dinh-mau", unit, { sets: fixtures, asOf: "2023-12-01" });
    expect(before.set.version).toBe("2018.1.0");
    expect(before.inForce).toBe(true);
    const after = evaluate("gia-dinh-mau", unit, { sets: fixtures, asOf: "2024-02-15" });
    expect(after.set.version).toBe("2024.1.0");
    expect(after).toEqual(evaluate(fixtures.get("gia-dinh-mau", "2024.1.0")!, unit, { asOf: "2024-02-15" }));
  });

  it("needs both a registry and a date, and never guesses a version", () => {
    expect(() => evaluate("gia-dinh-mau", unit, { asOf: "2023-12-01" })).toThrow(OptionsError);
    expect(() => evaluate("gia-dinh-mau", unit, { sets: fixtures })).toThrow(/needs options.asOf/);
    expect(() => evaluate("gia-dinh-mau", unit, { sets: fixtures, asOf: "2010-01-01" })).toThrow(NotInForceError);
    expect(() => evaluate("khong-co", unit, { sets: fixtures, asOf: "2023-12-01" })).toThrow(SetNotFoundError);
  });
});
