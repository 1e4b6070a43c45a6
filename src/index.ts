/**
 * tieuchi: decide whether a family, clan, village, commune, agency or citizen earns a title under Vietnam's
 * "learning society" regulations, and explain why.
 *
 * ```ts
 * import { loadCriteriaSet, evaluate } from "tieuchi";
 * const set = loadCriteriaSet(json);          // validate once
 * const result = evaluate(set, unitData);     // verdict, grade, points, and why
 * ```
 *
 * @module tieuchi
 */
export { VERSION } from "./version.js";
export * from "./errors.js";
export {
  msg,
  say,
  both,
  t,
  catalogue,
  isMessageKey,
  isMessage,
  CATALOGUES,
  SPEC as MESSAGES,
  LANGS,
  isLang,
  formatNumber,
  formatPercent,
  type Lang,
  type Text,
  type Message,
  type MessageOf,
  type MessageKey,
  type Catalogue,
  type Args as MessageArgs,
} from "./i18n/index.js";

export {
  CriteriaSet,
  Criterion,
  Decision,
  PointsDecision,
  AllDecision,
  Group,
  Grade,
  Level,
  Source,
  Reference,
  Subject,
  Points,
  Completeness,
  COMPLETENESS_LEVELS,
  Procedure,
  ProcedureStep,
  Deadline,
  MonthDay,
} from "./schema/criteria-set.js";
export type { CompletenessLevel } from "./schema/criteria-set.js";
export type { CriteriaSetInput } from "./schema/criteria-set.js";
export { InputSpec, Inputs } from "./schema/inputs.js";
export { Rule } from "./schema/rule.js";
export { Localized, Note, noteText } from "./schema/common.js";
export {
  Result,
  CriterionResult,
  Status,
  Verdict,
  Gap,
  Measure,
  LevelResult,
  GroupResult,
  SubResult,
  StatusReason,
  PointsSummary,
  SetStamp,
  Outcome,
  ReadValue,
} from "./schema/result.js";
export { validateCriteriaSet, parseCriteriaSet, type Validation, type ValidateOptions } from "./check/validate.js";
export type { SetAnalysis, CriterionInfo } from "./check/checks.js";
export { criteriaSetJsonSchema } from "./schema/json-schema.js";

export { OPERATORS, type OperatorInfo } from "./logic/operators.js";
export { Limits, DEFAULT_LIMITS, type LimitsInput } from "./schema/limits.js";

export { loadCriteriaSet, isLoadedSet, type LoadedSet, type LoadOptions } from "./evaluate/load.js";
export {
  evaluate,
  safeEvaluate,
  ENGINE_NAMES,
  type EvaluateOptions,
  type SetResolver,
  type EngineName,
  type SetToEvaluate,
  type SafeEvaluation,
  type EvaluateError,
} from "./evaluate/evaluate.js";
export { decide, type DecideResult, type DecideOptions } from "./evaluate/decide.js";
export { useGenerated, type GeneratedModule } from "./evaluate/generated.js";
export { allowsEval, useJit } from "./evaluate/jit.js";
export { generateModule, notGenerated, GENERATED_FORMAT } from "./generate/module.js";
export type { Refusal } from "./i18n/codes/generate.js";

export { describeRule } from "./explain/describe.js";
export { renderCatalogue, type CatalogueOptions } from "./report/catalogue.js";

export { canonicalJson, contentHash } from "./json/canonical.js";
export { sha256Hex } from "./json/sha256.js";
export { parseJson, decodeJsonBytes } from "./json/parse.js";
export { createRegistry, registryProblems, type Registry, type Resolution, type InForceReason, type SetRef } from "./versions/registry.js";
export { isInForce } from "./schema/dates.js";
export { diff, matchCriteria, thresholdChanges, diffSummary, SetDiff, Change, ChangeKind, ChangeSection, type CriteriaMatch } from "./versions/diff.js";
export { createImpact, impact, UnitImpact, ImpactSummary, ImpactKind, CriterionImpact, type Impact, type ImpactOptions } from "./versions/impact.js";
export {
  AuditRecord,
  Verification,
  Difference,
  DifferenceKind,
  recordEvaluation,
  createAuditRecord,
  parseAuditRecord,
  verify,
  type RecordOptions,
  type VerifyOptions,
  type VerifySets,
} from "./versions/audit.js";
export {
  evaluateTransition,
  type Transition,
  type TransitionSide,
  type TransitionRow,
  type TransitionCell,
  type TransitionOptions,
} from "./versions/transition.js";
export {
  Lock,
  LockEntry,
  LockChange,
  LockStatus,
  LockReport,
  LockReportEntry,
  RegistryProblem,
  checkLock,
  updateLock,
  parseLock,
  serializeLock,
  emptyLock,
  lockEntryOf,
  lockChanges,
  describeLockChanges,
  type LockInput,
  type LockUpdate,
  type UpdateLockOptions,
} from "./versions/lock.js";

export {
  createReport,
  aggregate,
  type Report,
  type ReportAccumulator,
  type ReportOptions,
  type Tally,
  type GroupTally,
  type SetTally,
  type CriterionTally,
  type GradeTally,
  type Share,
  type ReportedError,
} from "./report/aggregate.js";
export { formatReport, REPORT_FORMATS, type ReportFormat } from "./report/render.js";
export { roundedPercent, MAX_REPORT_DECIMALS } from "./report/percent.js";
export {
  resultLine,
  errorLine,
  ReportedLine,
  ReportedResult,
  UnitFields,
  GroupValue,
  LineError,
  type BatchLine,
  type ResultLine,
  type ErrorLine,
} from "./report/line.js";

export { csvGroups, type CsvGroup } from "./batch/input.js";
export { sheetCsvUnits, readSheetCsv, type SheetCsvItem, type SheetRefusal, type SheetCsvRefused, type SheetCsvRead } from "./batch/sheet.js";
export { csvColumns, csvRowData, unwrapUnit, type CsvColumn, type CsvRowError } from "./batch/unit.js";
export { composeResults, resultsTarget, type Composition, type ResultsTarget } from "./batch/compose.js";

export {
  spreadsheetLayout,
  normalizeHeader,
  allowedValues,
  csvListHeader,
  EXAMPLE_CODE,
  type SpreadsheetLayout,
  type SheetTable,
  type SheetField,
} from "./sheet/layout.js";
export { readWorkbook, readTable, cellValue, sheetRecord, type Cell, type Table, type SheetUnit, type SheetRead } from "./sheet/read.js";
export { parseCsv, detectDelimiter, delimiterName, csvTable, writeCsv, templateCsv, DELIMITERS } from "./sheet/csv.js";
export { resultTable, pathLabel, parsePath, type TableLine } from "./sheet/results.js";
export { templateWorkbook, workbookTables, readXlsx, tableWorkbook, TEMPLATE_ROWS, type ExcelJs } from "./sheet/xlsx.js";
export { checkWorkbookZip, MAX_WORKBOOK_BYTES, MAX_INFLATED_BYTES, MAX_WORKBOOK_ENTRIES, type WorkbookLimits } from "./sheet/zip.js";
