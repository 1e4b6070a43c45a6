/**
 * A form generated from a set's declared inputs. It edits a plain data object in place; every value a person
 * types goes into the data as typed (a number that does not parse stays text), so the library's own data
 * check is what reports a wrong value, with the same message and path as anywhere else.
 */
import { formatPath, msg, say, type InputSpec, type Inputs } from "tieuchi";
import { h, type Child } from "../dom.js";
import { lang, loc, t } from "../i18n.js";
import { dateInput } from "./date-input.js";

type Path = ReadonlyArray<string | number>;
type Obj = Record<string, unknown>;

/** What the form needs from the page that holds it. */
export interface FormHost {
  /** The unit's data, edited in place. */
  readonly data: Obj;
  /** A value changed: evaluate again. */
  changed(): void;
  /**
   * The shape changed (an item added, duplicated or removed): draw the form again, evaluate, and put the
   * keyboard focus on `focus` (a path: the new item, the item after the one removed, or the list itself).
   */
  reshaped(focus?: string): void;
  /** Something is about to be removed (`what`, as a person names it): keep the data to undo it. */
  removing?(what: string): void;
  /** Paths of list items the reader folded away, kept across redraws. */
  readonly folded: Set<string>;
  /** Paths of list items the reader opened in a long list (whose items start folded), kept across redraws. */
  readonly opened: Set<string>;
  /** A folded item was opened and its fields drawn for the first time: mark them as the last result did. */
  drawn?(): void;
}

/**
 * Items of a list longer than this start folded. A folded item's fields are drawn only when it is first opened,
 * so that a unit of 500 members is a short page that draws and updates within the 100 ms a frame may take
 * (the fields of 500 open members, about 60,000 elements, took seconds to lay out and to mark).
 */
export const OPEN_UP_TO = 10;

/** Folded items whose fields are not drawn yet, and how to draw them. */
const undrawn = new WeakMap<HTMLDetailsElement, () => void>();

/** Opens a list item, drawing its fields first if they were not drawn yet. */
export function openItem(details: HTMLDetailsElement): void {
  undrawn.get(details)?.();
  details.open = true;
}

const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

function getAt(root: unknown, path: Path): unknown {
  let v = root;
  for (const seg of path) {
    if (typeof seg === "number" ? !Array.isArray(v) : !isObj(v)) return undefined;
    v = (v as Record<string | number, unknown>)[seg];
  }
  return v;
}

/** Sets (or with `undefined`, removes) the value at `path`, creating the objects on the way. */
function setAt(root: Obj, path: Path, value: unknown): void {
  let v: Record<string | number, unknown> = root;
  for (let i = 0; i < path.length - 1; i++) {
    const seg = path[i]!;
    let next = v[seg];
    if (!isObj(next) && !Array.isArray(next)) {
      if (value === undefined) return;
      next = typeof path[i + 1] === "number" ? [] : {};
      v[seg] = next;
    }
    v = next as Record<string | number, unknown>;
  }
  const last = path[path.length - 1]!;
  if (value === undefined && !Array.isArray(v)) delete v[last];
  else v[last] = value ?? null;
}

let counter = 0;
const nextId = () => `f${++counter}`;

const labelOf = (name: string, spec: InputSpec) => (spec.label ? loc(spec.label) : name);

function hintOf(spec: InputSpec): string {
  const tr = t();
  const parts = [loc(spec.description)];
  if ((spec.type === "integer" || spec.type === "number" || spec.type === "date") && (spec.min !== undefined || spec.max !== undefined))
    parts.push(tr.range(spec.min === undefined ? undefined : String(spec.min), spec.max === undefined ? undefined : String(spec.max)));
  if (spec.unit) parts.push(spec.unit);
  if ("default" in spec && spec.default !== undefined)
    parts.push(`${tr.defaultValue}: ${typeof spec.default === "boolean" ? (spec.default ? tr.yes : tr.no) : String(spec.default)}`);
  return parts.join(" · ");
}

