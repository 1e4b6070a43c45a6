import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { diff, loadCriteriaSet, SetDiff, thresholdChanges, type Change } from "../src/index.js";
import { makeSet, readJson, ROOT, text } from "./helpers.js";
import { run } from "./run-cli.js";
import { both, isMessage } from "../src/i18n/index.js";

const OLD = "test/fixtures/versions/criteria/gia-dinh-mau/2018.1.0.json";
const NEW = "test/fixtures/versions/criteria/gia-dinh-mau/2024.1.0.json";

const pick = (changes: Change[], kind: string, field?: string | null, target?: string | null) =>
  changes.filter((c) => c.kind === kind && (field === undefined || c.field === field) && (target === undefined || c.target === target));

describe("diff of two versions", () => {
  const d = diff(readJson(OLD), readJson(NEW));

  it("names both versions, and matches the schema", () => {
    expect(SetDiff.parse(d)).toEqual(d);
    expect(d.old).toMatchObject({ id: "gia-dinh-mau", version: "2018.1.0", document: "Quyết định 1/2018/QĐ-THU" });
    expect(d.new).toMatchObject({ id: "gia-dinh-mau", version: "2024.1.0", hash: loadCriteriaSet(readJson(NEW)).hash });
    expect(d.identical).toBe(false);
    expect(d.counts).toEqual({
      "metadata-changed": 8,
      "input-added": 1,
      "input-removed": 1,
      "criterion-renamed": 2,
      "criterion-changed": 3,
      "criterion-added": 1,
      "criterion-removed": 1,
      "decision-changed": 3,
    });
  });

  it("states criteria added, removed, renamed (new id, or same id with a new title) and changed, in vi and en", () => {
    expect(d.matched).toEqual([
      ["1", "1"],
      ["2", "2"],
      ["3", "TC3"],
      ["4", "4"],
    ]);
    expect(pick(d.changes, "criterion-renamed", "id")[0]!.message).toEqual({
      vi: "Tiêu chí 3 đổi mã thành TC3 (cùng điều kiện và điểm): «Trẻ em trong độ tuổi đi học»",
      en: 'Criterion 3 is now TC3 (same rule and points): "Children of school age in school"',
    });
    expect(pick(d.changes, "criterion-renamed", "title")[0]).toMatchObject({
      target: "1",
      before: { id: "1", title: { vi: "Chấp hành pháp luật" } },
      message: { en: 'Criterion 1: renamed "Abides by the law" → "Exemplary in abiding by the law"' },
    });
    expect(pick(d.changes, "criterion-changed", "threshold", "2")[0]).toMatchObject({
      before: [80],
      after: [90],
      message: {
        vi: "Tiêu chí 2: ngưỡng 80 → 90 (nay: ít nhất 90% thành viên đạt: học tập thường xuyên)",
        en: "Criterion 2: threshold 80 → 90 (now: at least 90% of members meet: learns regularly)",
      },
    });
    expect(pick(d.changes, "criterion-changed", "threshold", "4")[0]!.message.vi).toBe("Tiêu chí 4: ngưỡng 3 → 4,5 (nay: thu nhập bình quân ≥ 4,5)");
    expect(pick(d.changes, "criterion-changed", "points", "4")[0]).toMatchObject({
      before: 15,
      after: 10,
      message: { en: "Criterion 4: 15 points → 10 points" },
    });
    expect(pick(d.changes, "criterion-added")[0]!.message.en).toBe('Criterion added: 6 "Community work": takes part in community work: yes (20 points)');
    expect(pick(d.changes, "criterion-removed")[0]!.message.vi).toBe("Bỏ tiêu chí 5 «Nơi ở văn minh» (15 điểm)");
  });

  it("states inputs added and removed, decision and metadata changes", () => {
    expect(pick(d.changes, "input-added")[0]).toMatchObject({
      target: "thamGiaCongDong",
      message: { en: "Input added: thamGiaCongDong (yes/no): The family takes part in community activities." },
    });
    expect(pick(d.changes, "input-removed")[0]).toMatchObject({ target: "vanMinhNoiO", message: { vi: "Bỏ dữ liệu đầu vào vanMinhNoiO (nơi ở văn minh)" } });
    expect(pick(d.changes, "decision-changed", "passMark")[0]).toMatchObject({
      before: 70,
      after: 75,
      message: { vi: "Mức đạt: 70 → 75", en: "Pass mark: 70 → 75" },
    });
    expect(pick(d.changes, "decision-changed", "grades.minPoints").map((c) => c.message.en)).toEqual([
      'Grade "Outstanding": from 90 → 85 points',
      'Grade "Achieved": from 70 → 75 points',
    ]);
    expect(pick(d.changes, "metadata-changed").map((c) => c.field)).toEqual([
      "version",
      "source.document",
      "source.issued",
      "source.section",
      "validFrom",
      "validTo",
      "supersedes",
      "completeness.notes",
    ]);
    expect(pick(d.changes, "metadata-changed", "supersedes")[0]!.message).toEqual({
      vi: "Thay thế: (không có) → gia-dinh-mau@2018.1.0",
      en: "Supersedes: (none) → gia-dinh-mau@2018.1.0",
    });
    expect(pick(d.changes, "metadata-changed", "validFrom")[0]!.message.vi).toBe("Có hiệu lực từ: 05/11/2018 → 30/01/2024");
  });

  it("finds nothing between a set and itself", () => {
    const same = diff(readJson(OLD), readJson(OLD));
    expect(same).toMatchObject({ identical: true, changes: [], counts: {} });
  });
});

