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
  if (absent) throw new Error(`the explorer is built from the library's own build, and ${absent} is missing: run \`npm run build\` first (\`npm run site\` does)`);
  const [node, core, testing] = await Promise.all(entries.map((e) => import(pathToFileURL(e).href)));
  return { ...node, loadCriteriaSet: core.loadCriteriaSet, findCaseFiles: testing.findCaseFiles, readCaseFile: testing.readCaseFile } as NodeApi;
}

/** The cases of a set's case files (read and validated by the test kit: a bad file stops the build), as samples. */
function casesOf(api: NodeApi, repo: string, criteriaPath: string, watch: (path: string) => void): SampleUnit[] {
  return api.findCaseFiles(criteriaPath).flatMap((path) => {
    watch(path);
    const source = relative(repo, path).split("\\").join("/");
    return api.readCaseFile(path).cases.map((c) => ({
      name: c.name,
      source,
      data: c.data,
      ...(c.asOf !== undefined ? { asOf: c.asOf } : {}),
      expected: c.expect.invalidData !== undefined ? "invalid-data" : c.expect.verdict!,
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
        if (!/<script type="module" crossorigin /.test(html)) throw new Error("staticPage: Vite no longer writes the entry as <script type=\"module\" crossorigin ...>; update the rewrite");
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
