/** Shapes of the data the build embeds in the page (see build/plugins.ts). */

/** A unit's data the page offers to load: an example, or a case from a set's case file. */
export interface SampleUnit {
  readonly name: string;
  /** The file it came from, relative to the repository. */
  readonly source: string;
  readonly data: unknown;
  readonly asOf?: string;
  /** The verdict its case file expects, or "invalid-data" for a case that must be rejected. */
  readonly expected?: string;
  /** The language of a case's name: "vi" for generated cases (boundary files), "en" for the shipped hand-written ones. */
  readonly nameLang?: "vi" | "en";
}

/** One criteria file as written, with the cases of its case file. */
export interface CatalogueFile {
  readonly path: string;
  readonly json: unknown;
  readonly cases: readonly SampleUnit[];
}

/** Everything the page is built from. */
export interface CatalogueData {
  readonly files: CatalogueFile[];
  /** Example units from docs/examples/<set id>/, with the versions of that set whose inputs they fit. */
  readonly examples: Array<{ readonly setId: string; readonly versions: readonly string[]; readonly unit: SampleUnit }>;
}
