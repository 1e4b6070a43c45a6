import { main } from "./main.js";

// A reader that stops early (`tieuchi report … | head`) closes the pipe. Stop quietly, with the status of a
// Unix tool stopped by SIGPIPE (141), rather than die on an unhandled EPIPE error with a stack trace.
for (const stream of [process.stdout, process.stderr])
  stream.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(141);
    throw e;
  });

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
