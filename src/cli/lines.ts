import { closeSync, openSync, readSync } from "node:fs";

const CHUNK = 1 << 16;

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Calls `onLine` with each line of a UTF-8 text file (or standard input for `-`), reading it in 64 KiB chunks
 * so a file of any size is never held whole. Line ends (`\n` or `\r\n`) are dropped; a last line without one
 * is still given. Synchronous, so commands stay simple functions returning an exit code.
 *
 * @throws `TypeError` (from `TextDecoder`) when the bytes are not UTF-8; Node's errors when the file cannot be read.
 */
export function forEachLine(path: string, onLine: (line: string, lineNumber: number) => void): void {
  const fd = path === "-" ? 0 : openSync(path, "r");
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const buf = Buffer.allocUnsafe(CHUNK);
  let pending = "";
  let n = 0;
  const emit = (text: string) => {
    n++;
    onLine(n === 1 && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text.endsWith("\r") ? text.slice(0, -1) : text, n);
  };
  try {
    for (;;) {
      let read: number;
      try {
        read = readSync(fd, buf, 0, CHUNK, null);
      } catch (e) {
        // A non-blocking standard input has no data yet: wait a little rather than spin.
        if ((e as NodeJS.ErrnoException).code === "EAGAIN") {
          sleep(5);
          continue;
        }
        throw e;
      }
      if (read === 0) break;
      pending += decoder.decode(buf.subarray(0, read), { stream: true });
      let at: number;
      while ((at = pending.indexOf("\n")) >= 0) {
        emit(pending.slice(0, at));
        pending = pending.slice(at + 1);
      }
    }
    pending += decoder.decode();
    if (pending !== "") emit(pending);
  } finally {
    if (fd !== 0) closeSync(fd);
  }
}
