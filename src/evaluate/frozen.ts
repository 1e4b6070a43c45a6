/**
 * The empty parts every result shares: one frozen empty list and one frozen empty record, so a result that lists
 * nothing (a criterion's `missing`, `measures`, `subResults` or `values`, a unit's `subResults`, `levels` or its
 * gap's lists) allocates none. Results are never changed after they are written (the stamp, the titles and the
 * outcome lists are shared the same way), so sharing is safe; frozen, a change would throw rather than leak
 * into other results.
 *
 * @module
 */
import type { ReadValue } from "../schema/result.js";

/** The empty list results share. */
export const NONE = Object.freeze([]) as unknown as never[];

/** The empty record of values read results share. */
export const NO_READS = Object.freeze({}) as Record<string, ReadValue>;
