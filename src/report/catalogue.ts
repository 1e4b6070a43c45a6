/**
 * The catalogue of criteria sets: one Markdown page listing every set and version with its document, dates in
 * force, lineage and how much of the regulation it encodes. Generated from the sets themselves, so the page
 * cannot drift from the files.
 *
 * @module
 */
import type { LoadedSet } from "../evaluate/load.js";
import { both, msg, t, type Catalogue, type Lang } from "../i18n/index.js";
import { COMPLETENESS_VALUES } from "../i18n/codes/catalogue.js";
import { noteText, type Localized } from "../schema/common.js";
import type { CompletenessLevel, CriteriaSet, Decision, Deadline, Procedure } from "../schema/criteria-set.js";

/** Options of {@link renderCatalogue}. */
export interface CatalogueOptions {
  /** The command that regenerates the page, named in its header. */
  readonly command?: string;
  /** The language of the page (default English, the language of `docs/criteria.md`); the sets' notes in it, their quoted texts as written. */
  readonly lang?: Lang;
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

/** The words the catalogue uses for each completeness class (from the message catalogue). */
export const COMPLETENESS_WORDS: Readonly<Record<CompletenessLevel, Localized>> = Object.fromEntries(
  COMPLETENESS_VALUES.map((level) => [level, both(msg("cat.completeness", { level }))]),
) as Record<CompletenessLevel, Localized>;

/** The page in one language. */
function pageOf(lang: Lang) {
  /** A text of the set, as the page shows it: Vietnamese, and on the English page its English beside it. */
  const bilingual = (x: Localized) => (lang === "vi" ? x.vi : `${x.vi} (${x.en})`);
  /** A text the page writes in its own words: in its language, and on the English page the Vietnamese after it. */
  const ownWords = (x: Localized) => (lang === "vi" ? x.vi : `${x.en} (${x.vi})`);
  const inForce = (d: CriteriaSet) => t(lang, "cat.in_force", { from: viDate(d.validFrom), to: d.validTo === null ? undefined : viDate(d.validTo) });
  const deadlineText = (d: Deadline) => {
    if ("before" in d) {
      const [mm, dd] = d.before.split("-");
      return t(lang, "cat.deadline_before", { day: `${dd}/${mm}`, next: d.year !== "assessed" });
    }
    return t(lang, "cat.deadline_within", { days: d.workingDays, after: { vi: ownWords(d.after), en: ownWords(d.after) } });
  };
  const procedureLines = (p: Procedure): string[] => {
    const out: string[] = [];
    const dm = (md: string) => `${md.slice(3)}/${md.slice(0, 2)}`;
    if (p.dataPeriod)
      out.push(`  - ${t(lang, "cat.data_counted", { from: dm(p.dataPeriod.from), to: dm(p.dataPeriod.to), article: inline(p.dataPeriod.article) })}`);
    if (p.recognition) out.push(`  - ${t(lang, "cat.recognition", { months: p.recognition.months, article: inline(p.recognition.article) })}`);
    for (const step of p.steps)
      out.push(
        `  - ${inline(bilingual(step.title))}: ${step.deadline ? inline(deadlineText(step.deadline)) : t(lang, "cat.no_deadline")} (${inline(step.article)})`,
      );
    return out;
  };
  const decisionText = (decision: Decision): string =>
    decision.method === "points"
      ? t(lang, "cat.decision_points", {
          passMark: decision.passMark ?? undefined,
          max: decision.maxPoints,
          grades: decision.grades.map((g) => `${g.title.vi} ≥ ${g.minPoints}`),
        })
      : t(lang, "cat.decision_all", { levels: decision.levels.map((l) => l.title.vi) });
  return { bilingual, ownWords, inForce, procedureLines, decisionText };
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
  const lang = options.lang ?? "en";
  const { ownWords, inForce, procedureLines, decisionText } = pageOf(lang);
  const field = (f: Parameters<Catalogue["cat.field"]>[0]["field"]) => t(lang, "cat.field", { field: f });
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
  out.push(`# ${t(lang, "cat.title")}`, "");
  out.push(`<!-- ${t(lang, "cat.generated", { command: options.command })} -->`, "");
  out.push(t(lang, "cat.intro", { sets: ids.length, versions: all.length }), "");
  const columns = (["set", "version", "title", "document", "in-force", "supersedes", "completeness"] as const).map((c) => t(lang, "cat.column", { column: c }));
  out.push(`| ${columns.join(" | ")} |`, "|---|---|---|---|---|---|---|");
  for (const s of all) {
    const d = s.definition;
    const pending = pendingOf(d).length;
    out.push(
      `| [${d.id}](#${d.id}) | ${d.version} | ${cell(d.title.vi)} | ${cell(d.source.document)} | ${inForce(d)} | ${d.supersedes ? `${d.supersedes.id}@${d.supersedes.version}` : "—"} | ${t(lang, "cat.completeness", { level: d.completeness.level })}${pending ? ` (${t(lang, "cat.pending_count", { count: pending })})` : ""} |`,
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
        `- **${field("document")}:** ${inline(src.document)}${src.title ? `, ${inline(src.title.vi)}` : ""} (${inline(t(lang, "cat.signed", { issuer: src.issuer, date: viDate(src.issued) }))})${src.section ? `; ${inline(src.section)}` : ""}`,
      );
      if (src.url) out.push(`- **${field("text")}:** <${link(src.url)}>`);
      out.push(`- **${field("in-force")}:** ${inForce(d)}`);
      out.push(
        `- **${field("supersedes")}:** ${d.supersedes ? `${d.supersedes.id}@${d.supersedes.version}${d.supersedes.article ? ` (${inline(d.supersedes.article)})` : ""}` : "—"}; **${field("superseded-by")}:** ${later.length ? later.join(", ") : "—"}`,
      );
      out.push(`- **${field("subject")}:** ${d.subject}; **${field("jurisdiction")}:** ${inline(d.jurisdiction)}`);
      out.push(`- **${field("decision")}:** ${inline(decisionText(d.decision))}`);
      out.push(`- **${field("criteria")}:** ${t(lang, "cat.criteria_count", { total: d.criteria.length, encoded, pending: pending.length })}`);
      out.push(`- **${field("completeness")}:** ${ownWords(both(msg("cat.completeness", { level: d.completeness.level })))}`);
      if (d.procedure) {
        out.push(`- **${field("procedure")}:**`);
        out.push(...procedureLines(d.procedure));
      }
      if (pending.length) {
        out.push(`- **${field("pending")}:**`);
        for (const c of pending) out.push(`  - \`${c.id}\` ${inline(c.title.vi)}: ${inline(c.pending!.reason[lang])}`);
      }
      if (d.completeness.notes.length) {
        out.push(`- **${field("notes")}:**`);
        for (const n of d.completeness.notes) out.push(`  - ${inline(noteText(n, lang))}`);
      }
      if (d.references.length) {
        out.push(`- **${field("references")}:**`);
        for (const r of d.references) {
          const meta = [r.issuer, r.issued && viDate(r.issued)]
            .filter(Boolean)
            .map((x) => inline(x!))
            .join(", ");
          out.push(
            `  - ${inline(r.document)}${meta ? ` (${meta})` : ""}${r.note ? `: ${inline(noteText(r.note, lang))}` : ""}${r.url ? ` <${link(r.url)}>` : ""}`,
          );
        }
      }
      out.push(`- **${field("file")}:** \`criteria/${d.id}/${d.version}.json\`, ${s.hash}`, "");
    }
  }
  return `${out.join("\n").replace(/\n+$/, "")}\n`;
}
