/**
 * A date box written as Vietnamese officials write dates, dd/mm/yyyy, whatever the browser's locale (a native
 * date input shows mm/dd/yyyy in an English browser). It also reads yyyy-mm-dd and d/m/yyyy.
 */
import { h } from "../dom.js";
import { t, viDate } from "../i18n.js";

/** A date typed as dd/mm/yyyy (or yyyy-mm-dd) as YYYY-MM-DD; "" for an empty box; null for text that is no date. */
export function parseDate(text: string): string | null {
  const s = text.trim();
  if (s === "") return "";
  let y: number, m: number, d: number;
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (dmy) [d, m, y] = [Number(dmy[1]), Number(dmy[2]), Number(dmy[3])];
  else if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/**
 * The box. `changed` gets the date as YYYY-MM-DD, "" when emptied, or null while the text is not a date (the
 * box is then marked invalid and says how to write it).
 */
export function dateInput(attrs: { id: string; value: string; test?: string; label?: string }, changed: (iso: string | null) => void): HTMLInputElement {
  const input = h("input", {
    type: "text",
    id: attrs.id,
    inputmode: "numeric",
    autocomplete: "off",
    placeholder: t().datePlaceholder,
    pattern: "\\d{1,2}/\\d{1,2}/\\d{4}",
    title: t().dateHint,
    value: viDate(attrs.value),
    "data-test": attrs.test,
    "aria-label": attrs.label,
    class: "date-input",
  });
  input.addEventListener("input", () => {
    const iso = parseDate(input.value);
    input.setAttribute("aria-invalid", String(iso === null));
    changed(iso);
  });
  return input;
}
