/**
 * Where the files of the installed tieuchi package are: the built file this code runs from, and the folder of
 * criteria sets that comes with it (the CLI's default when no folder is given).
 *
 * @module
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { FileError } from "../errors.js";
import { msg } from "../i18n/index.js";

/**
 * The URL of the file this code runs from. ESM has `import.meta.url`; the CommonJS build has no `import.meta`
 * (tsup defines `import.meta.url` as undefined there), and `__filename` names the file.
 */
export function moduleUrl(): string {
  const url: string | undefined = import.meta.url;
  return url ?? pathToFileURL(__filename).href;
}

let root: string | undefined;

/** The folder of the tieuchi package: the nearest folder above this file whose package.json is tieuchi's. */
export function packageRoot(): string {
  if (root !== undefined) return root;
  const start = dirname(fileURLToPath(moduleUrl()));
  for (let dir = start; ; dir = dirname(dir)) {
    const pkg = join(dir, "package.json");
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, "utf8")) as { name?: unknown }).name === "tieuchi") return (root = dir);
    if (dirname(dir) === dir) throw new FileError(start, msg("file.not_in_package"));
  }
}

/** The criteria sets that come with tieuchi: its package's `criteria/` folder (the sets of `tieuchi/criteria`). */
export function bundledCriteriaDir(): string {
  return join(packageRoot(), "criteria");
}
