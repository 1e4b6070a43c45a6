/**
 * A small element builder. Text always goes in as text nodes, never as HTML, so unit data and file contents
 * cannot inject markup; and nothing sets a `style` attribute, which the page's CSP forbids.
 */
export type Child = Node | string | number | null | undefined | false | readonly Child[];

type Handler<E extends Event = Event> = (ev: E) => void;

export interface Attrs {
  readonly [name: string]: string | number | boolean | null | undefined | Handler<never>;
}

function append(parent: Node, child: Child): void {
  if (child === null || child === undefined || child === false) return;
  if (Array.isArray(child)) {
    for (const c of child as readonly Child[]) append(parent, c);
    return;
  }
  parent.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
}

// Properties rather than attributes: their live values are what a form reads.
const PROPS = new Set(["value", "checked", "disabled", "selected", "open"]);

function apply(el: Element, attrs: Attrs | undefined): void {
  if (!attrs) return;
  for (const [name, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (name === "style") throw new Error("inline styles are forbidden by the page's Content-Security-Policy");
    if (name.startsWith("on") && typeof v === "function") el.addEventListener(name.slice(2), v as EventListener);
    else if (PROPS.has(name)) (el as unknown as Record<string, unknown>)[name] = v;
    else el.setAttribute(name, v === true ? "" : String(v));
  }
}

/** An HTML element with attributes, event handlers (`onclick`, `oninput`, ...) and children. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Attrs | null, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  apply(el, attrs ?? undefined);
  append(el, children);
  return el;
}

const SVG = "http://www.w3.org/2000/svg";

/** An SVG element. */
export function s<K extends keyof SVGElementTagNameMap>(tag: K, attrs?: Attrs | null, ...children: Child[]): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG, tag);
  apply(el, attrs ?? undefined);
  append(el, children);
  return el;
}

/** Replaces the children of `el`. */
export function fill(el: Element, ...children: Child[]): void {
  el.replaceChildren();
  append(el, children);
}

/** Offers `text` as a file download; nothing is uploaded anywhere. */
export function download(name: string, text: string, type = "application/json"): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h("a", { href: url, download: name });
  document.body.appendChild(a);
  a.click();
  a.remove();
  // The click starts the download synchronously; revoking on the next turn leaves it time to read the blob.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** Offers a Blob (made by the batch worker) as a file download. */
export function downloadBlob(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = h("a", { href: url, download: name });
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
