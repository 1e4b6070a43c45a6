/**
 * Where the CLI writes, and how it turns errors into messages and exit codes. Commands return an exit
 * code; only `main` exits.
 *
 * @module
 */
import { TieuchiError } from "../errors.js";

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
}

export class UsageError extends Error {
  override readonly name = "UsageError";
}

/** Prints an error the way a person can act on it; returns the exit code. */
export function report(e: unknown, io: Io): number {
  if (e instanceof UsageError) {
    io.err(`tieuchi: ${e.message}\nRun 'tieuchi help' for usage.\n`);
    return EXIT.usage;
  }
  if (e instanceof TieuchiError) {
    io.err(`tieuchi: ${e.message} [${e.code}]\n`);
    return EXIT.usage;
  }
  if (e instanceof Error && "code" in e && (e as NodeJS.ErrnoException).code === "ENOENT") {
    io.err(`tieuchi: ${(e as NodeJS.ErrnoException).path ?? "file"}: no such file\n`);
    return EXIT.usage;
  }
  throw e;
}
