/**
 * Reading JSON text with errors that name the source and the line and column, and a byte-order mark
 * tolerated (editors on Windows write one).
 *
 * @module
 */
import { JsonParseError } from "../errors.js";

function position(text: string, offset: number): { offset: number; line: number; column: number } {
  let line = 1;
  let col = 1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === "\n") {
      line++;
      col = 1;
    } else col++;
  }
  return { offset, line, column: col };
}

/**
 * Parses JSON text.
 *
 * @param text - The text (a leading byte-order mark is skipped).
 * @param source - A file name or label for the error message.
 * @throws {@link JsonParseError} naming the source, line and column.
 */
export function parseJson(text: string, source = "(input)"): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === "") throw new JsonParseError(source, "the file is empty", position(text, 0));
  try {
    return JSON.parse(body);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const m = /position (\d+)/.exec(message);
    let offset = m ? Number(m[1]) : body.length;
    const lc = /line (\d+) column (\d+)/.exec(message);
    if (!m && lc) {
      const lines = body.split("\n");
      offset = lines.slice(0, Number(lc[1]) - 1).reduce((s, l) => s + l.length + 1, 0) + Number(lc[2]) - 1;
    }
    const reason = message.replace(/^JSON\.parse: /, "").replace(/ in JSON at position \d+.*$/, "").replace(/ at line \d+ column \d+.*$/, "");
    throw new JsonParseError(source, reason, position(body, offset));
  }
}
