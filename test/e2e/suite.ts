/**
 * The set-up every explorer end-to-end file shares: before all, the site built and Chromium launched; after
 * each test, the page it opened closed and the browser's problems (console errors, uncaught exceptions, CSP
 * violations, requests that left the page) expected to be none; after all, the browser closed.
 */
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import { buildSite, launch, type Browser } from "./browser.js";

/** What a test file uses: the site's URL, the browser, and `open` for a page of the site at a route. */
export interface Explorer {
  /** The built page's file:// URL (routes are hashes after it). */
  readonly url: string;
  readonly browser: Browser;
  /** Opens a new page at `url + hash` and waits until the route is drawn; it is closed after the test. */
  open(hash: string): Promise<Page>;
}

/** Registers the hooks in the calling file and returns its explorer (usable from the tests on). */
export function explorerSuite(setupTimeout = 180_000): Explorer {
  let url: string | undefined;
  let browser: Browser | undefined;
  let page: Page | undefined;

  beforeAll(async () => {
    url = buildSite();
    browser = await launch();
  }, setupTimeout);

  afterAll(async () => {
    await browser?.close();
  });

  afterEach(async () => {
    await page?.close();
    page = undefined;
    const problems = browser?.problems.splice(0) ?? [];
    expect(problems, "the page logged errors, broke its CSP or made requests").toEqual([]);
  });

  const ready = <T>(v: T | undefined, what: string): T => {
    if (v === undefined) throw new Error(`the explorer's ${what} is set up in beforeAll: use it from a test or a hook`);
    return v;
  };
  return {
    get url() {
      return ready(url, "URL");
    },
    get browser() {
      return ready(browser, "browser");
    },
    async open(hash: string): Promise<Page> {
      page = await ready(browser, "browser").context.newPage();
      await page.goto(`${ready(url, "URL")}${hash}`);
      await page.waitForSelector("main#main > *");
      return page;
    },
  };
}
