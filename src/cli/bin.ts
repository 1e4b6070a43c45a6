import { main } from "./main.js";

process.exitCode = main(process.argv.slice(2), {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  columns: process.stdout.columns || 120,
});