/** A value as typed in a number box: a number when it reads as one, else the text itself. */
function typedNumber(text: string, integer: boolean): unknown {
  const s = text.trim().replace(/\s/g, "");
  if (s === "") return undefined;
  // Vietnamese writes decimals with a comma.
  const n = integer ? (/^[-+]?\d+$/.test(s) ? Number(s) : NaN) : /^[-+]?(\d+([.,]\d*)?|[.,]\d+)$/.test(s) ? Number(s.replace(",", ".")) : NaN;
  return Number.isFinite(n) ? n : text;
}

class Builder {
  /** Human names of every path the form shows, for the list of what is missing. */
  readonly names = new Map<string, string>();
  constructor(private readonly host: FormHost) {}

  private set(path: Path, value: unknown): void {
    setAt(this.host.data, path, value);
    this.host.changed();
  }

  /** The name of a path for the list of what is missing: the field's label after those of the lists and groups it is in. */
  private name(path: Path, title: string, where: string): void {
    this.names.set(formatPath(path), where === "" ? title : `${where} › ${title}`);
  }

  private wrap(
    path: Path,
    spec: InputSpec,
    name: string,
    title: string,
    where: string,
    control: HTMLElement,
    labelFor: string | null,
    extra?: Child,
  ): HTMLElement {
    const key = formatPath(path);
    this.name(path, title, where);
    const labelId = `${labelFor ?? nextId()}-label`;
    if (!labelFor) control.setAttribute("aria-labelledby", labelId);
    return h(
      "div",
      { class: `field field-${spec.type}`, "data-path": key, "data-name": name },
      labelFor ? h("label", { class: "field-label", for: labelFor, id: labelId }, title) : h("span", { class: "field-label", id: labelId }, title),
      h("p", { class: "hint" }, hintOf(spec)),
      control,
      extra,
      h("p", { class: "field-msg", "aria-live": "polite" }),
    );
  }

  private foreign(value: unknown, shown: boolean): Child {
    if (value === undefined || value === null || shown) return null;
    return h("p", { class: "foreign" }, t().foreignValue(JSON.stringify(value)));
  }

  /** Yes / no / unknown: a checkbox cannot say "unknown", and unknown data must stay absent, not false. */
  private tri(path: Path, spec: InputSpec, name: string, title: string, where: string): HTMLElement {
    const tr = t();
    const value = getAt(this.host.data, path);
    const group = nextId();
    // A title held at levels is given as the level held (or none), not yes/no.
    const levels = spec.type === "title" ? spec.levels : undefined;
    const options: Array<[string, boolean | string | undefined]> = levels
      ? [...levels.map((l): [string, string] => [tr.atLevel(l), l]), [tr.atNoLevel, false], [tr.unknown, undefined]]
      : [
          [tr.yes, true],
          [tr.no, false],
          [tr.unknown, undefined],
        ];
    const control = h(
      "div",
      { class: "tri", role: "radiogroup" },
      options.map(([text, v]) =>
        h(
          "label",
          { class: "tri-option" },
          h("input", {
            type: "radio",
            name: group,
            value: v === undefined ? "" : String(v),
            checked: value === v || (v === undefined && (value === null || value === undefined)),
            onchange: () => this.set(path, v),
          }),
          h("span", null, text),
        ),
      ),
    );
    const given = spec.type === "title" && isObj(value) && ("data" in value || "result" in value);
    const shown = typeof value === "boolean" || (typeof value === "string" && levels?.includes(value) === true);
    return this.wrap(path, spec, name, title, where, control, null, given ? h("p", { class: "foreign" }, tr.givenAsData) : this.foreign(value, shown));
  }

