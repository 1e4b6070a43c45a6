/**
 * Node entry point (`tieuchi/node`): reading criteria files and folders from disk, the lock, batches of units
 * and spreadsheets. The core (`tieuchi`) never touches the file system; this entry does. It only re-exports:
 * the modules of `src/node/` import each other, never this barrel, so there is no cycle through it.
 *
 * @module tieuchi/node
 */
export {
  DEFAULT_MAX_BYTES,
  fileReason,
  findCriteriaFiles,
  isCriteriaFile,
  loadCriteriaDir,
  loadCriteriaFile,
  loadRegistry,
  readJsonFile,
  withPositions,
  type FileLoadOptions,
  type ReadOptions,
} from "./files.js";
export { bundledCriteriaDir } from "./bundled.js";
export { LOCK_FILE, readLockInputs, readLock, writeLock, checkLockDir, updateLockDir } from "./lock.js";
export { readLines, type Line } from "./lines.js";
export { runBatch, formatOf, type BatchOptions, type BatchProgress, type BatchSummary, type UnitFormat, type PartialRecord } from "./batch.js";
export { sheetFormatOf, loadExcelJs, writeTemplateFile, readSheetFile, writeResultFile, type SheetFile, type SheetFileOptions } from "./sheets.js";
