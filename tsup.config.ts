import { defineConfig } from "tsup";

export default defineConfig([
  {
    entry: {
      index: "src/index.ts",
      node: "src/node/index.ts",
      testing: "src/node/testing.ts",
      // The worker thread tieuchi/node's runBatch starts (found next to node.js).
      "batch-worker": "src/node/batch-worker.ts",
    },
    format: ["esm", "cjs"],
    // One shared chunk for CommonJS too (tsup splits only ESM by default): otherwise `tieuchi/node` would
    // carry its own copy of the error classes, and `instanceof CriteriaSetError` would fail across entries.
    splitting: true,
    // import.meta.url in the CommonJS build too, where runBatch looks for the worker script.
    shims: true,
    dts: true,
    sourcemap: true,
    target: "es2022",
    // json-logic-js keeps one module-wide operator table. Bundling a private copy means the
    // operators tieuchi installs never reach the host's json-logic-js, and the host's never reach ours.
    noExternal: ["json-logic-js"],
  },
  {
    entry: { cli: "src/cli/bin.ts" },
    format: ["esm"],
    sourcemap: true,
    target: "es2022",
    noExternal: ["json-logic-js"],
    banner: { js: "#!/usr/bin/env node" },
  },
]);