  field(path: Path, name: string, spec: InputSpec, where: string, title = labelOf(name, spec)): HTMLElement {
    const value = getAt(this.host.data, path);
    const tr = t();
    switch (spec.type) {
      case "boolean":
      case "title":
        return this.tri(path, spec, name, title, where);
      case "integer":
      case "number": {
        const id = nextId();
        const input = h("input", {
          id,
          type: "text",
          inputmode: spec.type === "integer" ? "numeric" : "decimal",
          autocomplete: "off",
          // Shown as Vietnamese writes it (35,5), read back either way.
          value: typeof value === "number" ? (lang() === "vi" ? String(value).replace(".", ",") : String(value)) : typeof value === "string" ? value : "",
          oninput: () => this.set(path, typedNumber(input.value, spec.type === "integer")),
        });
        return this.wrap(path, spec, name, title, where, input, id, this.foreign(value, typeof value === "number" || typeof value === "string"));
      }
      case "string": {
        const id = nextId();
        if (spec.enum) {
          const known = typeof value === "string" && spec.enum.includes(value.normalize("NFC"));
          const select = h(
            "select",
            { id, onchange: () => this.set(path, select.value === "" ? undefined : select.value) },
            h("option", { value: "" }, tr.choose),
            // The allowed values are the file's own words (Vietnamese), marked so whatever the page's language.
            spec.enum.map((v) => h("option", { value: v, lang: "vi", selected: known && value.normalize("NFC") === v }, v)),
          );
          return this.wrap(path, spec, name, title, where, select, id, this.foreign(value, known));
        }
        const input = h("input", {
          id,
          type: "text",
          autocomplete: "off",
          maxlength: spec.maxLength,
          value: typeof value === "string" ? value : "",
          oninput: () => this.set(path, input.value === "" ? undefined : input.value),
        });
        return this.wrap(path, spec, name, title, where, input, id, this.foreign(value, typeof value === "string"));
      }
      case "date": {
        const id = nextId();
        // dd/mm/yyyy as officials write dates; text that is no date goes into the data as typed, for the data check to say so.
        const input = dateInput({ id, value: typeof value === "string" ? value : "" }, (iso) =>
          this.set(path, iso === "" ? undefined : iso === null ? input.value : iso),
        );
        return this.wrap(path, spec, name, title, where, input, id, this.foreign(value, typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)));
      }
      case "object":
        return this.object(path, name, spec.fields, title, where, spec);
      case "array":
        return this.array(path, name, spec, title, where);
    }
  }

  object(path: Path, name: string, fields: Inputs, title: string, where: string, spec?: InputSpec): HTMLElement {
    const key = formatPath(path);
    if (path.length > 0) this.name(path, title, where);
    const inner = path.length === 0 ? "" : where === "" ? title : `${where} › ${title}`;
    return h(
      "fieldset",
      { class: "group", "data-path": key, "data-name": name },
      h("legend", null, title),
      spec ? h("p", { class: "hint" }, hintOf(spec)) : null,
      Object.entries(fields).map(([k, v]) => this.field([...path, k], k, v, inner)),
      h("p", { class: "field-msg", "aria-live": "polite" }),
    );
  }

  private array(path: Path, name: string, spec: Extract<InputSpec, { type: "array" }>, title: string, where: string): HTMLElement {
    const tr = t();
    const key = formatPath(path);
    this.name(path, title, where);
    const value = getAt(this.host.data, path);
    const list = Array.isArray(value) ? value : [];
    const itemWord = spec.items.label ? loc(spec.items.label) : spec.label ? loc(spec.label) : tr.item;
    const fresh = () => (spec.items.type === "object" ? {} : null);
    const reshape = (f: (l: unknown[]) => void, focus: string) => {
      const current = getAt(this.host.data, path);
      const l = Array.isArray(current) ? current : [];
      f(l);
      setAt(this.host.data, path, l);
      this.host.reshaped(focus);
    };
    const items = list.map((item, i) => {
      const ipath = [...path, i];
      const ikey = formatPath(ipath);
      const caption = `${title} #${i + 1}`;
      this.name(ipath, caption, where);
      const inner = where === "" ? caption : `${where} › ${caption}`;
      const remove = h(
        "button",
        {
          type: "button",
          class: "small danger",
          "data-test": "remove",
          "aria-label": `${tr.remove} ${caption}`,
          onclick: () => {
            this.host.removing?.(caption);
            // The focus goes to the item that takes its place, or to the list when it was the last.
            reshape((l) => l.splice(i, 1), i + 1 < list.length ? ikey : key);
          },
        },
        tr.remove,
      );
      // A list of plain values (marks, names) is a column of boxes, each with its remove button.
      if (spec.items.type !== "object" && spec.items.type !== "array")
        return h("div", { class: "item-row", "data-test": "item" }, this.field(ipath, String(i), spec.items, where, caption), remove);
      const nameField = isObj(item) ? Object.values(item).find((v) => typeof v === "string" && v.trim() !== "") : undefined;
      const body = () =>
        spec.items.type === "object"
          ? Object.entries(spec.items.fields).map(([k, v]) => this.field([...ipath, k], k, v, inner))
          : this.field(ipath, String(i), spec.items, where, caption);
      const open = !this.host.folded.has(ikey) && (list.length <= OPEN_UP_TO || this.host.opened.has(ikey));
      const details = h(
        "details",
        {
          class: "item",
          "data-path": ikey,
          "data-test": "item",
          open,
          ontoggle: () => {
            if (details.open) {
              this.host.folded.delete(ikey);
              this.host.opened.add(ikey);
              undrawn.get(details)?.();
            } else {
              this.host.folded.add(ikey);
              this.host.opened.delete(ikey);
            }
          },
        },
        h("summary", null, h("span", { class: "item-title" }, `#${i + 1}`, typeof nameField === "string" ? ` ${nameField}` : null)),
        h(
          "div",
          { class: "item-tools" },
          h(
            "button",
            {
              type: "button",
              class: "small secondary",
              "data-test": "duplicate",
              onclick: () => reshape((l) => l.splice(i + 1, 0, structuredClone(l[i])), formatPath([...path, i + 1])),
            },
            tr.duplicate,
          ),
          remove,
        ),
        open ? body() : null,
      );
      if (!open)
        undrawn.set(details, () => {
          undrawn.delete(details);
          // Its fields' names join the form's names as they are drawn; until then the list of what is missing
          // names them by the set's labels (pathLabel), which say the same.
          details.append(...[body()].flat());
          this.host.drawn?.();
        });
      return details;
    });
    const full = spec.maxItems !== undefined && list.length >= spec.maxItems;
    // A list not given is missing data; a list given with no items is not: its criteria take their empty-group
    // status. The form says which, and lets the reader switch between the two.
    const given = Array.isArray(value);
    const word = (k: "decision.list_not_given" | "decision.list_empty" | "decision.list_give_empty" | "decision.list_unset") => say(msg(k), lang());
    const state = !given ? word("decision.list_not_given") : list.length === 0 ? word("decision.list_empty") : tr.itemCount(list.length);
    const toggle = given
      ? h(
          "button",
          {
            type: "button",
            class: "small secondary",
            "data-test": "list-unset",
            onclick: () => (setAt(this.host.data, path, undefined), this.host.reshaped(key)),
          },
          word("decision.list_unset"),
        )
      : h(
          "button",
          { type: "button", class: "small secondary", "data-test": "list-empty", onclick: () => reshape(() => undefined, key) },
          word("decision.list_give_empty"),
        );
    return h(
      "fieldset",
      {
        class: `list${given ? "" : " not-given"}`,
        "data-path": key,
        "data-name": name,
        "data-list": !given ? "not-given" : list.length === 0 ? "empty" : "items",
      },
      h("legend", null, title, h("span", { class: "muted", "data-test": "list-state" }, ` · ${state}`)),
      h("p", { class: "hint" }, hintOf(spec)),
      this.foreign(value, Array.isArray(value)),
      items,
      h(
        "button",
        {
          type: "button",
          class: "add",
          "data-test": "add",
          disabled: full,
          onclick: () => reshape((l) => l.push(fresh()), formatPath([...path, list.length])),
        },
        tr.add(itemWord),
      ),
      spec.minItems !== undefined && spec.minItems > 0 && !given ? null : toggle,
      h("p", { class: "field-msg", "aria-live": "polite" }),
    );
  }
}

