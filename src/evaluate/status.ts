/**
 * The status state machine: a criterion's rules run in order (applies, then pending, excludes, tiers, rule or
 * score), and each rule's outcome (a `RAN_` code of `run.ts`, the one classifier of what running a rule came to)
 * decides the criterion's status, reason and points earned, or moves on to the next rule.
 *
 * @module
 */
import { msg, type Message } from "../i18n/index.js";
import type { CriterionRules } from "../logic/walk.js";
import type { Criterion } from "../schema/criteria-set.js";
import type { CriterionResult, Status } from "../schema/result.js";
import { RAN_DERIVED_NA, RAN_EMPTY_GROUP, RAN_FALSE, RAN_MISSING, RAN_TRUE, RAN_VALUE, type Runner, truthy } from "./run.js";

/** A criterion's status as it is being decided. */
export interface Decided {
  status: Status;
  reason: CriterionResult["reason"];
  earned: number;
  error: Message | undefined;
}

/** Records an outcome without a value (a `RAN_` code from RAN_MISSING up) as the criterion's status. */
function settle(d: Decided, ran: number, runner: Runner<unknown>, c: Criterion, max: number): void {
  if (ran === RAN_MISSING) {
    d.status = "missing";
    d.reason = "data";
  } else if (ran === RAN_EMPTY_GROUP || ran === RAN_DERIVED_NA) {
    // A share of an empty group, in the criterion's rules or a derived value it reads: the status the set
    // declares for an empty group (the loader makes every criterion that takes a share declare one).
    d.status = c.emptyGroup ?? "fail";
    d.reason = "empty-group";
    d.earned = d.status === "pass" ? max : 0;
  } else {
    d.status = "error";
    d.error = runner.message;
  }
}

/** JsonLogic truthiness of a rule's value from its `RAN_` code. */
function ranTruthy(ran: number, runner: Runner<unknown>): boolean {
  return ran === RAN_TRUE || (ran === RAN_VALUE && truthy(runner.value));
}

/** Runs a criterion's rules in order (applies, then excludes, tiers, rule or score) and decides its status. */
export function decideStatus<R>(c: Criterion, p: CriterionRules<R>, max: number, runner: Runner<R>, d: Decided): void {
  d.status = "pass";
  d.reason = null;
  d.earned = 0;
  d.error = undefined;
  // `applies` first, even for a criterion not encoded yet: a unit it does not concern is not missing anything.
  if (p.applies) {
    const ran = runner.exec(p.applies);
    if (ran >= RAN_MISSING) {
      settle(d, ran, runner, c, max);
      return;
    }
    if (!ranTruthy(ran, runner)) {
      d.status = "not-applicable";
      d.reason = "applies-false";
      return;
    }
  }
  if (c.pending) {
    d.status = "missing";
    d.reason = "not-encoded";
    return;
  }
  if (p.excludes) {
    const ran = runner.exec(p.excludes);
    if (ran >= RAN_MISSING) settle(d, ran, runner, c, max);
    else d.status = ranTruthy(ran, runner) ? "fail" : "pass";
    return;
  }
  if (p.tiers) {
    d.status = "fail";
    for (const tier of p.tiers) {
      const ran = runner.exec(tier.when);
      if (ran >= RAN_MISSING) {
        settle(d, ran, runner, c, max);
        return;
      }
      if (ranTruthy(ran, runner)) {
        d.status = "pass";
        d.earned = tier.points;
        return;
      }
    }
    return;
  }
  if (p.rule) {
    const ran = runner.exec(p.rule);
    if (ran >= RAN_MISSING) {
      settle(d, ran, runner, c, max);
      return;
    }
    d.status = ranTruthy(ran, runner) ? "pass" : "fail";
    d.earned = d.status === "pass" ? max : 0;
  }
  if (p.score) {
    const ran = runner.exec(p.score);
    if (ran >= RAN_MISSING) {
      settle(d, ran, runner, c, max);
      if (d.reason !== "empty-group") d.earned = 0;
      return;
    }
    const s = ran === RAN_TRUE ? true : ran === RAN_FALSE ? false : runner.value;
    if (typeof s !== "number" || !Number.isInteger(s) || s < 0 || s > max) {
      d.status = "error";
      d.error = msg("eval.score", { max, got: JSON.stringify(s) ?? String(s) });
      d.earned = 0;
    } else d.earned = s;
  }
}
