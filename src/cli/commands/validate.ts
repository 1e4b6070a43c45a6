import { CriteriaSetError, JsonParseError, locatedProblem, problem, problemLine, type Problem } from "../../errors.js";
import type { Lang } from "../../i18n/index.js";
import { tCli } from "../../i18n/cli.js";
import { loadCriteriaFile } from "../../node/index.js";
import { EXIT, type Io } from "../output.js";

interface FileReport {
  file: string;
  ok: boolean;
  id?: string;
  version?: string;
  hash?: string;
  problems: Problem[];
}

/** `tieuchi validate <set.json>...`: checks each file; 0 when all are valid, 1 when some are not. */
export function validateCommand(files: readonly string[], opts: { json: boolean; lang: Lang; maxWork?: number }, io: Io): number {
  const reports: FileReport[] = files.map((file) => {
    try {
      const s = loadCriteriaFile(file, opts.maxWork !== undefined ? { limits: { maxWork: opts.maxWork } } : {});
      return { file, ok: true, id: s.definition.id, version: s.definition.version, hash: s.hash, problems: [] };
    } catch (e) {
      if (e instanceof CriteriaSetError) return { file, ok: false, problems: [...e.problems] };
      if (e instanceof JsonParseError)
        return { file, ok: false, problems: [locatedProblem(problem("problem.json_parse", [], { reason: e.reason }), e.line, e.column)] };
      throw e;
    }
  });
  if (opts.json) io.out(`${JSON.stringify(reports, null, 2)}\n`);
  else
    for (const r of reports) {
      if (r.ok) io.out(`✔ ${r.file}: ${r.id}@${r.version} ${r.hash}\n`);
      else {
        io.out(`${tCli(opts.lang, "cmd.validate.bad", { file: r.file, count: r.problems.length })}\n`);
        for (const p of r.problems) io.out(`    ${problemLine(p, opts.lang)}\n`);
      }
    }
  return reports.every((r) => r.ok) ? EXIT.ok : EXIT.fail;
}
