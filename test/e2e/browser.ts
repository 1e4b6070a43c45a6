/**
 * Headless Chromium for the explorer's end-to-end tests: Debian's /usr/bin/chromium driven by
 * playwright-core, a fresh profile per run, and the built page opened from a file:// URL.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
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