describe("diff in detail", () => {
  const t = text;
  const base = makeSet({
    groups: [{ id: "g", title: t("group"), maxPoints: 100 }],
    derived: { tong: { description: t("sum"), rule: { "+": [{ var: "n" }, { var: "k" }] } } },
    criteria: [
      { id: "a", title: t("A"), group: "g", points: 60, rule: { ">=": [{ var: "n" }, 5] } },
      { id: "b", title: t("B"), group: "g", points: 40, rule: { var: "a" }, applies: { var: "b" } },
    ],
  });
  // biome-ignore lint/suspicious/noExplicitAny: the test edits a set's JSON in place, at any depth.
  const patched = (f: (s: any) => void) => {
    // biome-ignore lint/suspicious/noExplicitAny: the test edits a set's JSON in place, at any depth.
    const s = structuredClone(base) as any;
    f(s);
    return diff(base, s).changes;
  };

  it("tells a rule change from a threshold change, and an applicability change", () => {
    const rule = patched((s) => (s.criteria[0].rule = { "<=": [{ var: "n" }, 5] }));
    expect(rule).toEqual([
      expect.objectContaining({ kind: "criterion-changed", field: "rule", before: { ">=": [{ var: "n" }, 5] }, after: { "<=": [{ var: "n" }, 5] } }),
    ]);
    expect(rule[0]!.message.en).toBe('Criterion a: rule "n ≥ 5" → "n ≤ 5"');
    expect(patched((s) => delete s.criteria[1].applies)[0]!.message.en).toBe("Criterion b: now applies to every unit (before: only when b: yes)");
    expect(patched((s) => (s.criteria[0].applies = { var: "a" }))[0]!.message.vi).toBe("Tiêu chí a: nay chỉ áp dụng khi a: có");
  });

  it("compares notes by their content: {vi, en} objects, a translation, a change of one language", () => {
    // biome-ignore lint/suspicious/noExplicitAny: the test edits a set's JSON in place, at any depth.
    const noted = (notes: unknown[]) => makeSet({ ...structuredClone(base), completeness: { level: "complete-secondary", notes } } as any);
    const a = noted([{ vi: "Ghi chú một.", en: "Note one." }, "Note two."]);
    // Equal content, other objects, other key order: nothing changed.
    expect(diff(a, noted([{ en: "Note one.", vi: "Ghi chú một." }, "Note two."])).changes).toEqual([]);
    // The plain note translated: one removed, one added.
    const translated = diff(
      a,
      noted([
        { vi: "Ghi chú một.", en: "Note one." },
        { vi: "Ghi chú hai.", en: "Note two." },
      ]),
    ).changes;
    expect(translated).toMatchObject([
      { kind: "metadata-changed", field: "completeness.notes", before: ["Note two."], after: [{ vi: "Ghi chú hai.", en: "Note two." }] },
    ]);
    expect(translated[0]!.message.en).toBe("Completeness notes: 1 added, 1 removed");
    // Only the Vietnamese changed: still a change.
    expect(diff(a, noted([{ vi: "Ghi chú 1.", en: "Note one." }, "Note two."])).changes.map((c) => c.field)).toEqual(["completeness.notes"]);
  });

  it("states mandatory, level, group, role and pending changes", () => {
    expect(patched((s) => (s.criteria[0].mandatory = true))[0]).toMatchObject({
      field: "mandatory",
      before: false,
      after: true,
      message: { en: "Criterion a: is now a knock-out criterion" },
    });
    expect(
      patched((s) => {
        s.criteria[0].group = undefined;
        s.groups[0].maxPoints = undefined;
      }).map((c) => c.field),
    ).toEqual(["maxPoints", "group"]);
    const pending = patched((s) => {
      delete s.criteria[0].rule;
      s.criteria[0].pending = { reason: t("text not found") };
      s.completeness = { level: "partial", notes: ["a is pending"] };
    });
    expect(pending.map((c) => [c.kind, c.field])).toEqual([
      ["metadata-changed", "completeness.level"],
      ["metadata-changed", "completeness.notes"],
      ["criterion-changed", "rule"],
      ["criterion-changed", "pending"],
    ]);
    expect(pending[3]!.message.en).toBe("Criterion a: is no longer encoded: text not found");
    const exclusion = patched((s) => {
      s.criteria.push({ id: "x", title: t("X"), role: "exclusion", excludes: { var: "b" } });
    });
    expect(exclusion[0]!.message).toEqual({ vi: "Thêm trường hợp loại trừ x «X»: b: có", en: 'Exclusion added: x "X": b: yes' });
    const retitledVi = patched((s) => (s.criteria[0].title = { vi: "A mới", en: "A" }));
    expect(retitledVi[0]!.message).toEqual({ vi: "Tiêu chí a: đổi tên «A» → «A mới»", en: 'Criterion a: renamed "A" (only the Vietnamese text changed)' });
    const levels = makeSet({
      criteria: [{ id: "a", title: t("A"), level: "muc-1", rule: { var: "a" } }],
      decision: {
        method: "all",
        levels: [
          { id: "muc-1", title: t("1") },
          { id: "muc-2", title: t("2") },
        ],
      },
    });
    // biome-ignore lint/suspicious/noExplicitAny: the test edits a set's JSON in place, at any depth.
    const moved = structuredClone(levels) as any;
    moved.criteria[0].level = "muc-2";
    moved.decision.levels[1].title = t("Level 2");
    expect(diff(levels, moved).changes.map((c) => c.message.en)).toEqual(['Criterion a: level "muc-1" → "muc-2"', 'Level muc-2: "2" → "Level 2"']);
  });

  it("compares inputs field by field, through records and lists", () => {
    const changes = patched((s) => {
      s.inputs.xepLoai.enum = ["Tốt", "Khá", "Trung bình"];
      s.inputs.members.items.fields.age.max = 120;
      s.inputs.members.items.fields.name = { type: "string", description: t("name") };
      s.inputs.n.type = "number";
    });
    expect(changes.map((c) => [c.kind, c.target, c.field])).toEqual([
      ["input-changed", "n", "type"],
      ["input-changed", "xepLoai", "enum"],
      ["input-changed", "members[].age", "max"],
      ["input-added", "members[].name", null],
    ]);
    expect(changes[1]!.message.vi).toBe("Dữ liệu xepLoai: giá trị cho phép thêm «Trung bình»; bỏ «Đạt»");
    expect(changes[0]!.message.en).toBe("Input n: whole number 0–1000 → number 0–1000");
  });

  it("states derived values, groups and a change of decision method", () => {
    expect(patched((s) => (s.derived.tong.rule = { "-": [{ var: "n" }, { var: "k" }] }))[0]).toMatchObject({
      kind: "derived-changed",
      field: "rule",
      message: { en: "Derived value tong: n + k → n − k" },
    });
    const method = patched((s) => {
      s.decision = { method: "all", levels: [{ id: "muc-1", title: t("Level 1") }] };
      for (const c of s.criteria) delete c.points;
      delete s.groups[0].maxPoints;
    });
    expect(method.filter((c) => c.section === "decision")).toEqual([
      expect.objectContaining({
        kind: "decision-changed",
        field: "method",
        message: {
          vi: "Cách xét: cộng điểm, đạt từ 50/100 điểm → đạt mọi tiêu chí (1 mức)",
          en: "Decision: points, pass at 50 of 100 → every criterion must pass (1 level)",
        },
      }),
    ]);
  });

  it("reads threshold changes only between rules of the same shape", () => {
    expect(thresholdChanges({ shareAtLeast: [80, { var: "m" }, { var: "ok" }] }, { shareAtLeast: [90, { var: "m" }, { var: "ok" }] })).toEqual([
      { path: "shareAtLeast[0]", before: 80, after: 90 },
    ]);
    expect(thresholdChanges({ ">=": [{ var: "n" }, 5] }, { ">": [{ var: "n" }, 5] })).toBeNull();
    expect(thresholdChanges({ var: "a" }, { var: "b" })).toBeNull();
    expect(thresholdChanges([1, 2], [1, 2, 3])).toBeNull();
  });

  it("says a pass mark that is not known as such", () => {
    const partial = { level: "partial", notes: ["pass mark not found"] };
    const unknown = patched((s) => {
      s.decision.passMark = null;
      s.completeness = partial;
    });
    expect(unknown.filter((c) => c.section === "decision").map((c) => c.message.en)).toEqual(["Pass mark: 50 → (none)"]);
    const method = diff(
      makeSet({ decision: { method: "points", maxPoints: 100, passMark: null }, completeness: partial }),
      makeSet({ criteria: [{ id: "1", title: t("one"), rule: { var: "a" } }], decision: { method: "all" }, completeness: partial }),
    );
    expect(method.changes.find((c) => c.field === "method")!.message.vi).toBe("Cách xét: cộng điểm (tối đa 100), chưa rõ mức đạt → đạt mọi tiêu chí");
  });

  it("pairs criteria under new ids by identical substance, or by their wording, and nothing else", () => {
    const renamed = patched((s) => {
      s.criteria[0].id = "a2";
      s.criteria[1].id = "b2";
      s.criteria[1].points = 40;
      s.criteria[1].rule = { var: "b" };
    });
    // b2 keeps b's title: the same criterion reworded under a new id, its other changes listed.
    expect(renamed.map((c) => [c.kind, c.target, c.field])).toEqual([
      ["criterion-renamed", "a2", "id"],
      ["criterion-renamed", "b2", "text"],
      ...renamed.filter((c) => c.kind === "criterion-changed").map((c) => ["criterion-changed", "b2", c.field]),
    ]);
    expect(renamed.filter((c) => c.kind === "criterion-changed").length).toBeGreaterThan(0);
    expect(renamed.find((c) => c.target === "b2" && c.kind === "criterion-renamed")!.message.en).toContain(
      "matching wording; its rule or points changed as listed below",
    );
    // With a title of other words, it is a criterion removed and another added.
    const other = patched((s) => {
      s.criteria[1].id = "b2";
      s.criteria[1].rule = { var: "b" };
      s.criteria[1].title = { vi: "hoàn toàn khác hẳn", en: "something else entirely" };
    });
    expect(other.filter((c) => c.section === "criteria").map((c) => [c.kind, c.target])).toEqual([
      ["criterion-added", "b2"],
      ["criterion-removed", "b"],
    ]);
    expect(patched((s) => s.criteria.reverse()).map((c) => c.kind)).toEqual(["criteria-reordered"]);
  });
});

