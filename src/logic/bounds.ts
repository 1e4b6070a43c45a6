/**
 * Three-valued evaluation with bounds: what a rule's value can be over every completion of the unit's missing
 * data, decided from each operator's own bounds (never by trying values at run time).
 *
 * A value is either known (a plain JSON value, as the two-valued evaluators compute it) or a {@link Bound}: the
 * values some completion gives, as a finite list of values plus, where a list would be endless, a range of
 * numbers, any text, a list or record whose items or fields are not all known, or anything at all. A bound also
 * says whether some completion meets a share of an empty group (`empty`) or an error (`error`), and which absent
 * data paths could change it (`deps`): the paths to ask for.
 *
 * Each operator's three-valued meaning is one plain function (`and`, `compare`, `share`, ...), written from the
 * operator's two-valued meaning and nothing else, in a file of `bounds/` by kind (the domain, logic, applying
 * value by value, numbers, comparisons, lists, shares and ratios); this module gathers them:
 *
 * - `and`, `or`, `!`, `if` follow Kleene's logic on JsonLogic truthiness: a part that may be true and may be false
 *   leaves both open, unless another part settles the answer (`and` with a part certainly false is false).
 *   `if` with an unknown condition is the join of the branches it may take.
 * - Comparisons work on intervals (`x >= 60` with x anywhere in 0..100 may hold or not; in 70..100 it holds).
 * - Lists: `all`, `some`, `none`, `filter` and `count` see each item as known to meet the condition, known not
 *   to, or unknown, and each item as certainly in the list or perhaps (after a `filter`); a list not given at
 *   all is any number of items of its declared kind.
 * - A share (`shareAtLeast` and `shareAtMost`) is "at least P% of the items not excluded meet the condition":
 *   in whole numbers, `sum over items of (100·met − P·kept) >= 0`. Each item adds its own term, so the lowest
 *   and highest sum come from each item's own lowest and highest term (exclusions of unknown membership
 *   included), and whether the base can be empty from whether every item can be left out.
 *
 * The bounds are exact (the values listed are exactly those some completion gives) when each absent value is
 * read once in the rule; a value read in several places is treated as if each read could take its own value,
 * which can only widen the bounds: a certain answer is always right. `evaluate` splits a yes/no or choice
 * read in several places into cases first (see `evaluate/cases.ts`).
 *
 * Fast paths do not live here: the evaluators run rules two-valued, and come here only for a rule that read
 * absent data.
 *
 * @module
 */
export {
  Bound,
  type Deps,
  depsOf,
  isBound,
  join,
  lift,
  type ListBound,
  type ListItem,
  listLength,
  locateNullItems,
  make,
  NullItem,
  type NumRange,
  onlyThrows,
  PhantomItem,
  type PhantomItems,
  type RecordBound,
  thrown,
  unionDeps,
  unknownOf,
  type Val,
  withDeps,
} from "./bounds/domain.js";
export { andOr, CAN_FALSE, CAN_TRUE, ifThen, not, truth, truthy } from "./bounds/logic.js";
export { apply, boundOfThrown, type Concrete } from "./bounds/apply.js";
export { arithmetic, numbersIn } from "./bounds/numbers.js";
export { between, compare, equality, membership } from "./bounds/compare.js";
export { all, count, filter, someNone } from "./bounds/lists.js";
export { ratio, share } from "./bounds/ratio.js";
