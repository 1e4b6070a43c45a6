import { checkLockDir, LOCK_FILE, updateLockDir } from "../../node/lock.js";
import type { LockReport } from "../../versions/lock.js";
import { EXIT, UsageError, type Io } from "../output.js";
import { jsonText } from "./shared.js";

const MARK: Record<string, string> = { locked: "✔", moved: "✔", changed: "✘", removed: "✘", unreleased: "✘", invalid: "✘", unreadable: "✘", duplicate: "✘" };

function printReport(report: LockReport, io: Io, verbose: boolean): void {
  for (const e of report.entries) if (verbose || e.status !== "locked") io.out(`${MARK[e.status]} ${e.status.padEnd(10)} ${e.message}\n`);
  for (const p of report.registry) io.out(`✘ ${"registry".padEnd(10)} ${p.message} [${p.code}]\n`);
  const n = report.registry.length;
  const counts = [
    ...Object.entries(report.counts)
      .filter(([, c]) => c > 0)
      .map(([s, c]) => `${c} ${s}`),
    ...(n > 0 ? [`${n} registry problem${n === 1 ? "" : "s"}`] : []),
  ].join(", ");
  io.out(`${counts || "no criteria files"}\n`);
}

/**
 * `tieuchi lock --check | --update [--criteria DIR] [--accept-changes] [--json]`.
 *
 * `--check` exits 1 when a released version was edited or removed, a version is not released yet, or the
 * versions do not form a registry (two versions of a set in force on one day, a `supersedes` to nowhere).
 * `--update` releases every new valid version (writes `criteria.lock.json`); it refuses, writing nothing and
 * exiting 1, when the versions do not form a registry, or when a released version was edited or removed
 * unless `--accept-changes` is given.
 */
export function lockCommand(opts: { check: boolean; update: boolean; acceptChanges: boolean; criteria: string; json: boolean; verbose: boolean }, io: Io): number {
  if (opts.check === opts.update) throw new UsageError("lock takes one of --check or --update");
  if (opts.acceptChanges && !opts.update) throw new UsageError("--accept-changes goes with --update");
  if (opts.check) {
    const report = checkLockDir(opts.criteria);
    if (opts.json) io.out(jsonText(report));
    else printReport(report, io, opts.verbose);
    return report.ok ? EXIT.ok : EXIT.fail;
  }
  const update = updateLockDir(opts.criteria, { acceptChanges: opts.acceptChanges });
  if (opts.json) io.out(jsonText({ updated: update.lock !== null, written: update.written, released: update.released, report: update.report }));
  else {
    if (!update.lock) {
      printReport(update.report, io, false);
      io.out(`${LOCK_FILE} not updated: fix the problems above${update.report.registry.length === 0 && update.report.entries.some((e) => e.status === "changed" || e.status === "removed") ? " (or, for a reviewed correction of a version nobody relies on yet, add --accept-changes)" : ""}\n`);
    } else if (update.released.length > 0) io.out(`released ${update.released.join(", ")}; ${update.written ? "wrote" : "unchanged"} ${opts.criteria}/${LOCK_FILE}\n`);
    else io.out(`nothing to release; ${update.written ? "rewrote" : "unchanged"} ${opts.criteria}/${LOCK_FILE}\n`);
  }
  return update.lock ? EXIT.ok : EXIT.fail;
}
