/**
 * Vite plugins of the explorer: the catalogue data, read and validated with the library at build time, and
 * the HTML rewrite that lets the page run from file:// under a strict Content-Security-Policy.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { basename, join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import type { Plugin } from "vite";
import type { CatalogueData, SampleUnit } from "../src/data.js";

type NodeApi = typeof import("../../../src/node/index.js") &
  Pick<typeof import("../../../src/index.js"), "loadCriteriaSet"> &
  Pick<typeof import("../../../src/node/testing.js"), "findCaseFiles" | "readCaseFile">;

const VIRTUAL = "virtual:tieuchi-catalogue";
const RESOLVED = `\0${VIRTUAL}`;

async function nodeApi(repo: string): Promise<NodeApi> {
  const entries = ["node.js", "index.js", "testing.js"].map((f) => join(repo, "dist", f));
  const absent = entries.find((e) => !existsSync(e));
  if (absent)
    throw new Error(`the explorer is built from the library's own build, and ${absent} is missing: run \`npm run build\` first (\`npm run site\` does)`);
  const [node, core, testing] = await Promise.all(entries.map((e) => import(pathToFileURL(e).href)));
  return { ...node, loadCriteriaSet: core.loadCriteriaSet, findCaseFiles: testing.findCaseFiles, readCaseFile: testing.readCaseFile } as NodeApi;
}

/** The cases of a set's case files (read and validated by the test kit: a bad file stops the build), as samples. */
function casesOf(api: NodeApi, repo: string, criteriaPath: string, watch: (path: string) => void): SampleUnit[] {
  return api.findCaseFiles(criteriaPath).flatMap((path) => {
    watch(path);
    const source = relative(repo, path).split("\\").join("/");
    const file = api.readCaseFile(path);
    // Generated files (boundary cases) are written in Vietnamese, the generator's default (test/boundary-files
    // .test.ts holds the shipped ones to it); the shipped hand-written case files are in English.
    const nameLang = file.generated === undefined ? "en" : "vi";
    return file.cases.map((c) => ({
      name: c.name,
      source,
      data: c.data,
      ...(c.asOf !== undefined ? { asOf: c.asOf } : {}),
      expected: c.expect.invalidData !== undefined ? "invalid-data" : c.expect.verdict!,
      nameLang,
    }));
  });
}

/**
 * `import data from "virtual:tieuchi-catalogue"`: every criteria file in `criteria/` as written (so the page
 * computes the same content hash), each validated here with `loadCriteriaSet`, so an invalid file fails the
 * build; and the sample units: each version's case file, and `docs/examples/<set id>/*.json`.
 */
export function catalogueData(repo: string): Plugin {
  return {
    name: "tieuchi-catalogue",
    resolveId: (id) => (id === VIRTUAL ? RESOLVED : undefined),
    async load(id) {
      if (id !== RESOLVED) return undefined;
      const api = await nodeApi(repo);
      const criteriaDir = join(repo, "criteria");
      const data: CatalogueData = { files: [], examples: [] };
      const sets: Array<ReturnType<NodeApi["loadCriteriaSet"]>> = [];
      for (const path of api.findCriteriaFiles(criteriaDir)) {
        const file = relative(repo, path).split("\\").join("/");
        this.addWatchFile(path);
        const json = api.readJsonFile(path);
        const set = api.loadCriteriaSet(json, { source: file }); // throws CriteriaSetError naming the file: the build stops
        const cases = casesOf(api, repo, path, (f) => this.addWatchFile(f));
        data.files.push({ path: file, json, cases });
        sets.push(set);
      }
      const examplesDir = join(repo, "docs", "examples");
      const ids = new Set(sets.map((s) => s.definition.id));
      if (existsSync(examplesDir)) {
        for (const dir of readdirSync(examplesDir).sort()) {
          if (!ids.has(dir) || !statSync(join(examplesDir, dir)).isDirectory()) continue;
          for (const name of readdirSync(join(examplesDir, dir)).sort()) {
            if (!name.endsWith(".json")) continue;
            const path = join(examplesDir, dir, name);
            this.addWatchFile(path);
            const unit = { name: basename(name, ".json"), source: relative(repo, path), data: api.readJsonFile(path) };
            // An example is offered for the versions whose inputs it fits (an example of a 2024 agency
            // does not fit the 2020 inputs).
            const versions = sets.filter((s) => s.definition.id === dir && s.dataSchema.safeParse(unit.data).success).map((s) => s.definition.version);
            data.examples.push({ setId: dir, versions, unit });
          }
        }
      }
      return `export default ${JSON.stringify(data)};`;
    },
  };
}

