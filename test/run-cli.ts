import { main } from "../src/cli/main.js";

/** Runs the CLI in-process and returns its exit code and what it printed. */
export function run(...args: string[]): { code: number; out: string; err: string } {
  let out = "";
  let err = "";
  const code = main(args, { out: (t) => (out += t), err: (t) => (err += t), columns: 120 });
  return { code, out, err };
}
