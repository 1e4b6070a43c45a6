/**
 * Each group's points and how many of its criteria have each status, in the order the statuses first occur
 * (the result's `groups`).
 *
 * @module
 */
import type { CriterionResult, GroupResult, Status } from "../schema/result.js";
import type { LoadedSet } from "./load.js";
import type { SetShape } from "./program.js";

/** A status's position in the result's order of statuses. */
function statusCode(s: Status): number {
  return s === "pass" ? 0 : s === "fail" ? 1 : s === "missing" ? 2 : s === "not-applicable" ? 3 : 4;
}

/**
 * A group's count of each status, keys in the order the statuses first occur. `order` holds the status codes
 * plus one, the first in the lowest three bits. Written with one named property per status, not a key
 * computed per criterion: V8 then builds every such object along the same few shapes.
 */
function statusCounts(order: number, counts: readonly number[]): Partial<Record<Status, number>> {
  const out: Partial<Record<Status, number>> = {};
  for (; order !== 0; order >>>= 3) {
    const code = (order & 7) - 1;
    const n = counts[code]!;
    if (code === 0) out.pass = n;
    else if (code === 1) out.fail = n;
    else if (code === 2) out.missing = n;
    else if (code === 3) out["not-applicable"] = n;
    else out.error = n;
  }
  return out;
}

/** Each group's points and how many of its criteria have each status (in the order statuses first occur). */
export function groupResults(loaded: LoadedSet, shape: SetShape, criteria: readonly CriterionResult[]): GroupResult[] {
  const groups = loaded.definition.groups;
  const out = new Array<GroupResult>(groups.length);
  const counts = [0, 0, 0, 0, 0];
  for (let g = 0; g < groups.length; g++) {
    const group = groups[g]!;
    const members = shape.groupMembers[g]!;
    let earned = 0;
    let max = 0;
    let order = 0;
    let shift = 0;
    counts[0] = counts[1] = counts[2] = counts[3] = counts[4] = 0;
    for (let i = 0; i < members.length; i++) {
      const c = criteria[members[i]!]!;
      const code = statusCode(c.status);
      const seen = counts[code]!;
      if (seen === 0) {
        order |= (code + 1) << shift;
        shift += 3;
      }
      counts[code] = seen + 1;
      if (c.points !== null) {
        earned += c.points.earned;
        max += c.points.max;
      }
    }
    out[g] = { id: group.id, title: group.title, earned, max, statuses: statusCounts(order, counts) };
  }
  return out;
}
