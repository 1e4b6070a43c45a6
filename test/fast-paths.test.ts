// The seam between evaluate's semantics and its fast paths (src/evaluate/fast-paths.ts): the reference project
// reruns the unit tests with them off; here, every shipped case gives the same result, or error, either way.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fastPathsOn, setFastPaths } from "../src/evaluate/fast-paths.js";
import { evaluate, TieuchiError } from "../src/index.js";
import { loadRegistry, readJsonFile } from "../src/node/index.js";
import { ROOT } from "./helpers.js";

interface CaseFile {
  readonly set: { readonly id: string; readonly version: string };
  readonly cases: readonly { readonly data: unknown; readonly asOf?: string }[];
}

function outcome(run: () => unknown): unknown {
  try {
    return run();
  } catch (e) {
    if (e instanceof TieuchiError) return { error: e.code, message: e.message };
    throw e;
  }
}

describe("fast paths", () => {
  it("are on in every project but reference, where the setup file turns them off", ({ task }) => {
    expect(fastPathsOn()).toBe(task.file.projectName !== "reference");
  });

  it("change no result of any shipped case, with and without explanations", () => {
    const dir = join(ROOT, "criteria");
    const registry = loadRegistry(dir);
    const files = readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".cases.json"));
    const before = fastPathsOn();
    let compared = 0;
    try {
      for (const f of files) {
        const file = readJsonFile(join(dir, f)) as CaseFile;
        const loaded = registry.get(file.set.id, file.set.version)!;
        for (const c of file.cases) {
          for (const explain of [true, false]) {
            const options = { explain, sets: registry, allowOutOfForce: true, ...(c.asOf === undefined ? {} : { asOf: c.asOf }) };
            setFastPaths(true);
            const fast = outcome(() => evaluate(loaded, c.data, options));
            setFastPaths(false);
            const reference = outcome(() => evaluate(loaded, c.data, options));
            expect(reference, `${f}`).toEqual(fast);
            compared++;
          }
        }
      }
    } finally {
      setFastPaths(before);
    }
    expect(files.length).toBeGreaterThan(10);
    expect(compared).toBeGreaterThan(200);
  }, 600_000);
});
