/**
 * Horizontal bar charts drawn as SVG. The chart is drawn at the width its box has on screen (and drawn again
 * when that changes), so its text keeps its size on a phone as on a desktop.
 */
import { h, s } from "../dom.js";

/** One bar: its label, its length out of `max`, the figure written after it, and a class for its colour. */
export interface Bar {
  readonly label: string;
  readonly value: number;
  readonly max: number;
  readonly text: string;
  readonly kind: string;
}

const ROW = 28;
const BAR = 18;
const FONT = 13;
// Average advance of a character at 13px in the system sans-serif: enough to cut labels before they overlap.
const CHAR = 7;

function draw(bars: readonly Bar[], width: number, title: string): SVGSVGElement {
  const labelWidth = Math.min(Math.round(width * 0.42), 260);
  const textWidth = 96;
  const x0 = labelWidth + 8;
  const span = Math.max(20, width - x0 - textWidth);
  const height = bars.length * ROW + 4;
  const maxChars = Math.floor(labelWidth / CHAR);
  const cut = (t: string) => (t.length > maxChars ? `${t.slice(0, Math.max(1, maxChars - 1))}…` : t);
  return s(
    "svg",
    { class: "chart", width: String(width), height: String(height), viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": title },
    bars.map((b, i) => {
      const y = i * ROW + 2;
      const len = b.max > 0 ? Math.round((b.value / b.max) * span) : 0;
      return s(
        "g",
        { class: `chart-row chart-${b.kind}`, "data-label": b.label, "data-value": String(b.value) },
        s("title", null, `${b.label}: ${b.text}`),
        s("text", { x: "0", y: String(y + BAR / 2 + FONT / 2 - 2), class: "chart-label" }, cut(b.label)),
        s("rect", { x: String(x0), y: String(y), width: String(span), height: String(BAR), rx: "3", class: "chart-track" }),
        s("rect", { x: String(x0), y: String(y), width: String(Math.max(len, b.value > 0 ? 2 : 0)), height: String(BAR), rx: "3", class: "chart-bar" }),
        s("text", { x: String(x0 + len + 6), y: String(y + BAR / 2 + FONT / 2 - 2), class: "chart-value" }, b.text),
      );
    }),
  );
}

/** A titled bar chart that sizes itself to its box. */
export function barChart(title: string, bars: readonly Bar[], test: string): HTMLElement {
  const box = h("div", { class: "chart-box" });
  const figure = h("figure", { class: "chart-figure", "data-test": test }, h("figcaption", null, title), box);
  let drawn = -1;
  const redraw = () => {
    const width = Math.floor(box.clientWidth);
    if (width <= 0 || width === drawn) return;
    drawn = width;
    box.replaceChildren(draw(bars, width, title));
  };
  new ResizeObserver(redraw).observe(box);
  return figure;
}
