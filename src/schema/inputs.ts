import { z } from "zod";
import { checkText } from "./issues.js";
import { FORBIDDEN_NAMES, IsoDate, Localized, Name } from "./common.js";

const common = {
  label: Localized.optional().describe("A short name for tables and sentences, e.g. 'thành viên'."),
  description: Localized.describe("What the input is, in words an official recognises."),
  unit: z.string().min(1).optional().describe("Unit of measure, e.g. 'người' or 'triệu đồng'."),
};

/** A yes/no input. `default` fills it when the unit's data leaves it out. */
export const BooleanInput = z.object({ type: z.literal("boolean"), ...common, default: z.boolean().optional() }).strict();

/** A whole number, with an optional range. */
export const IntegerInput = z
  .object({
    type: z.literal("integer"),
    ...common,
    min: z.number().int().optional(),
    max: z.number().int().optional(),
    default: z.number().int().optional(),
  })
  .strict();

/** A number, with an optional range. */
export const NumberInput = z
  .object({
    type: z.literal("number"),
    ...common,
    min: z.number().optional(),
    max: z.number().optional(),
    default: z.number().optional(),
  })
  .strict();

/** A text, perhaps restricted to a list of values (compared after Unicode NFC normalisation). */
export const StringInput = z
  .object({
    type: z.literal("string"),
    ...common,
    enum: z.array(z.string().min(1)).min(1).optional(),
    maxLength: z.number().int().positive().optional(),
    default: z.string().optional(),
  })
  .strict();

/** A calendar date, YYYY-MM-DD. */
export const DateInput = z.object({ type: z.literal("date"), ...common, min: IsoDate.optional(), max: IsoDate.optional() }).strict();

/**
 * Whether a sub-unit holds another title, e.g. whether a family is a "Gia đình văn hóa". The data may give
 * it directly (`true`/`false`), as `{ "data": {...} }`, the sub-unit's own data, in which case the set
 * named here is evaluated on it and the sub-result is nested in the result, or as `{ "result": {...} }`, a
 * result that set already gave (from `tieuchi eval --json` or a batch line), nested as given.
 *
 * With `levels` (a title recognised at levels, as "Cộng đồng học tập" cấp xã mức độ 1 or 2) the title reads
 * as a record of yes/no by level, `{"muc-1": true, "muc-2": false}`, and the data gives it as a level id
 * (`"muc-1"`: recognised at that level, so at every lower one and at no higher one), `false` (at no level),
 * that record (null for a level not known), the sub-unit's data or its result.
 */
export const TitleInput = z
  .object({
    type: z.literal("title"),
    ...common,
    set: z.string().min(1).describe("Id of the criteria set that decides the title."),
    levels: z
      .array(
        z
          .string()
          .regex(/^[A-Za-z_][A-Za-z0-9_-]*$/, checkText("check.level_field"))
          .refine((s) => !FORBIDDEN_NAMES.has(s), checkText("check.reserved_name")),
      )
      .min(1)
      .optional()
      .describe(
        'For a title recognised at levels (mức độ 1, 2...): the named set\'s level ids, lowest first. The title then reads as a record of yes/no by level ({"var": "x.muc-2"}), and the data gives the level held ("muc-2"), false, the levels as a record, the sub-unit\'s data or its result.',
      ),
  })
  .strict();

const ObjectBase = z.object({ type: z.literal("object"), ...common }).strict();
const ArrayBase = z
  .object({
    type: z.literal("array"),
    ...common,
    minItems: z.number().int().nonnegative().optional(),
    maxItems: z.number().int().nonnegative().optional(),
  })
  .strict();

export type BooleanInput = z.infer<typeof BooleanInput>;
export type IntegerInput = z.infer<typeof IntegerInput>;
export type NumberInput = z.infer<typeof NumberInput>;
export type StringInput = z.infer<typeof StringInput>;
export type DateInput = z.infer<typeof DateInput>;
export type TitleInput = z.infer<typeof TitleInput>;
/** A group of named fields. */
export type ObjectInput = z.infer<typeof ObjectBase> & { fields: Record<string, InputSpec> };
/** A list, e.g. the members of a family or the staff of an agency (`items` of type `object`). */
export type ArrayInput = z.infer<typeof ArrayBase> & { items: InputSpec };
/** Declaration of one input of a criteria set. */
export type InputSpec = BooleanInput | IntegerInput | NumberInput | StringInput | DateInput | TitleInput | ObjectInput | ArrayInput;

/**
 * Declaration of one input of a criteria set. Declared before the two recursive members, which read it from a
 * getter: zod before 4.6 reads an `extend` shape's getters at once, and would find it not yet defined.
 */
export const InputSpec: z.ZodType<InputSpec> = z.lazy(() =>
  z.discriminatedUnion("type", [
    BooleanInput,
    IntegerInput,
    NumberInput,
    StringInput,
    DateInput,
    TitleInput,
    ObjectInput as unknown as typeof ObjectBase,
    ArrayInput as unknown as typeof ArrayBase,
  ]),
) as unknown as z.ZodType<InputSpec>;

// The two recursive members are the only types written by hand: TypeScript cannot infer a type that refers to itself.
export const ObjectInput: z.ZodType<ObjectInput> = ObjectBase.extend({
  get fields() {
    return z.record(Name, InputSpec);
  },
}).strict();

export const ArrayInput: z.ZodType<ArrayInput> = ArrayBase.extend({
  get items() {
    return InputSpec;
  },
}).strict();

/** The inputs a set declares, by name. */
export const Inputs = z.record(Name, InputSpec);
export type Inputs = z.infer<typeof Inputs>;
