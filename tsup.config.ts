import { chmodSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { defineConfig } from "tsup";

/** The entry points apps import, with their type declarations. */
const LIBRARY = {
  index: "src/index.ts",
  node: "src/node/index.ts",
  testing: "src/node/testing.ts",
  criteria: "src/criteria/index.ts",
};

export default defineConfig({
  entry: {
    ...LIBRARY,
    // The worker thread tieuchi/node's runBatch starts (found next to node.js), and the command line.
    "batch-worker": "src/node/batch-worker.ts",
    cli: "src/cli/bin.ts",
  },
  format: ["esm", "cjs"],
  // One copy of the code for every entry, the CLI included, in shared chunks (tsup splits only ESM by default):
  // otherwise `tieuchi/node` would carry its own copy of the error classes, and `instanceof CriteriaSetError`
  // would fail across entries.
  splitting: true,
  dts: { entry: LIBRARY },
  // Not minified, so a stack trace reads as the source does; no source maps, which would double the package.
  sourcemap: false,
  target: "es2022",
  // json-logic-js keeps one module-wide operator table. Bundling a private copy means the
  // operators tieuchi installs never reach the host's json-logic-js, and the host's never reach ours.
  noExternal: ["json-logic-js"],
  // No shims: the core imports nothing from Node. The CommonJS build has no import.meta; the one place that
  // needs the file's URL (src/node/bundled.ts) falls back to __filename there.
  shims: false,
  esbuildOptions(options, { format }) {
    if (format === "cjs") options.define = { ...options.define, "import.meta.url": "undefined" };
  },
  async onSuccess() {
    // The command line is ESM only, run as a program: no CommonJS copy, and a #! line.
    rmSync("dist/cli.cjs", { force: true });
    const cli = readFileSync("dist/cli.js", "utf8");
    if (!cli.startsWith("#!")) writeFileSync("dist/cli.js", `#!/usr/bin/env node\n${cli}`);
    chmodSync("dist/cli.js", 0o755);
  },
});
