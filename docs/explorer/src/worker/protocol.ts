/**
 * Messages between the batch page and its Web Worker. The worker reads the file, evaluates every unit, keeps
 * the output lines and counts the report; the page only ever receives small messages (progress, the report,
 * the files to download as Blobs), so it never freezes, whatever the file's size.
 */
import type { Lang, LineError, Localized, Report } from "tieuchi";

/** A criteria file the worker loads (every set the page knows, for sub-units' titles). */
export interface SetFile {
  readonly path: string;
  readonly json: unknown;
}

/** Page → worker. */
export type Request =
  | {
      readonly type: "run";
      readonly id: number;
      readonly file: File;
      readonly sets: readonly SetFile[];
      readonly set: { readonly id: string; readonly version: string };
      readonly asOf: string;
      readonly meta: readonly string[];
      readonly delimiter: string | null;
      readonly lang: Lang;
    }
  | { readonly type: "report"; readonly id: number; readonly by: string }
  | { readonly type: "export"; readonly id: number; readonly what: ExportKind; readonly lang: Lang; readonly by: string }
  | {
      readonly type: "template";
      readonly id: number;
      readonly sets: readonly SetFile[];
      readonly set: { readonly id: string; readonly version: string };
      readonly format: "xlsx" | "csv";
      readonly lang: Lang;
    };

/** The files a finished run can be downloaded as. */
export type ExportKind = "results-ndjson" | "results-xlsx" | "results-csv" | "report-csv" | "report-md" | "report-json" | "report-text";

/** An error as the page shows it. */
export interface WorkerError {
  readonly code: string | null;
  readonly message: string;
  readonly problems: ReadonlyArray<{ readonly code: string; readonly path: ReadonlyArray<string | number>; readonly message: string }>;
}

/** A unit the report lists as not evaluated: its line and its error, with the keys that put it into words. */
export type ShownError = LineError & { readonly line: number };

/** Worker → page. */
export type Reply =
  | { readonly type: "ready" }
  | { readonly type: "progress"; readonly id: number; readonly phase: "reading" | "evaluating"; readonly done: number; readonly total: number }
  | {
      readonly type: "done";
      readonly id: number;
      readonly report: Report;
      readonly errors: readonly ShownError[];
      readonly fields: string[];
      readonly notices: Localized[];
      readonly delimiter: string | null;
      readonly format: string;
    }
  | { readonly type: "report"; readonly id: number; readonly report: Report }
  | { readonly type: "file"; readonly id: number; readonly blob: Blob }
  | { readonly type: "error"; readonly id: number; readonly error: WorkerError };
