/**
 * The catalogue of criteria sets: one Markdown page listing every set and version with its document, dates in
 * force, lineage and how much of the regulation it encodes. Generated from the sets themselves, so the page
 * cannot drift from the files.
 *
 * @module
 */
import type { LoadedSet } from "../evaluate/load.js";
import type { CompletenessLevel, CriteriaSet, Decision, Deadline, Procedure } from "../schema/criteria-set.js";

/** Options of {@link renderCatalogue}. */
export interface CatalogueOptions {
  /** The command that regenerates the page, named in its header. */
  readonly command?: string;
}

/** Text for a Markdown table cell: no line breaks, pipes escaped, and no HTML (`<` and `>` escaped). */
function cell(text: string): string {
  return text.replace(/\r?\n/g, " ").replace(/([\\|<>])/g, "\\$1");
}

/** A web address inside `<…>`: characters that would end the link or start HTML are percent-encoded. */
function link(url: string): string {
  return url.replace(/[<>\s"`]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`);
}

/** Text for running Markdown: characters that would start emphasis, links or HTML are escaped. */
function inline(text: string): string {
  return text.replace(/\r?\n/g, " ").replace(/([\\`*_[\]<>])/g, "\\$1");
}

/** A date as Vietnamese officials write it: `2024-02-12` → `12/02/2024`. */
export function viDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

function inForce(d: CriteriaSet): string {
  return d.validTo === null ? `from ${viDate(d.validFrom)}` : `${viDate(d.validFrom)} to ${viDate(d.validTo)}`;
}

/** The words the catalogue uses for each completeness class. */
export const COMPLETENESS_WORDS: Readonly<Record<CompletenessLevel, { readonly vi: string; readonly en: string }>> = {
  "complete-official": { vi: "đầy đủ, theo văn bản chính thức", en: "complete, from the official text" },
  "complete-secondary": { vi: "đầy đủ, theo bản sao thứ cấp", en: "complete, from secondary copies" },
  partial: { vi: "chưa đầy đủ", en: "partial" },
};

function deadlineText(d: Deadline): string {
  if ("before" in d) {
    const [mm, dd] = d.before.split("-");
    return d.year === "assessed" ? `before ${dd}/${mm} of the year assessed` : `before ${dd}/${mm} of the year after the year assessed`;
  }
  return `within ${d.workingDays} working days of ${d.after.en} (${d.after.vi})`;
}

function procedureLines(p: Procedure): string[] {
  const out: string[] = [];
  const dm = (md: string) => `${md.slice(3)}/${md.slice(0, 2)}`;
  if (p.dataPeriod) out.push(`  - Data counted: ${dm(p.dataPeriod.from)} to ${dm(p.dataPeriod.to)} of the year assessed (${inline(p.dataPeriod.article)})`);
  if (p.recognition) out.push(`  - Recognition kept: ${p.recognition.months} months after the year it is granted (${inline(p.recognition.article)})`);
  for (const step of p.steps)
    out.push(`  - ${inline(step.title.vi)} (${inline(step.title.en)}): ${step.deadline ? inline(deadlineText(step.deadline)) : "no deadline set"} (${inline(step.article)})`);
  return out;
}

function decisionText(decision: Decision): string {
  if (decision.method === "points") {
    const grades = decision.grades.map((g) => `${g.title.vi} ≥ ${g.minPoints}`).join(", ");
    return `points: ${decision.passMark === null ? "pass mark not known (never concludes pass)" : `pass at ${decision.passMark}`} of ${decision.maxPoints}${grades ? `; grades ${grades}` : ""}; knock-out criteria block the title`;
  }
  const levels = decision.levels.map((l) => l.title.vi).join(", ");
  return `every applicable criterion must pass${levels ? `, levels cumulative: ${levels}` : ""}`;
}

function byIdThenDate(a: LoadedSet, b: LoadedSet): number {
  const x = a.definition;
  const y = b.definition;
  if (x.id !== y.id) return x.id < y.id ? -1 : 1;
  if (x.validFrom !== y.validFrom) return x.validFrom < y.validFrom ? -1 : 1;
  return x.version < y.version ? -1 : x.version > y.version ? 1 : 0;
}

/**
 * Renders the catalogue of criteria sets as Markdown: a summary table, then for each set and version its
 * title, document, issuer, dates in force, what it supersedes and what supersedes it, its decision rule, how
 * complete it is (with the criteria not yet encoded) and the notes on what is unverified. Deterministic: the
 * same sets give the same text, in any order.
 *
 * @param sets - Loaded sets, e.g. `loadCriteriaDir("criteria")` from `tieuchi/node`.
 * @returns The page, ending with a newline.
 *
 * @example
 * ```ts
 * import { renderCatalogue } from "tieuchi";
 * import { loadCriteriaDir } from "tieuchi/node";
 * const markdown = renderCatalogue(loadCriteriaDir("criteria"));
 * ```
 */
export function renderCatalogue(sets: readonly LoadedSet[], options: CatalogueOptions = {}): string {
  const all = [...sets].sort(byIdThenDate);
  const ids = [...new Set(all.map((s) => s.definition.id))];
  const supersededBy = new Map<string, string[]>();
  for (const s of all) {
    const sup = s.definition.supersedes;
    if (!sup) continue;
    const key = `${sup.id}@${sup.version}`;
    supersededBy.set(key, [...(supersededBy.get(key) ?? []), `${s.definition.id}@${s.definition.version}`]);
  }
  const pendingOf = (d: CriteriaSet) => d.criteria.filter((c) => c.pending);

  const out: string[] = [];
  out.push("# Criteria sets (bộ tiêu chí)", "");
  out.push(
    `<!-- Generated from the criteria files${options.command ? ` by \`${options.command}\`` : ""}; do not edit by hand. -->`,
    "",
  );
  out.push(
    `${ids.length} set${ids.length === 1 ? "" : "s"}, ${all.length} version${all.length === 1 ? "" : "s"}. ` +
      "Completeness says where a version's words come from: *complete, from the official text* when every criterion " +
      "is encoded from the regulation's official wording and quotes its article; *complete, from secondary copies* " +
      "when every criterion is encoded but from press, provincial re-issues or training reports (its notes say what " +
      "was inferred); *partial* when some criteria are listed but could not be found (pending) or a number the " +
      "decision needs is not known. A pending criterion always evaluates as missing, so a partial version can say " +
      "\"fail\" or \"incomplete\" but never \"pass\". Dates are written dd/mm/yyyy.",
    "",
  );
  out.push("| Set | Version | Title | Document | In force | Supersedes | Completeness |", "|---|---|---|---|---|---|---|");
  for (const s of all) {
    const d = s.definition;
    const pending = pendingOf(d).length;
    out.push(
      `| [${d.id}](#${d.id}) | ${d.version} | ${cell(d.title.vi)} | ${cell(d.source.document)} | ${inForce(d)} | ${d.supersedes ? `${d.supersedes.id}@${d.supersedes.version}` : "—"} | ${COMPLETENESS_WORDS[d.completeness.level].en}${pending ? ` (${pending} pending)` : ""} |`,
    );
  }
  out.push("");

  for (const id of ids) {
    out.push(`## ${id}`, "");
    for (const s of all.filter((x) => x.definition.id === id)) {
      const d = s.definition;
      const src = d.source;
      const pending = pendingOf(d);
      const encoded = d.criteria.length - pending.length;
      const later = supersededBy.get(`${d.id}@${d.version}`) ?? [];
      out.push(`### ${d.version}: ${inline(d.title.vi)}`, "", `*${inline(d.title.en)}*`, "");
      out.push(
        `- **Document:** ${inline(src.document)}${src.title ? `, ${inline(src.title.vi)}` : ""} (${inline(src.issuer)}, signed ${viDate(src.issued)})${src.section ? `; ${inline(src.section)}` : ""}`,
      );
      if (src.url) out.push(`- **Text:** <${link(src.url)}>`);
      out.push(`- **In force:** ${inForce(d)}`);
      out.push(
        `- **Supersedes:** ${d.supersedes ? `${d.supersedes.id}@${d.supersedes.version}${d.supersedes.article ? ` (${inline(d.supersedes.article)})` : ""}` : "—"}; **superseded by:** ${later.length ? later.join(", ") : "—"}`,
      );
      out.push(`- **Subject:** ${d.subject}; **jurisdiction:** ${inline(d.jurisdiction)}`);
      out.push(`- **Decision:** ${inline(decisionText(d.decision))}`);
      out.push(`- **Criteria:** ${d.criteria.length} (${encoded} encoded, ${pending.length} pending)`);
      out.push(`- **Completeness:** ${COMPLETENESS_WORDS[d.completeness.level].en} (${COMPLETENESS_WORDS[d.completeness.level].vi})`);
      if (d.procedure) {
        out.push("- **Procedure:**");
        out.push(...procedureLines(d.procedure));
      }
      if (pending.length) {
        out.push("- **Pending (not encoded):**");
        for (const c of pending) out.push(`  - \`${c.id}\` ${inline(c.title.vi)}: ${inline(c.pending!.reason.en)}`);
      }
      if (d.completeness.notes.length) {
        out.push("- **Notes:**");
        for (const n of d.completeness.notes) out.push(`  - ${inline(n)}`);
      }
      if (d.references.length) {
        out.push("- **References:**");
        for (const r of d.references) {
          const meta = [r.issuer, r.issued && viDate(r.issued)].filter(Boolean).map((x) => inline(x!)).join(", ");
          out.push(`  - ${inline(r.document)}${meta ? ` (${meta})` : ""}${r.note ? `: ${inline(r.note)}` : ""}${r.url ? ` <${link(r.url)}>` : ""}`);
        }
      }
      out.push(`- **File:** \`criteria/${d.id}/${d.version}.json\`, ${s.hash}`, "");
    }
  }
  return `${out.join("\n").replace(/\n+$/, "")}\n`;
}
