import type { Browser, BrowserContext, Cookie, Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { expect } from 'vitest';
import { desktop } from './browser.js';

/** Anyone with session cookies a browser context can take over (an API client). */
export interface SignedIn {
  cookies(): Promise<Cookie[]>;
}

/**
 * Browser contexts for several people on one server, each page watched for page errors, console
 * errors, failed requests and error answers. `problems` collects them; a test expects it empty.
 */
export class People {
  readonly problems: string[] = [];
  private readonly contexts: BrowserContext[] = [];

  constructor(private readonly browser: Browser) {}

  /**
   * A context of its own for someone (signed in with their API session's cookies, or signed
   * out), at a viewport, with one watched page. `allowStatuses`: error answers the test expects;
   * `touch`: a touch screen, for taps (not a mobile viewport, which would widen itself to fit a
   * page that is too wide and hide it from the sideways-scroll check).
   */
  async page(
    client: SignedIn | null,
    viewport = desktop,
    opts: { allowStatuses?: number[]; touch?: boolean } = {},
  ): Promise<Page> {
    const context = await this.browser.newContext({
      viewport,
      acceptDownloads: true,
      ...(opts.touch ? { hasTouch: true } : {}),
    });
    this.contexts.push(context);
    if (client) await context.addCookies(await client.cookies());
    const page = await context.newPage();
    this.watch(page, opts.allowStatuses ?? []);
    return page;
  }

  private watch(page: Page, allowStatuses: number[]) {
    const allowed = (text: string) => allowStatuses.some((s) => text.includes(`status of ${s}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error' && !allowed(msg.text()))
        this.problems.push(`console: ${msg.text()}`);
    });
    page.on('pageerror', (error) => this.problems.push(`page error: ${error.message}`));
    page.on('requestfailed', (req) => {
      const failure = req.failure()?.errorText ?? '';
      // A download, or a request a navigation replaced (an open event stream), is not a failure.
      if (!/ERR_ABORTED/.test(failure))
        this.problems.push(`request failed: ${req.method()} ${req.url()} ${failure}`);
    });
    page.on('response', (res) => {
      if (res.status() >= 400 && !allowStatuses.includes(res.status()))
        this.problems.push(`${res.status()} ${res.request().method()} ${res.url()}`);
    });
  }

  async close() {
    for (const context of this.contexts) await context.close();
  }
}

/** The page's level-one heading with this name. */
export const heading = (page: Page, name: string | RegExp) =>
  page.getByRole('heading', { level: 1, name });

/** The page never scrolls sideways. */
export async function expectNoSidewaysScroll(page: Page, label: string) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  if (scrollWidth > innerWidth) {
    // Name the widest elements, the ones to fix.
    const wide = await page.evaluate(() =>
      [...document.querySelectorAll('body *')]
        .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
        .slice(0, 8)
        .map(
          (e) =>
            `${e.tagName.toLowerCase()}.${e.className} (${Math.round(e.getBoundingClientRect().right)})`,
        ),
    );
    expect.fail(`${label} scrolls sideways: ${scrollWidth} > ${innerWidth}; ${wide.join(', ')}`);
  }
}

/**
 * The open dialog passes axe-core. Only the dialog: the page behind it is inert and dimmed by
 * the overlay, which axe would count as low contrast (WCAG exempts inactive content).
 */
export async function expectDialogAccessible(page: Page, label: string) {
  // Colours are measured once the dialog has finished coming in.
  await page.waitForFunction(() =>
    document.getAnimations().every((a) => a.playState !== 'running'),
  );
  await page.waitForTimeout(250);
  const results = await new AxeBuilder({ page })
    .include('[role="dialog"]')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  const bad = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(bad, `accessibility violations on ${label}`).toEqual([]);
}
