import { main } from "../src/cli/main.js";

/** Runs the CLI in-process and returns its exit code and what it printed. */
export function run(...args: string[]): { code: number; out: string; err: string } {
  let out = "";
  let err = "";
  const code = main(args, { out: (t) => (out += t), err: (t) => (err += t), columns: 120 });
  // Only batch answers with a promise; the commands tested through this helper answer at once.
  if (typeof code !== "number") throw new Error(`'${args[0]}' ran asynchronously; use an async runner for it`);
  return { code, out, err };
}

/** Runs the CLI in-process, waiting when the command answers with a promise (impact, batch, lock --check of the package's folder). */
export async function runAsync(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await main(args, { out: (t) => (out += t), err: (t) => (err += t), columns: 120 });
  return { code, out, err };
}