/**
 * Makes the built page static: the module script becomes a classic deferred script (browsers do not run
 * module scripts from file://) and `crossorigin` goes (a file:// page has no origin to share with). In the
 * dev server the page's Content-Security-Policy is dropped, because Vite's dev client injects styles inline.
 */
export function staticPage(): Plugin {
  let command: "build" | "serve" = "build";
  return {
    name: "tieuchi-static-page",
    configResolved(config) {
      command = config.command;
    },
    transformIndexHtml: {
      order: "post",
      handler(html) {
        if (command === "serve") return html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>\s*/, "");
        if (!/<script type="module" crossorigin /.test(html))
          throw new Error('staticPage: Vite no longer writes the entry as <script type="module" crossorigin ...>; update the rewrite');
        return html.replace(/<script type="module" crossorigin /g, "<script defer ").replace(/ crossorigin(?=[\s>])/g, "");
      },
    },
  };
}

/**
 * Keeps modules imported only for their side effects. The repository's package.json says
 * `"sideEffects": false`, true of the library, and the bundler would otherwise drop the entry's
 * `import "./zod-jitless.js"`, which is nothing but its side effect.
 */
export function keepSideEffects(test: RegExp): Plugin {
  return {
    name: "tieuchi-keep-side-effects",
    transform: (code, id) => (test.test(id) ? { code, moduleSideEffects: true } : undefined),
  };
}

const WORKER_FILES = "virtual:tieuchi-worker-files";
const WORKER_FILES_RESOLVED = `\0${WORKER_FILES}`;

/**
 * The batch worker's code and exceljs's browser build as two scripts of the page's assets, each defining its
 * code as a string (`window.__tieuchiBatchWorker`, `window.__tieuchiExcelJs`): the page loads them only when a
 * batch runs or a template is made, and starts the worker from a Blob of both (a page opened from file:// may
 * not start a worker from a file). `import files from "virtual:tieuchi-worker-files"` names the two files.
 * The worker is built here with Vite's own API, as one IIFE, from the library's ESM build like the page.
 */
export function workerScripts(repo: string, root: string): Plugin {
  let files: { worker: string; excel: string } | null = null;
  let sources = new Map<string, string>();
  const make = async () => {
    const { build } = await import("vite");
    const { createHash } = await import("node:crypto");
    const { readFileSync } = await import("node:fs");
    const out = await build({
      configFile: false,
      root,
      logLevel: "warn",
      resolve: { alias: [{ find: /^tieuchi$/, replacement: `${repo}dist/index.js` }] },
      plugins: [keepSideEffects(/\/zod-jitless\.ts$/)],
      build: {
        write: false,
        target: "es2022",
        minify: true,
        emptyOutDir: false,
        lib: { entry: join(root, "src", "worker", "batch-worker.ts"), formats: ["iife"], name: "tieuchiBatchWorker", fileName: () => "batch-worker.js" },
      },
    });
    const outputs = (Array.isArray(out) ? out : [out]) as Array<{ output: Array<{ type: string; code?: string }> }>;
    const code = outputs.flatMap((o) => o.output).find((c) => c.type === "chunk")?.code;
    if (!code) throw new Error("workerScripts: the worker build gave no code");
    const excel = readFileSync(join(repo, "node_modules", "exceljs", "dist", "exceljs.bare.min.js"), "utf8");
    const hash = (s: string) => createHash("sha256").update(s).digest("hex").slice(0, 10);
    const workerSource = `self.__tieuchiBatchWorker=${JSON.stringify(code)};\n`;
    const excelSource = `/*! exceljs 4.4.0 (MIT), browser build */\nself.__tieuchiExcelJs=${JSON.stringify(excel)};\n`;
    files = { worker: `assets/batch-worker-${hash(workerSource)}.js`, excel: `assets/exceljs-${hash(excelSource)}.js` };
    sources = new Map([
      [files.worker, workerSource],
      [files.excel, excelSource],
    ]);
  };
  return {
    name: "tieuchi-worker-scripts",
    async buildStart() {
      await make();
      this.addWatchFile(join(root, "src", "worker", "batch-worker.ts"));
    },
    resolveId: (id) => (id === WORKER_FILES ? WORKER_FILES_RESOLVED : undefined),
    load: (id) => (id === WORKER_FILES_RESOLVED ? `export default ${JSON.stringify(files)};` : undefined),
    generateBundle() {
      for (const [fileName, source] of sources) this.emitFile({ type: "asset", fileName, source });
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const source = sources.get((req.url ?? "").replace(/^\/+/, "").replace(/\?.*$/, ""));
        if (source === undefined) return next();
        res.setHeader("content-type", "text/javascript");
        res.end(source);
      });
    },
  };
}
