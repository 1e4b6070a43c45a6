/**
 * The layers of src/, bottom first, and the one-way rule: a module imports only from its own layer or the
 * layers below it. Run by `npm run deps` (part of `npm test` and of CI). docs/architecture.md explains each
 * layer; change this list and that page together.
 *
 * Each entry is a folder of src/ (or a file directly in src/, written with its extension).
 */
const LAYERS = [
  ["i18n", "version.ts"], // the message catalogue and the package version: import nothing of ours
  ["errors.ts"], // error classes with codes, problems
  ["json"], // JSON text: parse with positions, canonical JSON, SHA-256, JS literals of JSON values
  ["schema"], // data shapes (zod), limits, dates, zod issues as problems
  ["logic"], // rules: operators, analysis, the reference and compiled evaluators
  ["generate"], // a set's evaluator generated as ES module source (each operator's emitter is in logic/ops)
  ["check"], // a criteria set's checks beyond shape, and validation as a whole
  ["explain"], // sentences about criteria and results (formatting, describe, messages)
  ["evaluate"], // loading a set, evaluating a unit, the decision
  ["report", "sheet", "testing"], // aggregates and renderings, spreadsheets, the test kit
  ["batch"], // batch input and output, composing results
  ["versions"], // registry, lock, diff, impact, audit, transition
  ["criteria", "index.ts"], // the entry points of the core: tieuchi/criteria and tieuchi
  ["node"], // tieuchi/node: files, batches, sheets on disk (the only core user of Node's modules)
  ["cli"], // the command line
];

const path = (entry) => (entry.endsWith(".ts") ? `^src/${entry.replace(/\./g, "\\.")}$` : `^src/${entry}/`);
const anyOf = (entries) => `(${entries.map(path).join("|")})`;

/** One rule per layer: nothing in it imports from a layer above it. */
const layerRules = LAYERS.slice(0, -1).map((layer, i) => ({
  name: `layer-${layer[0].replace(/\.ts$/, "")}`,
  comment: `${layer.join(", ")} may not import from a layer above it (${LAYERS.slice(i + 1).flat().join(", ")}).`,
  severity: "error",
  from: { path: anyOf(layer) },
  to: { path: anyOf(LAYERS.slice(i + 1).flat()) },
}));

/** Folders of one layer do not import each other either: they are side by side. */
const siblingRules = LAYERS.filter((layer) => layer.length > 1 && !layer.some((e) => e.endsWith(".ts"))).flatMap((layer) =>
  layer.map((entry) => ({
    name: `side-by-side-${entry}`,
    comment: `${entry} sits beside ${layer.filter((e) => e !== entry).join(", ")}: neither imports the other.`,
    severity: "error",
    from: { path: path(entry) },
    to: { path: anyOf(layer.filter((e) => e !== entry)) },
  })),
);

module.exports = {
  forbidden: [
    {
      name: "no-file-cycle",
      comment: "No module reaches itself through its imports.",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    {
      name: "no-folder-cycle",
      comment: "No folder of src/ reaches itself through the imports of its modules.",
      severity: "error",
      scope: "folder",
      from: { path: "^src/" },
      to: { circular: true },
    },
    ...layerRules,
    ...siblingRules,
    {
      name: "core-without-node",
      comment: "The core runs in browsers too: only src/node/ and src/cli/ import Node's own modules.",
      severity: "error",
      from: { path: "^src/", pathNot: "^src/(node|cli)/" },
      to: { dependencyTypes: ["core"] },
    },
    {
      name: "no-unresolvable",
      comment: "Every import resolves.",
      severity: "error",
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsConfig: { fileName: "tsconfig.json" },
    // Type-only imports count: a type from a layer above is an upward dependency too.
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: [".ts", ".js", ".json"] },
  },
};
