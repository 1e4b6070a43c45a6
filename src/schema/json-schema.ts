import { z } from "zod";
import { CriteriaSet } from "./criteria-set.js";

/**
 * The JSON Schema (draft 2020-12) of a criteria file, generated from the zod schema, for editors to
 * validate and autocomplete criteria files. Written to `criteria/criteria-set.schema.json` by `npm run schema`.
 */
export function criteriaSetJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(CriteriaSet, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
  return {
    $schema: schema.$schema,
    title: "tieuchi criteria set",
    description: "One title under one version of one regulation: provenance, declared inputs, criteria as JsonLogic rules, and the decision rule.",
    ...Object.fromEntries(Object.entries(schema).filter(([k]) => k !== "$schema")),
  };
}
