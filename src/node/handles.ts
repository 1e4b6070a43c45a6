/**
 * Opening and reading the files tieuchi is named, with every fault a `FileError` naming the path: a folder,
 * a path through a file, a loop of symbolic links, no permission. A named pipe (FIFO) is opened without
 * waiting for a writer and read as its writer writes; when nothing arrives for {@link PIPE_WAIT_MS} the read
 * stops with a `FileError` instead of hanging. A terminal is refused: nobody is going to type a criteria file.
 *
 * @module
 */
import { closeSync, constants, fstatSync, openSync, readdirSync, readSync, realpathSync, statSync } from "node:fs";
import { join, sep } from "node:path";
import { isatty } from "node:tty";
import { FileError } from "../errors.js";
import { msg, type Message } from "../i18n/index.js";

/**
 * How long a named pipe may stay silent, before its first bytes or between two reads, in milliseconds: 10 s, or
 * the environment variable `TIEUCHI_PIPE_WAIT_MS`.
 */
export const PIPE_WAIT_MS = pipeWait(process.env.TIEUCHI_PIPE_WAIT_MS);

function pipeWait(value: string | undefined): number {
  const n = Number(value);
  return value !== undefined && Number.isInteger(n) && n > 0 ? n : 10_000;
}

const REASONS: Record<string, Message> = {
  ENOENT: msg("file.not_found"),
  EISDIR: msg("file.is_folder"),
  EACCES: msg("file.permission"),
  EPERM: msg("file.permission"),
  ELOOP: msg("file.links"),
  ENAMETOOLONG: msg("file.name_too_long"),
  ENOTDIR: msg("file.not_a_folder"),
  ENOSPC: msg("file.no_space"),
  EROFS: msg("file.read_only"),
  EMFILE: msg("file.too_many_open"),
  ENFILE: msg("file.too_many_open"),
  EEXIST: msg("file.exists"),
  EBUSY: msg("file.busy"),
  EIO: msg("file.io"),
  ENXIO: msg("file.no_device"),
};

/** Why a file operation failed, in words (`no such file`, `permission denied`, ...), for a Node system error. */
export function fileReason(e: unknown, writing = false): Message {
  const code = typeof e === "object" && e !== null && "code" in e ? String((e as { code: unknown }).code) : "";
  return REASONS[code] ?? msg(writing ? "file.unwritable" : "file.unreadable", { reason: e instanceof Error ? e.message : String(e) });
}

/** Whether a value is an error of the operating system (it has a `syscall`, and an `E…` code). */
export function isSystemError(e: unknown): e is NodeJS.ErrnoException {
  return e instanceof Error && typeof (e as NodeJS.ErrnoException).syscall === "string" && /^E[A-Z]+$/.test(String((e as NodeJS.ErrnoException).code));
}

/** A file opened for reading. */
export interface OpenFile {
  readonly path: string;
  readonly fd: number;
  /** A named pipe (opened without blocking; read with {@link readSome}). */
  readonly pipe: boolean;
  /** The size of a regular file; undefined for pipes and devices. */
  readonly size: number | undefined;
  /** Whether any byte has been read yet. */
  started: boolean;
}

/**
 * Opens a file for reading.
 *
 * @throws `FileError` for a missing file, a folder, a terminal, a path through a file, a loop of links, no permission.
 */
export function openFile(path: string): OpenFile {
  let fd: number;
  try {
    // O_NONBLOCK: opening a named pipe for reading would otherwise wait for a writer, for ever if none comes.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    throw new FileError(path, fileReason(e), e);
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw new FileError(path, REASONS.EISDIR!);
    if (isatty(fd)) throw new FileError(path, msg("file.terminal"));
    return { path, fd, pipe: stat.isFIFO() || stat.isSocket(), size: stat.isFile() ? stat.size : undefined, started: false };
  } catch (e) {
    closeSync(fd);
    throw e instanceof FileError ? e : new FileError(path, fileReason(e), e);
  }
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));
const sleep = (ms: number) => Atomics.wait(sleeper, 0, 0, ms);

/**
 * One read: the number of bytes read (0 at the end), or "wait" when a pipe has nothing yet (opened without
 * blocking, a pipe answers "nothing" until a writer comes, then "try again" while its writer is slow).
 */
