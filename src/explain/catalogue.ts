/**
 * The catalogue of criteria sets: one Markdown page listing every set and version with its document, dates in
 * force, lineage and how much of the regulation it encodes. Generated from the sets themselves, so the page
 * cannot drift from the files.
 *
 * @module
 */
import type { LoadedSet } from "../evaluate/load.js";
import type { CriteriaSet, Decision } from "../schema/criteria-set.js";

/** Options of {@link renderCatalogue}. */
export interface CatalogueOptions {
  /** The command that regenerates the page, named in its header. */
  readonly command?: string;
}

/** Text for a Markdown table cell: no line breaks, pipes escaped. */
function cell(text: string): string {
  return text.replace(/\r?\n/g, " ").replace(/\|/g, "\\|");
}

/** Text for running Markdown: characters that would start emphasis, links or HTML are escaped. */
function inline(text: string): string {
  return text.replace(/\r?\n/g, " ").replace(/([\\`*_[\]<>])/g, "\\$1");
}

function inForce(d: CriteriaSet): string {
  return d.validTo === null ? `from ${d.validFrom}` : `${d.validFrom} to ${d.validTo}`;
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
      "A version is *complete* when every criterion of the regulation is encoded, *partial* when some criteria are " +
      "listed but not encoded (pending). A pending criterion always evaluates as missing, so a partial version can " +
      "say \"fail\" or \"incomplete\" but never \"pass\". Each version's notes say what is unverified and why.",
    "",
  );
  out.push("| Set | Version | Title | Document | In force | Supersedes | Completeness |", "|---|---|---|---|---|---|---|");
  for (const s of all) {
    const d = s.definition;
    const pending = pendingOf(d).length;
    out.push(
      `| [${d.id}](#${d.id}) | ${d.version} | ${cell(d.title.vi)} | ${cell(d.source.document)} | ${inForce(d)} | ${d.supersedes ? `${d.supersedes.id}@${d.supersedes.version}` : "—"} | ${d.completeness.level}${pending ? ` (${pending} pending)` : ""} |`,
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
        `- **Document:** ${inline(src.document)}${src.title ? `, ${inline(src.title.vi)}` : ""} (${inline(src.issuer)}, signed ${src.issued})${src.section ? `; ${inline(src.section)}` : ""}`,
      );
      if (src.url) out.push(`- **Source read:** <${src.url}>`);
      out.push(`- **In force:** ${inForce(d)}`);
      out.push(`- **Supersedes:** ${d.supersedes ? `${d.supersedes.id}@${d.supersedes.version}` : "—"}; **superseded by:** ${later.length ? later.join(", ") : "—"}`);
      out.push(`- **Subject:** ${d.subject}; **jurisdiction:** ${inline(d.jurisdiction)}`);
      out.push(`- **Decision:** ${inline(decisionText(d.decision))}`);
      out.push(`- **Criteria:** ${d.criteria.length} (${encoded} encoded, ${pending.length} pending)`);
      out.push(`- **Completeness:** ${d.completeness.level}`);
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
          const meta = [r.issuer, r.issued].filter(Boolean).map((x) => inline(x!)).join(", ");
          out.push(`  - ${inline(r.document)}${meta ? ` (${meta})` : ""}${r.note ? `: ${inline(r.note)}` : ""}${r.url ? ` <${r.url}>` : ""}`);
        }
      }
      out.push(`- **File:** \`criteria/${d.id}/${d.version}.json\`, ${s.hash}`, "");
    }
  }
  return `${out.join("\n").replace(/\n+$/, "")}\n`;
}
