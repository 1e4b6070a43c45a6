import { resolve } from "node:path";
import { bundledCriteriaDir } from "../../node/bundled.js";
import { checkPrebuilt } from "../../node/generated.js";
import { checkLockDir, LOCK_FILE, readLock, updateLockDir } from "../../node/lock.js";
import { isMessage, say, type Lang } from "../../i18n/index.js";
import { tCli } from "../../i18n/cli.js";
import { LockStatus, type LockReport } from "../../versions/lock.js";
import { EXIT, UsageError, type Io } from "../output.js";
import { jsonText } from "./shared.js";

const MARK: Record<string, string> = { locked: "✔", moved: "✔", changed: "✘", removed: "✘", unreleased: "✘", invalid: "✘", unreadable: "✘", duplicate: "✘" };

/** A sentence written in a report, in the language asked for (its English text when the message is not known here). */
function sentence(m: { message: string; detail?: unknown; key?: string; params?: unknown }, lang: Lang): string {
  const worded = m.detail ?? (m.key !== undefined ? { key: m.key, params: m.params } : undefined);
  return isMessage(worded) ? say(worded, lang) : m.message;
}

function printReport(report: LockReport, io: Io, verbose: boolean, lang: Lang): void {
  const width = Math.max(...[...LockStatus.options, "registry" as const].map((s) => tCli(lang, "cmd.lock.status", { status: s }).length));
  const label = (s: LockStatus | "registry") => tCli(lang, "cmd.lock.status", { status: s }).padEnd(width);
  for (const e of report.entries) if (verbose || e.status !== "locked") io.out(`${MARK[e.status]} ${label(e.status)} ${sentence(e, lang)}\n`);
  for (const p of report.registry) io.out(`✘ ${label("registry")} ${sentence(p, lang)} [${p.code}]\n`);
  const n = report.registry.length;
  const counts = [
    ...LockStatus.options.filter((s) => report.counts[s] > 0).map((s) => tCli(lang, "cmd.lock.count", { status: s, count: report.counts[s] })),
    ...(n > 0 ? [tCli(lang, "cmd.lock.count", { status: "registry", count: n })] : []),
  ].join(", ");
  io.out(`${counts || tCli(lang, "cmd.lock.none")}\n`);
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
export function lockCommand(
  opts: { check: boolean; update: boolean; acceptChanges: boolean; criteria: string; json: boolean; verbose: boolean; lang: Lang },
  io: Io,
): number | Promise<number> {
  const lang = opts.lang;
  if (opts.check === opts.update) throw new UsageError(tCli(lang, "cmd.lock_one_of"));
  if (opts.acceptChanges && !opts.update) throw new UsageError(tCli(lang, "cmd.accept_with_update"));
  if (opts.check) {
    const report = checkLockDir(opts.criteria);
    // The package's own criteria folder: its prebuilt evaluators must be the released versions' too.
    if (resolve(opts.criteria) === resolve(bundledCriteriaDir()))
      return checkPrebuilt(readLock(opts.criteria)).then((stale) => {
        if (opts.json) io.out(jsonText({ ...report, ok: report.ok && stale.length === 0, prebuilt: stale }));
        else {
          for (const s of stale) io.out(`✘ ${tCli(lang, "cmd.lock.prebuilt_stale", { set: s.set, module: s.module, lock: s.lock })}\n`);
          printReport(report, io, opts.verbose, lang);
        }
        return report.ok && stale.length === 0 ? EXIT.ok : EXIT.fail;
      });
    if (opts.json) io.out(jsonText(report));
    else printReport(report, io, opts.verbose, lang);
    return report.ok ? EXIT.ok : EXIT.fail;
  }
  const update = updateLockDir(opts.criteria, { acceptChanges: opts.acceptChanges });
  if (opts.json) io.out(jsonText({ updated: update.lock !== null, written: update.written, released: update.released, report: update.report }));
  else {
    const file = `${opts.criteria}/${LOCK_FILE}`;
    if (!update.lock) {
      printReport(update.report, io, false, lang);
      const acceptChanges = update.report.registry.length === 0 && update.report.entries.some((e) => e.status === "changed" || e.status === "removed");
      io.out(`${tCli(lang, "cmd.lock.not_updated", { file: LOCK_FILE, acceptChanges })}\n`);
    } else if (update.released.length > 0) io.out(`${tCli(lang, "cmd.lock.released", { versions: update.released, file, written: update.written })}\n`);
    else io.out(`${tCli(lang, "cmd.lock.nothing", { file, written: update.written })}\n`);
  }
  return update.lock ? EXIT.ok : EXIT.fail;
}
