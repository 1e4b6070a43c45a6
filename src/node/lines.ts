/**
 * Reading a text file line by line without holding it whole: NDJSON files of units can be larger than
 * memory. Synchronous, so the CLI stays one straight pass.
 *
 * @module
 */
import { readSync } from "node:fs";
import { MAX_UNIT_BYTES } from "../batch/input.js";
import { msg, type Message } from "../i18n/index.js";
import { closeFile, openFile, readSome } from "./handles.js";

/** One line of a file: its 1-based number and text (without the line break), or why it could not be read. */
export type Line = { readonly number: number; readonly text: string } | { readonly number: number; readonly error: Message };

/** Options of {@link readLines}. */
export interface ReadLinesOptions {
  /**
   * Longest line accepted, in bytes (default `MAX_UNIT_BYTES`, 64 MiB: the longest unit `tieuchi batch` reads, so a
   * unit it evaluates is one `impact` can read); a longer line is reported as an error and skipped, never held.
   */
  readonly maxLineBytes?: number;
  /** Bytes read at a time (default 1 MiB). */
  readonly chunkBytes?: number;
}

/** Reads from a file descriptor, waiting when a non-blocking one (a pipe given as standard input) has no data yet. */
function readWaiting(fd: number, buffer: Buffer): number {
  for (;;) {
    try {
      return readSync(fd, buffer, 0, buffer.length, null);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EAGAIN") throw e;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
    }
  }
}

/**
 * The lines of a file, read a chunk at a time. A line that is not UTF-8 or is too long is yielded as an error
 * with its number, never dropped. A byte-order mark at the start and a `\r` before each `\n` are removed.
 *
 * @param path - A file, or an open file descriptor (`0` for standard input), which is left open.
 * @throws `FileError` when the file cannot be opened or read, or is a named pipe nobody writes to.
 */
export function* readLines(path: string | number, options: ReadLinesOptions = {}): Generator<Line> {
  const maxLine = options.maxLineBytes ?? MAX_UNIT_BYTES;
  const chunk = Buffer.alloc(options.chunkBytes ?? 1024 * 1024);
  const decoder = new TextDecoder("utf-8", { fatal: true });
  // A named file is opened as a FileError when it cannot be (a folder, a loop of links, a path through a file),
  // and a named pipe is read without hanging when nobody writes to it.
  const file = typeof path === "number" ? undefined : openFile(path);
  const read = (buffer: Buffer) => (file ? readSome(file, buffer) : readWaiting(path as number, buffer));
  try {
    let parts: Buffer[] = [];
    let length = 0;
    let tooLong = false;
    let number = 0;
    const finish = (): Line => {
      number++;
      if (tooLong) return { number, error: msg("line.too_long", { max: maxLine }) };
      let bytes = parts.length === 1 ? parts[0]! : Buffer.concat(parts, length);
      if (number === 1 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
      if (bytes[bytes.length - 1] === 0x0d) bytes = bytes.subarray(0, bytes.length - 1);
      try {
        return { number, text: decoder.decode(bytes) };
      } catch {
        return { number, error: msg("line.not_utf8") };
      }
    };
    const add = (piece: Buffer) => {
      if (tooLong || piece.length === 0) return;
      if (length + piece.length > maxLine) {
        tooLong = true;
        parts = [];
        length = 0;
        return;
      }
      // Copy: the chunk buffer is reused by the next read.
      parts.push(Buffer.from(piece));
      length += piece.length;
    };
    for (;;) {
      const n = read(chunk);
      if (n === 0) break;
      let start = 0;
      for (let nl = chunk.indexOf(0x0a, start); nl !== -1 && nl < n; nl = chunk.indexOf(0x0a, start)) {
        add(chunk.subarray(start, nl));
        yield finish();
        parts = [];
        length = 0;
        tooLong = false;
        start = nl + 1;
      }
      add(chunk.subarray(start, n));
    }
    if (length > 0 || tooLong) yield finish();
  } finally {
    if (file) closeFile(file);
  }
}
