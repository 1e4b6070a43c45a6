/** A plain-text table with wrapped last column, for terminals and logs. */
export function table(headers: readonly string[], rows: readonly (readonly string[])[], width: number): string {
  const n = headers.length;
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (i < n - 1 ? (r[i] ?? "").length : 0))));
  const fixed = widths.slice(0, n - 1).reduce((s, w) => s + w + 2, 0);
  const last = Math.max(30, width - fixed);
  const lines: string[] = [];
  const line = (cells: readonly string[]) => {
    const wrapped = wrap(cells[n - 1] ?? "", last);
    wrapped.forEach((text, k) => {
      const left = cells.slice(0, n - 1).map((c, i) => (k === 0 ? c : "").padEnd(widths[i]!));
      lines.push([...left, text].join("  ").trimEnd());
    });
  };
  line(headers);
  lines.push(
    widths
      .slice(0, n - 1)
      .map((w) => "-".repeat(w))
      .concat("-".repeat(Math.min(last, 40)))
      .join("  "),
  );
  rows.forEach(line);
  return lines.join("\n");
}

function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  let cur = "";
  for (const word of text.split(/\s+/)) {
    if (cur === "") cur = word;
    else if (`${cur} ${word}`.length <= width) cur += ` ${word}`;
    else {
      out.push(cur);
      cur = word;
    }
  }
  out.push(cur);
  return out;
}