describe("tieuchi diff", () => {
  it("prints the changes section by section, in vi or en, and exits 1 when there are changes", () => {
    const r = run("diff", join(ROOT, OLD), join(ROOT, NEW), "--lang", "en");
    expect(r.code).toBe(1);
    expect(r.out.split("\n").slice(0, 4)).toEqual([
      "gia-dinh-mau@2018.1.0 (Quyết định 1/2018/QĐ-THU) → gia-dinh-mau@2024.1.0 (Quyết định 2/2023/QĐ-THU)",
      "8 metadata changes, 1 input added, 1 input removed, 1 criterion added, 1 criterion removed, 2 criteria renamed, 3 criterion changes, 3 decision changes.",
      "",
      "Metadata:",
    ]);
    expect(r.out).toContain("\nCriteria:\n  - Criterion 1: renamed");
    expect(r.out).toContain("\nDecision:\n  - Pass mark: 70 → 75\n");
    const vi = run("diff", join(ROOT, OLD), join(ROOT, NEW));
    expect(vi.out).toContain("\nTiêu chí:\n  - Tiêu chí 1: đổi tên «Chấp hành pháp luật» → «Gương mẫu chấp hành pháp luật»\n");
  });

  it("prints exactly the diff object with --json, and exits 0 for identical files", () => {
    const r = run("diff", join(ROOT, OLD), join(ROOT, NEW), "--json");
    expect(JSON.parse(r.out)).toEqual(JSON.parse(JSON.stringify(diff(readJson(OLD), readJson(NEW)))));
    expect(run("diff", join(ROOT, OLD), join(ROOT, OLD))).toMatchObject({ code: 0, out: expect.stringContaining("\nKhông có thay đổi.\n") });
    expect(run("diff", join(ROOT, OLD), join(ROOT, OLD), "--lang", "en").out).toContain("\nNo changes.\n");
    expect(run("diff", join(ROOT, OLD)).code).toBe(2);
    expect(run("diff", join(ROOT, OLD), join(ROOT, NEW), "--lang", "fr").code).toBe(2);
  });
});

