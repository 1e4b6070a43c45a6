// A host application that uses json-logic-js for its own rules and tieuchi's published build side by side.
// Run by test/isolation.test.ts in a fresh Node process:
//   node host-app.mjs <esm|cjs> <clean|host-first|tieuchi-first>
// clean:          no tampering, the reference output.
// host-first:     the host customises its json-logic-js, then loads tieuchi.
// tieuchi-first:  tieuchi is loaded (and has evaluated) before the host customises its json-logic-js.
// Prints one JSON object: the results of every set, unit and engine, and what the host saw.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const [format, order] = process.argv.slice(2);
const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const require = createRequire(import.meta.url);
const readJson = (rel) => JSON.parse(readFileSync(join(root, rel), "utf8"));

// The host's own json-logic-js: the copy in node_modules, the one `import jsonLogic from "json-logic-js"` gives.
const jsonLogic = require("json-logic-js");

const TIEUCHI_OPS = ["tc:var", "tc:count", "tc:ratioAtLeast", "tc:ratioAtMost", "count", "shareAtLeast", "shareAtMost", "ratioAtLeast", "ratioAtMost"];
const STANDARD_OPS = ["var", "==", "===", "!=", "!==", ">", ">=", "<", "<=", "!", "!!", "+", "-", "*", "/", "%", "min", "max", "in", "missing", "cat"];

function hostKnows(op) {
  try {
    jsonLogic.apply({ [op]: [[1, 2], 2, 50] }, {});
    return true;
  } catch (e) {
    if (String(e.message).startsWith("Unrecognized operation")) return false;
    return true;
  }
}

/** Own property names of the objects a library could pollute. */
function globalsSnapshot() {
  const names = (o) => Reflect.ownKeys(o).map(String).sort().join(",");
  return {
    globalThis: names(globalThis),
    Object: names(Object.prototype),
    Array: names(Array.prototype),
    Function: names(Function.prototype),
    String: names(String.prototype),
    Number: names(Number.prototype),
    JSON: names(JSON),
    Math: names(Math),
  };
}

function tamper() {
  // Override every operator the host can: each now gives a wrong answer for tieuchi if the table were shared.
  for (const op of STANDARD_OPS) jsonLogic.add_operation(op, () => (op === "var" ? 1 : true));
  for (const op of TIEUCHI_OPS) jsonLogic.add_operation(op, () => true);
  jsonLogic.add_operation("hostOnly", (a) => `host:${a}`);
}

async function loadTieuchi() {
  if (format === "cjs") return { ...require(join(root, "dist/index.cjs")), node: require(join(root, "dist/node.cjs")) };
  return { ...(await import(pathToFileURL(join(root, "dist/index.js")).href)), node: await import(pathToFileURL(join(root, "dist/node.js")).href) };
}

const cases = [
  [
    "criteria/don-vi-hoc-tap/2020.1.0.json",
    [
      "docs/examples/don-vi-hoc-tap/phong-gd-huyen-mau.json",
      "docs/examples/don-vi-hoc-tap/trung-tam-van-hoa-tinh-mau.json",
      "docs/examples/don-vi-hoc-tap/ban-tuyen-giao-thieu-du-lieu.json",
    ],
  ],
  ["test/fixtures/all-operators.json", readJson("test/fixtures/all-operators.units.json")],
  [
    "test/fixtures/mini-family.json",
    [
      {
        hasBookshelf: true,
        members: [
          { age: 40, rating: "Tốt" },
          { age: 8, enrolled: true, rating: "Khá" },
        ],
      },
      { members: [{ age: 9 }] },
    ],
  ],
];

function evaluateAll(lib) {
  const out = {};
  for (const [setPath, units] of cases) {
    const set = lib.loadCriteriaSet(readJson(setPath));
    // A date the set was in force on (a version out of force is refused).
    const asOf = set.definition.validFrom;
    units.forEach((unit, i) => {
      const data = typeof unit === "string" ? readJson(unit) : unit;
      // The default evaluator, then each one by name, with and without explanations.
      out[`default ${setPath} #${i}`] = JSON.stringify(lib.evaluate(set, data, { asOf }));
      for (const engine of lib.ENGINE_NAMES) {
        out[`${engine} ${setPath} #${i}`] = JSON.stringify(lib.evaluate(set, data, { asOf, engine }));
        out[`${engine} quiet ${setPath} #${i}`] = JSON.stringify(lib.evaluate(set, data, { explain: false, engine }));
      }
    });
  }
  // Every case of every criteria set in criteria/, with titles of sub-units decided through the registry.
  const registry = lib.node.loadRegistry(join(root, "criteria"));
  for (const file of lib.node.findCriteriaFiles(join(root, "criteria"))) {
    const casesFile = file.replace(/\.json$/, ".cases.json");
    let cases;
    try {
      cases = readJson(casesFile.slice(root.length + 1));
    } catch {
      continue;
    }
    const set = registry.get(cases.set.id, cases.set.version);
    for (const c of cases.cases) {
      for (const engine of lib.ENGINE_NAMES) {
        let value;
        try {
          value = lib.evaluate(set, c.data, { engine, sets: registry, ...(c.asOf ? { asOf: c.asOf } : {}) });
        } catch (e) {
          value = { error: e.code, message: e.message };
        }
        out[`${engine} ${cases.set.id}@${cases.set.version} ${c.name}`] = JSON.stringify(value);
      }
    }
  }
  return out;
}

const knownTieuchiOps = () => TIEUCHI_OPS.filter(hostKnows);
const diff = (a, b) => Object.keys(a).filter((k) => a[k] !== b[k]);
const atStart = globalsSnapshot();
const seen = { atStart: knownTieuchiOps() };
let lib;
let loaded;
if (order === "tieuchi-first") {
  lib = await loadTieuchi();
  loaded = globalsSnapshot();
  evaluateAll(lib);
  seen.afterTieuchiRan = knownTieuchiOps();
}
if (order !== "clean") tamper();
if (!lib) {
  lib = await loadTieuchi();
  loaded = globalsSnapshot();
}
const results = evaluateAll(lib);
if (order === "clean") seen.afterTieuchiRan = knownTieuchiOps();
const after = globalsSnapshot();
const newGlobals = Reflect.ownKeys(globalThis)
  .map(String)
  .filter((k) => !atStart.globalThis.split(",").includes(k));

// The host's own customisations still hold after tieuchi has run.
const hostStillCustom =
  order === "clean" ||
  (jsonLogic.apply({ "==": [1, 2] }) === true && jsonLogic.apply({ var: "zzz" }, {}) === 1 && jsonLogic.apply({ hostOnly: "x" }) === "host:x");

process.stdout.write(
  JSON.stringify({
    engines: lib.ENGINE_NAMES,
    results,
    hostKnewTieuchiOps: seen,
    hostStillCustom,
    changedByLoading: diff(atStart, loaded),
    newGlobalsByLoading: newGlobals,
    changedByEvaluating: diff(loaded, after),
  }),
);
