import { main } from "./main.js";

void Promise.resolve(
  main(process.argv.slice(2), {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    columns: process.stdout.columns || 120,
    stdout: process.stdout,
    errIsTTY: process.stderr.isTTY === true,
    outIsTTY: process.stdout.isTTY === true,
  }),
).then((code) => {
  process.exitCode = code;
});