function tryRead(file: OpenFile, buffer: Uint8Array): number | "wait" {
  let n: number;
  try {
    n = readSync(file.fd, buffer, 0, buffer.length, null);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EAGAIN") return "wait";
    throw new FileError(file.path, fileReason(e), e);
  }
  if (n > 0) {
    file.started = true;
    return n;
  }
  // A regular file at its end, or a pipe whose writer has written and gone: the end.
  return !file.pipe || file.started ? 0 : "wait";
}

function silent(file: OpenFile, waitMs: number): FileError {
  return new FileError(file.path, msg("file.pipe_silent", { seconds: waitMs / 1000, started: file.started }));
}

/**
 * Reads the next bytes of an open file into `buffer`; 0 at the end. From a pipe it waits for its writer.
 *
 * @throws `FileError` when the file cannot be read, or a pipe stays silent for `waitMs` (default {@link PIPE_WAIT_MS}).
 */
export function readSome(file: OpenFile, buffer: Uint8Array, waitMs: number = PIPE_WAIT_MS): number {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const n = tryRead(file, buffer);
    if (n !== "wait") return n;
    if (Date.now() >= deadline) throw silent(file, waitMs);
    sleep(5);
  }
}

/** Closes an open file, quietly. */
export function closeFile(file: OpenFile): void {
  try {
    closeSync(file.fd);
  } catch {
    // Closing cannot fail in a way that matters to a reader.
  }
}

/**
 * The bytes of a file as chunks, for a stream reader: a regular file, a pipe or a device. A pipe is waited for
 * without blocking the event loop (a batch's workers keep running), for at most `waitMs` of silence.
 *
 * @param opened - A file opened with {@link openFile} (closed at the end), or its path.
 * @throws `FileError` as {@link openFile} and {@link readSome}.
 */
export async function* fileChunks(opened: OpenFile | string, chunkBytes = 1 << 20, waitMs: number = PIPE_WAIT_MS): AsyncGenerator<Uint8Array> {
  const file = typeof opened === "string" ? openFile(opened) : opened;
  try {
    for (;;) {
      const buffer = new Uint8Array(chunkBytes);
      const deadline = Date.now() + waitMs;
      let n = tryRead(file, buffer);
      while (n === "wait") {
        if (Date.now() >= deadline) throw silent(file, waitMs);
        await new Promise((resolve) => setTimeout(resolve, 5));
        n = tryRead(file, buffer);
      }
      if (n === 0) return;
      yield buffer.subarray(0, n);
    }
  } finally {
    closeFile(file);
  }
}

/**
 * The files below a folder whose names `accept` takes, sorted by path. Symbolic links are followed, each folder
 * once (a loop of links ends), but only within the folder: a link to a file or folder outside it is refused, so
 * a folder copied from someone else cannot make tieuchi read files elsewhere on the machine.
 *
 * @param skip - Folders not to go into (by name).
 * @throws `FileError` when a folder or an entry cannot be read (a broken link), or a link leads outside the folder.
 */
export function filesBelow(dir: string, accept: (name: string) => boolean, skip: (name: string) => boolean = () => false): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const real = (p: string): string => {
    try {
      return realpathSync(p);
    } catch (e) {
      throw new FileError(p, fileReason(e), e);
    }
  };
  const root = real(dir);
  const prefix = root.endsWith(sep) ? root : root + sep;
  const within = (p: string): string => {
    const r = real(p);
    if (r !== root && !r.startsWith(prefix)) throw new FileError(p, msg("file.link_outside", { target: r, folder: dir }));
    return r;
  };
  const walk = (d: string) => {
    const r = within(d);
    if (seen.has(r)) return;
    seen.add(r);
    let names: string[];
    try {
      names = readdirSync(d).sort();
    } catch (e) {
      throw new FileError(d, fileReason(e), e);
    }
    for (const name of names) {
      const p = join(d, name);
      let isDir: boolean;
      try {
        isDir = statSync(p).isDirectory();
      } catch (e) {
        throw new FileError(p, fileReason(e), e);
      }
      if (isDir) {
        if (!skip(name)) walk(p);
      } else if (accept(name)) {
        within(p);
        out.push(p);
      }
    }
  };
  walk(dir);
  return out;
}