describe("diff with names an object has by inheritance", () => {
  it("treats an input called toString as any other", () => {
    const a = makeSet();
    const b = makeSet({ inputs: { ...(makeSet().inputs as object), toString: { type: "boolean", description: text("t") } } });
    expect(diff(a, b).changes.map((c) => [c.kind, c.target])).toEqual([["input-added", "toString"]]);
    expect(diff(b, a).changes.map((c) => [c.kind, c.target])).toEqual([["input-removed", "toString"]]);
  });
});

describe("a change as data", () => {
  it("carries its message (catalogue key and parameters), which puts it into the same words as its sentence in both languages", () => {
    const sets = [
      "criteria/don-vi-hoc-tap/2020.1.0.json",
      "criteria/don-vi-hoc-tap/2024.1.0.json",
      "criteria/gia-dinh-van-hoa/2018.1.0.json",
      "criteria/gia-dinh-van-hoa/2024.1.0.json",
    ];
    let seen = 0;
    for (const [x, y] of [
      [sets[0]!, sets[1]!],
      [sets[2]!, sets[3]!],
      [sets[1]!, sets[0]!],
    ] as const) {
      for (const c of diff(readJson(x), readJson(y)).changes) {
        expect(isMessage(c.detail), JSON.stringify(c.detail)).toBe(true);
        expect(c.message).toEqual(both(c.detail));
        expect(c.detail.key.startsWith("diff.")).toBe(true);
        seen++;
      }
    }
    expect(seen).toBeGreaterThan(50);
  });
});