/** The form of a set's inputs, and the readable name of each path it shows (those of folded items once drawn). */
export function buildForm(inputs: Inputs, host: FormHost): { node: HTMLElement; names: ReadonlyMap<string, string> } {
  const b = new Builder(host);
  const node = b.object([], "", inputs, "", "");
  node.classList.add("unit-form");
  node.querySelector(":scope > legend")?.remove();
  return { node, names: b.names };
}

/** The path one step up: `a.b[2]` → `a.b`, `a.b` → `a`, `a` → null (paths as formatPath writes them). */
export function parentPath(path: string): string | null {
  const m = /(\.[A-Za-z_$][\w$]*|\[\d+\]|\["(?:[^"\\]|\\.)*"\])$/.exec(path);
  return m && m.index > 0 ? path.slice(0, m.index) : null;
}

/** What shows a path in the form, or, when it is inside a folded item not drawn yet, that item (or null). */
function shownAt(form: HTMLElement, path: string): HTMLElement | null {
  for (let p: string | null = path; p !== null; p = parentPath(p)) {
    const el = form.querySelector<HTMLElement>(`[data-path="${CSS.escape(p)}"]`);
    if (el) return p === path || (el instanceof HTMLDetailsElement && undrawn.has(el)) ? el : null;
  }
  return null;
}

