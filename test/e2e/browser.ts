/**
 * Headless Chromium for the explorer's end-to-end tests: Debian's /usr/bin/chromium driven by
 * playwright-core, a fresh profile per run, and the built page opened from a file:// URL.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { extname, join, normalize, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { ROOT } from "../helpers.js";

export const CHROMIUM = "/usr/bin/chromium";
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export const SITE = join(ROOT, "docs", "explorer", "dist");
export const SCREENSHOTS = join(ROOT, "test", ".tmp", "screenshots");
export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

/** Today as the page's browser (time zone Asia/Ho_Chi_Minh) sees it: the date decided by default. */
export const todayInVietnam = (): string =>
  new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());

/** Builds the explorer exactly as `npm run site` does (the library's dist/ must be built: `npm test` does that first). */
export function buildSite(): string {
  if (!existsSync(join(ROOT, "dist", "index.js"))) throw new Error("dist/ is missing: run `npm run build` first (`npm test` and `npm run e2e` do)");
  execFileSync(
    process.execPath,
    [join(ROOT, "node_modules", "vite", "bin", "vite.js"), "build", "--config", "docs/explorer/vite.config.ts", "--logLevel", "warn"],
    {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: "production" },
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  return pathToFileURL(join(SITE, "index.html")).href;
}

/** A browser with a fresh profile, and what went wrong in its pages. */
export interface Browser {
  readonly context: BrowserContext;
  /** Console errors, uncaught exceptions, CSP violations and requests that left file://, blob: and data:. */
  readonly problems: string[];
  close(): Promise<void>;
}

export async function launch(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `The end-to-end tests drive Debian's Chromium at ${CHROMIUM}, which is not installed. Install it with \`apt-get install -y chromium\` (as root), then run the tests again.`,
    );
  const profile = mkdtempSync(join(tmpdir(), "tieuchi-e2e-profile-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: DESKTOP,
    acceptDownloads: true,
    timezoneId: "Asia/Ho_Chi_Minh",
  });
  const problems: string[] = [];
  // A violation is reported even when the page catches the error that caused it (zod's eval probe would be).
  // (A string: this runs in the page, and the tests' TypeScript has no DOM types.)
  await context.addInitScript({
    content:
      // biome-ignore lint/suspicious/noTemplateCurlyInString: page script source, whose template literal runs in the browser.
      'document.addEventListener("securitypolicyviolation", (e) => console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || "(inline)"}`));',
  });
  context.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") problems.push(`console ${m.type()}: ${m.text()}`);
  });
  context.on("weberror", (e) => problems.push(`uncaught: ${e.error().message}`));
  context.on("request", (r) => {
    const url = r.url();
    if (!/^(file|blob|data):/.test(url) && !url.startsWith("http://127.0.0.1:")) problems.push(`request left the page: ${url}`);
  });
  return {
    context,
    problems,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Full-page screenshots at desktop and phone width: test/.tmp/screenshots/<name>-desktop.png and -phone.png. */
export async function screenshots(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  for (const [label, size] of [
    ["desktop", DESKTOP],
    ["phone", PHONE],
  ] as const) {
    await page.setViewportSize(size);
    await page.screenshot({ path: join(SCREENSHOTS, `${name}-${label}.png`), fullPage: true });
  }
  await page.setViewportSize(DESKTOP);
}

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css",
  ".json": "application/json",
};

/**
 * Serves a folder over HTTP on a free local port with `Content-Security-Policy: default-src 'self'; script-src
 * <scriptSrc>`. Only files inside the folder are served; Chromium's own icon request gets an empty answer.
 */
export async function serveFolder(dir: string, scriptSrc = "'self'"): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    // Chromium asks for an icon on its own, whatever the page says: not the page's request, not a problem of it.
    if (pathname === "/favicon.ico") {
      res.writeHead(204).end();
      return;
    }
    const path = normalize(join(dir, pathname));
    const file = path.endsWith("/") ? join(path, "index.html") : path;
    if (relative(dir, file).startsWith("..") || !existsSync(file) || statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      "content-type": CONTENT_TYPES[extname(file)] ?? "application/octet-stream",
      "content-security-policy": `default-src 'self'; script-src ${scriptSrc}`,
    });
    res.end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server };
}

/**
 * Opens a served folder's page in Chromium and waits until `selector` shows text: that text, and what went wrong
 * (console errors, CSP violations, outside requests). Browser and server are closed after.
 */
export async function textOfServedPage(dir: string, selector: string, scriptSrc = "'self'"): Promise<{ text: string; problems: string[] }> {
  const { url, server } = await serveFolder(dir, scriptSrc);
  const browser = await launch();
  try {
    const page = await browser.context.newPage();
    await page.goto(url);
    await page.waitForFunction(
      (s) =>
        (globalThis as unknown as { document: { querySelector(s: string): { textContent: string } | null } }).document.querySelector(s)?.textContent !== "",
      selector,
      { timeout: 60_000 },
    );
    // A violation report is an event after the fact: give it a moment to arrive.
    await page.waitForTimeout(500);
    return { text: (await page.textContent(selector)) ?? "", problems: [...browser.problems] };
  } finally {
    await browser.close();
    server.close();
  }
}
