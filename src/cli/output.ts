/**
 * Where the CLI writes, and how it turns errors into messages and exit codes. Commands return an exit
 * code; only `main` exits.
 *
 * @module
 */
import { FileError, TieuchiError } from "../errors.js";
import { tCli } from "../i18n/cli.js";
import type { Lang } from "../i18n/index.js";
import { fileReason, isSystemError } from "../node/handles.js";

/** Exit codes: 0 pass (or all valid), 1 fail or incomplete (or some invalid), 2 invalid input or usage. */
export const EXIT = { ok: 0, fail: 1, usage: 2 } as const;

/** Streams the CLI writes to; tests pass their own. */
export interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** Width to wrap tables to. */
  readonly columns: number;
  /** Standard output as a stream, for commands that write a lot and must wait for it (batch). */
  readonly stdout?: import("node:stream").Writable;
  /** Whether standard error is a terminal (progress bars are drawn only there). */
  readonly errIsTTY?: boolean;
  /** Whether standard output is a terminal: when it is not (a pipe, a file), the run is a script's and stays quiet. */
  readonly outIsTTY?: boolean;
  /**
   * Writes to standard error as given, control characters included: only for the progress line tieuchi draws
   * itself (`\r`, `ESC [K`). Everything else goes through `out` and `err`, which escape them.
   */
  readonly status?: (text: string) => void;
}

/**
 * Characters that can move the cursor, clear or retitle a terminal, or hide text, when printed: C0 controls
 * other than tab and line feed (carriage return included), DEL, C1 controls, bidirectional overrides and
 * isolates, and the line and paragraph separators.
 */
const TERMINAL_CONTROLS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g;

/**
 * A text safe to print on a terminal: each control character written `\uXXXX`, which is also how JSON escapes
 * it, so JSON output stays JSON (and reads back to the same value) while file names, case names, ids and
 * unit fields from untrusted files cannot rewrite the screen.
 */
export function terminalSafe(text: string): string {
  return text.replace(TERMINAL_CONTROLS, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`);
}

/** The same streams, with every text escaped by {@link terminalSafe} on its way out (`status` excepted). */
export function safeIo(io: Io): Io {
  return { ...io, out: (t) => io.out(terminalSafe(t)), err: (t) => io.err(terminalSafe(t)), status: io.status ?? io.err };
}

export class UsageError extends Error {
  override readonly name = "UsageError";
}

/** Prints an error the way a person can act on it, in the language asked for; returns the exit code. */
export function report(e: unknown, io: Io, lang: Lang): number {
  if (e instanceof UsageError) {
    io.err(`tieuchi: ${e.message}\n${tCli(lang, "cli.see_help", {})}\n`);
    return EXIT.usage;
  }
  if (e instanceof TieuchiError) {
    io.err(`tieuchi: ${e.text(lang)} [${e.code}]\n`);
    return EXIT.usage;
  }
  // A fault of the file system (a folder where a file should be, a path through a file, a loop of links, no
  // permission, a full disk) met anywhere: the path and the reason, as for a FileError, never a stack trace.
  if (isSystemError(e)) {
    const writing = /^(write|writev|mkdir|rename|unlink|copyfile|ftruncate|fsync|symlink)$/.test(e.syscall ?? "");
    return report(new FileError(e.path ?? "file", fileReason(e, writing), e), io, lang);
  }
  throw e;
}