/**
 * The element that shows a path, with every list item around it opened (and drawn): for a link from the list of
 * what is missing, or the focus after the form was drawn again. Null when the form does not show the path.
 */
export function reveal(form: HTMLElement, path: string): HTMLElement | null {
  let el = shownAt(form, path);
  while (el instanceof HTMLDetailsElement && undrawn.has(el) && el.dataset.path !== path) {
    openItem(el);
    el = shownAt(form, path);
  }
  for (let p: HTMLElement | null = el; p; p = p.parentElement) if (p instanceof HTMLDetailsElement) openItem(p);
  return el;
}

/**
 * Puts the keyboard focus on what a path shows after the form was drawn again: a list item's summary (opened),
 * a field's first control, or a list's add button.
 */
export function focusPath(form: HTMLElement, path: string): void {
  const el = reveal(form, path);
  if (!el) return;
  let target: HTMLElement | null;
  if (el instanceof HTMLDetailsElement) {
    target = el.querySelector<HTMLElement>(":scope > summary");
  } else if (el.classList.contains("list")) target = el.querySelector<HTMLElement>(":scope > [data-test=add]");
  else target = el.querySelector<HTMLElement>("input, select, textarea, button");
  target?.focus();
}

/** Clears earlier marks, then marks the fields the data check rejected and those the rules needed but lacked. */
export function markFields(
  form: HTMLElement,
  invalid: ReadonlyArray<{ path: string; message: string }>,
  missing: ReadonlyArray<{ path: string; criteria: string[] }>,
): void {
  const tr = t();
  // Only what was marked is cleared: touching every field's message box made each keystroke lay out the whole form.
  for (const el of form.querySelectorAll<HTMLElement>(".is-invalid, .is-missing, .has-invalid, .has-missing")) {
    el.classList.remove("is-invalid", "is-missing", "has-invalid", "has-missing");
    const out = el.querySelector<HTMLElement>(":scope > .field-msg");
    if (out?.firstChild) out.textContent = "";
  }
  const texts = new Map<HTMLElement, string[]>();
  const note = (path: string, cls: string, text: string) => {
    const el = shownAt(form, path);
    if (!el) return;
    // A field inside a folded item not drawn yet: the item says that something inside it needs attention.
    if (el.dataset.path !== path) {
      el.classList.add(cls.replace("is-", "has-"));
    } else {
      el.classList.add(cls);
      texts.set(el, [...(texts.get(el) ?? []), text]);
    }
    // A folded list item says that something inside it needs attention.
    for (let p = el.parentElement?.closest("details.item"); p; p = p.parentElement?.closest("details.item")) p.classList.add(cls.replace("is-", "has-"));
  };
  for (const m of missing) note(m.path, "is-missing", `${tr.status.missing}: ${m.criteria.map(tr.missingFor).join(", ")}`);
  for (const p of invalid) note(p.path, "is-invalid", p.message);
  for (const [el, lines] of texts) {
    const out = el.querySelector<HTMLElement>(":scope > .field-msg");
    if (out) out.textContent = lines.join("; ");
  }
}
