/**
 * JSON written for people to read and review in a diff: nested values that fit on one line stay on one line,
 * the rest are indented, one entry per line.
 *
 * @module
 */

/**
 * Writes a JSON value indented by two spaces, keeping any object or list that fits within `width` characters
 * (indentation included) on a single line. The output ends with a newline and parses back to the same value.
 */
export function compactJson(value: unknown, width = 120): string {
  return `${write(value, "", width)}\n`;
}

function write(value: unknown, indent: string, width: number): string {
  const one = spaced(value) ?? "null";
  if (value === null || typeof value !== "object" || indent.length + one.length <= width) return one;
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    return `[\n${value.map((v) => `${inner}${write(v, inner, width)}`).join(",\n")}\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return "{}";
  return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${write(v, inner, width - k.length - 4)}`).join(",\n")}\n${indent}}`;
}

/** One-line JSON with a space after `:` and `,`, as people write it. */
function spaced(value: unknown): string | undefined {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((v) => spaced(v) ?? "null").join(", ")}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  return `{ ${entries.map(([k, v]) => `${JSON.stringify(k)}: ${spaced(v)}`).join(", ")} }`.replace("{  }", "{}");
}
