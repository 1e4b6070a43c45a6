import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync, renameSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkLock, emptyLock, lockEntryOf, LockFileError, parseLock, serializeLock, updateLock, type LockInput } from "../src/index.js";
import { checkLockDir, LOCK_FILE, readLock, updateLockDir } from "../src/node/index.js";
import { makeSet, readJson, ROOT } from "./helpers.js";
import { run } from "./run-cli.js";

/** A copy of the fixture criteria folder, released. */
function releasedCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), "tieuchi-lock-"));
  cpSync(join(ROOT, "test/fixtures/versions/criteria"), dir, { recursive: true });
  expect(updateLockDir(dir).written).toBe(true);
  return dir;
}

/** A released copy of the fixture folder in which one released file was then edited (`from` replaced by `to`). */
function releasedCopyEdited(file: string, from: string, to: string): string {
  const dir = releasedCopy();
  const path = join(dir, file);
  const text = readFileSync(path, "utf8");
  expect(text).toContain(from);
  writeFileSync(path, text.replace(from, to));
  return dir;
}

const TT22 = "criteria/don-vi-hoc-tap/2020.1.0.json";

describe("the lock of criteria/", () => {
  it("holds every released version, unchanged (run `tieuchi lock --update` after reviewing a new version)", () => {
    const report = checkLockDir(join(ROOT, "criteria"));
    expect(report.entries.filter((e) => e.status !== "locked").map((e) => e.message)).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it("is written exactly as lock --update writes it", () => {
    const onDisk = readFileSync(join(ROOT, "criteria", LOCK_FILE), "utf8");
    expect(serializeLock(parseLock(JSON.parse(onDisk)))).toBe(onDisk);
  });
});

describe("lock entries", () => {
  it("hash the file as results do, and each part, criterion and input", () => {
    const json = readJson(TT22);
    const e = lockEntryOf("don-vi-hoc-tap/2020.1.0.json", json);
    const rerun = run("validate", join(ROOT, TT22), "--json");
    expect(e.hash).toBe(JSON.parse(rerun.out)[0].hash);
    expect(Object.keys(e.criteria)).toEqual(["1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "2.4", "3.1", "3.2", "3.3"]);
    expect(Object.keys(e.parts)).toContain("decision");
    expect(Object.keys(e.inputs)).toContain("thanhVien");
    for (const h of [...Object.values(e.parts), ...Object.values(e.criteria)]) expect(h).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe("checking a lock", () => {
  const json = readJson(TT22) as Record<string, unknown>;
  const file = "don-vi-hoc-tap/2020.1.0.json";
  const lock = updateLock(null, [{ file, json }]).lock!;

  it("passes an unchanged release, whatever its key order or white space", () => {
    const reordered = JSON.parse(JSON.stringify(Object.fromEntries(Object.entries(json).reverse())));
    expect(checkLock(lock, [{ file, json: reordered }])).toMatchObject({ ok: true, counts: { locked: 1 } });
  });

  it("catches a one-character edit of a released file, naming the file and the criterion", () => {
    const tampered = structuredClone(json) as { criteria: Array<{ id: string; title: { vi: string } }> };
    tampered.criteria[3]!.title.vi += ".";
    const report = checkLock(lock, [{ file, json: tampered }]);
    expect(report.ok).toBe(false);
    const e = report.entries[0]!;
    expect(e).toMatchObject({ status: "changed", file, version: "don-vi-hoc-tap@2020.1.0", lockedHash: lock.versions["don-vi-hoc-tap@2020.1.0"]!.hash });
    expect(e.changes).toEqual([{ kind: "criterion", name: "2.1", change: "changed" }]);
    expect(e.message).toMatch(/^don-vi-hoc-tap\/2020\.1\.0\.json: released version don-vi-hoc-tap@2020\.1\.0 has been edited \(criterion 2\.1 changed\)/);
  });

  it("names top-level parts, criteria and inputs added or removed, and a reordering", () => {
    // biome-ignore lint/suspicious/noExplicitAny: the test edits a set's JSON in place, at any depth.
    const edited = structuredClone(json) as Record<string, any>;
    edited.decision.passMark = 55;
    edited.criteria.pop();
    edited.inputs.moi = { type: "boolean", description: { vi: "x", en: "x" } };
    expect(checkLock(lock, [{ file, json: edited }]).entries[0]!.changes).toEqual([
      { kind: "part", name: "decision", change: "changed" },
      { kind: "criterion", name: "3.3", change: "removed" },
      { kind: "input", name: "moi", change: "added" },
    ]);
    // biome-ignore lint/suspicious/noExplicitAny: the test edits a set's JSON in place, at any depth.
    const reordered = structuredClone(json) as Record<string, any>;
    reordered.criteria.reverse();
    expect(checkLock(lock, [{ file, json: reordered }]).entries[0]!.changes).toEqual([{ kind: "part", name: "criteria", change: "reordered" }]);
  });

  it("reports versions missing from the lock, removed from disk, moved, duplicated, invalid or unreadable", () => {
    const newer = makeSet({ id: "moi", version: "1.0.0" });
    const report = checkLock(lock, [
      { file: "elsewhere/2020.1.0.json", json },
      { file: "moi/1.0.0.json", json: newer },
      { file: "moi/copy.json", json: newer },
      { file: "bad/1.0.0.json", json: { ...makeSet({ id: "bad" }), criteria: [] } },
      { file: "anon.json", json: [1, 2] },
      { file: "broken.json", error: "broken.json:1:2: not valid JSON" },
    ]);
    const byFile = Object.fromEntries(report.entries.map((e) => [e.file ?? e.lockedFile, e.status]));
    expect(byFile).toEqual({
      "anon.json": "invalid",
      "bad/1.0.0.json": "invalid",
      "broken.json": "unreadable",
      "elsewhere/2020.1.0.json": "moved",
      "moi/1.0.0.json": "unreleased",
      "moi/copy.json": "duplicate",
    });
    expect(report.entries.find((e) => e.status === "unreleased")!.message).toBe(
      "moi/1.0.0.json: moi@1.0.0 is not in the lock; after review, release it with tieuchi lock --update",
    );
    const gone = checkLock(lock, []);
    expect(gone.entries).toEqual([expect.objectContaining({ status: "removed", version: "don-vi-hoc-tap@2020.1.0", file: null, lockedFile: file })]);
    expect(gone.ok).toBe(false);
    expect(checkLock(null, [])).toMatchObject({ ok: true, entries: [] });
  });
});

describe("updating a lock", () => {
  const a = { file: "a/1.0.0.json", json: makeSet({ id: "a" }) };
  const b = { file: "b/1.0.0.json", json: makeSet({ id: "b" }) };

  it("releases new versions, the same bytes whatever the order files come in", () => {
    const one = updateLock(null, [a, b]);
    const two = updateLock(emptyLock(), [b, a]);
    expect(one.released).toEqual(["a@1.0.0", "b@1.0.0"]);
    expect(serializeLock(one.lock!)).toBe(serializeLock(two.lock!));
    expect(updateLock(one.lock, [a, b]).released).toEqual([]);
  });

  it("refuses to re-record an edited or removed release unless told to, and refuses invalid files", () => {
    const lock = updateLock(null, [a, b]).lock!;
    const edited: LockInput = { file: a.file, json: { ...a.json, title: { vi: "Khác", en: "Other" } } };
    const refused = updateLock(lock, [edited, b]);
    expect(refused.lock).toBeNull();
    expect(refused.report.entries.find((e) => e.status === "changed")!.file).toBe(a.file);
    expect(updateLock(lock, [b]).lock).toBeNull();
    const accepted = updateLock(lock, [edited], { acceptChanges: true });
    expect(accepted.released).toEqual(["a@1.0.0"]);
    expect(Object.keys(accepted.lock!.versions)).toEqual(["a@1.0.0"]);
    expect(checkLock(accepted.lock, [edited]).ok).toBe(true);
    expect(updateLock(lock, [a, b, { file: "x.json", error: "unreadable" }], { acceptChanges: true }).lock).toBeNull();
  });

  it("validates lock files", () => {
    expect(() => parseLock({ format: "tieuchi/lock@2", versions: {} }, "l.json")).toThrow(LockFileError);
    expect(() =>
      parseLock({
        format: "tieuchi/lock@1",
        versions: { "a@1.0.0": { file: "../a.json", hash: `sha256:${"0".repeat(64)}`, parts: {}, criteria: {}, inputs: {} } },
      }),
    ).toThrow(/not a \.json path inside the criteria folder/);
    try {
      parseLock({ format: "tieuchi/lock@1", versions: { nope: {} } }, "l.json");
    } catch (e) {
      expect((e as LockFileError).code).toBe("ERR_LOCK_FILE");
      expect((e as LockFileError).message).toContain("The lock file l.json is invalid");
    }
  });
});

describe("the lock and the registry", () => {
  const old = {
    file: "s/1.0.0.json",
    json: makeSet({ id: "s", version: "1.0.0", validFrom: "2020-01-01", source: { document: "QĐ 1/2019", issuer: "Test", issued: "2019-12-01" } }),
  };
  const next = { file: "s/2.0.0.json", json: makeSet({ id: "s", version: "2.0.0", validFrom: "2024-01-26", supersedes: { id: "s", version: "1.0.0" } }) };

  it("refuses to release a version that overlaps its predecessor: an app could not load the folder", () => {
    const lock = updateLock(null, [old]).lock!;
    expect(lock).not.toBeNull();
    const report = checkLock(lock, [old, next]);
    expect(report.ok).toBe(false);
    expect(report.registry).toEqual([
      expect.objectContaining({ code: "overlapping_dates", message: expect.stringContaining("end s@1.0.0 on 2024-01-25 (validTo)") }),
    ]);
    // Not even --accept-changes lets an overlap through.
    expect(updateLock(lock, [old, next], { acceptChanges: true }).lock).toBeNull();
    const closed = { ...old, json: { ...old.json, validTo: "2024-01-25" } };
    expect(checkLock(lock, [closed, next]).registry).toEqual([]);
    expect(updateLock(lock, [closed, next]).lock).toBeNull();
    expect(updateLock(lock, [closed, next], { acceptChanges: true }).released).toEqual(["s@1.0.0", "s@2.0.0"]);
  });

  it("refuses a supersedes naming a version the folder does not hold, and leaves invalid files to their own status", () => {
    const report = checkLock(null, [next, { file: "bad.json", json: { id: "s", version: "0.1.0" } }]);
    expect(report.registry.map((p) => p.code)).toEqual(["unknown_supersedes"]);
    expect(report.entries.map((e) => e.status)).toEqual(["invalid", "unreleased"]);
  });

  it("passes the shipped criteria/", () => {
    expect(checkLockDir(join(ROOT, "criteria")).registry).toEqual([]);
  });
});

describe("tieuchi lock", () => {
  it("--check passes an untouched folder and fails on a tampered released file, naming it and what changed", () => {
    const dir = releasedCopy();
    expect(run("lock", "--lang", "en", "--check", "--criteria", dir)).toMatchObject({ code: 0, out: "2 locked\n" });
    const path = join(dir, "gia-dinh-mau/2018.1.0.json");
    writeFileSync(path, readFileSync(path, "utf8").replace('"passMark": 70', '"passMark": 71'));
    const r = run("lock", "--lang", "en", "--check", "--criteria", dir);
    expect(r.code).toBe(1);
    expect(r.out).toContain("✘ changed    gia-dinh-mau/2018.1.0.json: released version gia-dinh-mau@2018.1.0 has been edited ('decision' changed)");
    expect(r.out).toContain("1 locked, 1 changed");
    const json = JSON.parse(run("lock", "--lang", "en", "--check", "--criteria", dir, "--json").out);
    expect(json.ok).toBe(false);
    rmSync(dir, { recursive: true });
  });

  it("--check reports a version not yet released; --update releases it and writes the same lock every time", () => {
    const dir = releasedCopy();
    const before = readFileSync(join(dir, LOCK_FILE), "utf8");
    mkdirSync(join(dir, "moi"));
    writeFileSync(join(dir, "moi/1.0.0.json"), JSON.stringify(makeSet({ id: "moi", version: "1.0.0" })));
    const r = run("lock", "--lang", "en", "--check", "--criteria", dir);
    expect(r.code).toBe(1);
    expect(r.out).toContain("✘ unreleased moi/1.0.0.json: moi@1.0.0 is not in the lock");
    expect(run("lock", "--lang", "en", "--update", "--criteria", dir)).toMatchObject({ code: 0, out: `released moi@1.0.0; wrote ${dir}/${LOCK_FILE}\n` });
    const after = readFileSync(join(dir, LOCK_FILE), "utf8");
    expect(after).not.toBe(before);
    expect(run("lock", "--lang", "en", "--update", "--criteria", dir)).toMatchObject({ code: 0, out: `nothing to release; unchanged ${dir}/${LOCK_FILE}\n` });
    expect(readFileSync(join(dir, LOCK_FILE), "utf8")).toBe(after);
    expect(run("lock", "--lang", "en", "--check", "--criteria", dir).code).toBe(0);
    // A released file moved elsewhere is still the same release.
    renameSync(join(dir, "moi/1.0.0.json"), join(dir, "moi-1.0.0.json"));
    expect(run("lock", "--lang", "en", "--check", "--criteria", dir, "--verbose").out).toContain(
      "✔ moved      moi-1.0.0.json: moi@1.0.0 unchanged, moved from moi/1.0.0.json",
    );
    rmSync(dir, { recursive: true });
  });

  it("--update refuses an edited release unless --accept-changes", () => {
    const dir = releasedCopyEdited("gia-dinh-mau/2024.1.0.json", "Phụ lục I", "Phụ lục II");
    const r = run("lock", "--lang", "en", "--update", "--criteria", dir);
    expect(r.code).toBe(1);
    expect(r.out).toContain("criteria.lock.json not updated");
    expect(readLock(dir)!.versions["gia-dinh-mau@2024.1.0"]!.parts.source).toBe(
      lockEntryOf("x.json", readJson("test/fixtures/versions/criteria/gia-dinh-mau/2024.1.0.json")).parts.source,
    );
    expect(run("lock", "--lang", "en", "--update", "--accept-changes", "--criteria", dir)).toMatchObject({ code: 0 });
    expect(run("lock", "--lang", "en", "--check", "--criteria", dir).code).toBe(0);
    rmSync(dir, { recursive: true });
  });

  it("--check and --update name versions in force on the same day, and --accept-changes does not override it", () => {
    const dir = releasedCopyEdited("gia-dinh-mau/2018.1.0.json", '"validTo": "2024-01-29"', '"validTo": null');
    const r = run("lock", "--lang", "en", "--check", "--criteria", dir);
    expect(r.code).toBe(1);
    expect(r.out).toContain("✘ registry   gia-dinh-mau@2018.1.0 (2018-11-05 to no end) (gia-dinh-mau/2018.1.0.json) and gia-dinh-mau@2024.1.0");
    expect(r.out).toContain("end gia-dinh-mau@2018.1.0 on 2024-01-29 (validTo) [overlapping_dates]");
    expect(r.out).toContain("1 locked, 1 changed, 1 registry problem\n");
    const lock = readFileSync(join(dir, LOCK_FILE), "utf8");
    const u = run("lock", "--lang", "en", "--update", "--accept-changes", "--criteria", dir);
    expect(u.code).toBe(1);
    expect(u.out).toContain("criteria.lock.json not updated: fix the problems above\n");
    expect(readFileSync(join(dir, LOCK_FILE), "utf8")).toBe(lock);
    expect(JSON.parse(run("lock", "--lang", "en", "--check", "--criteria", dir, "--json").out).registry).toHaveLength(1);
    rmSync(dir, { recursive: true });
  });

  it("reports a malformed lock file and usage errors with exit 2", () => {
    const dir = releasedCopy();
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ format: "nope" }));
    const r = run("lock", "--lang", "en", "--check", "--criteria", dir);
    expect(r.code).toBe(2);
    expect(r.err).toContain("[ERR_LOCK_FILE]");
    expect(run("lock").code).toBe(2);
    expect(run("lock", "--lang", "en", "--check", "--update").code).toBe(2);
    expect(run("lock", "--lang", "en", "--check", "--accept-changes").code).toBe(2);
    expect(run("lock", "--lang", "en", "--check", "extra").code).toBe(2);
    rmSync(dir, { recursive: true });
  });
});

describe("lock entries with names an object has by inheritance", () => {
  it("notice a criterion called constructor disappearing", () => {
    const t = { vi: "x", en: "x" };
    const json = makeSet({
      criteria: [
        { id: "constructor", title: t, points: 50, rule: { var: "a" } },
        { id: "b", title: t, points: 50, rule: { var: "b" } },
      ],
    });
    const lock = updateLock(null, [{ file: "s.json", json }]).lock!;
    const edited = { ...json, criteria: [{ id: "b", title: t, points: 100, rule: { var: "b" } }] };
    expect(checkLock(lock, [{ file: "s.json", json: edited }]).entries[0]!.changes).toEqual([
      { kind: "criterion", name: "constructor", change: "removed" },
      { kind: "criterion", name: "b", change: "changed" },
    ]);
  });
});
