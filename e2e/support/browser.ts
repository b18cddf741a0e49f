import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
} from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { expect } from 'vitest';
import { startServer, type RunningServer } from './server.js';

/** Headless Debian Chromium, with the flags this sandbox needs (no background networking). */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      '--disable-dev-shm-usage',
    ],
  });
}

export const phone = { width: 360, height: 740 };
export const desktop = { width: 1280, height: 800 };

/** Fails on any serious or critical axe-core violation, naming each one. */
export async function expectAccessible(page: Page, label: string) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  const bad = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
  expect(bad, `accessibility violations on ${label}`).toEqual([]);
}

/** Collects Content-Security-Policy violations and page errors, which must stay empty. */
export function watchForProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error' && /Content Security Policy|Refused to/i.test(msg.text()))
      problems.push(msg.text());
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  return problems;
}

export interface OpenApp {
  server: RunningServer;
  page: Page;
  context: BrowserContext;
  /** Stops browser and server, then fails if any page broke the CSP or threw. */
  close(): Promise<void>;
}

/**
 * A fresh Steward and a browser page on it, at a viewport; problems are checked on close.
 * `serverEnv` adds to (or overrides) the server's environment.
 */
export async function openApp(
  options: BrowserContextOptions,
  serverEnv?: Record<string, string>,
): Promise<OpenApp> {
  const server = await startServer(serverEnv ? { env: serverEnv } : {});
  const browser = await launchBrowser();
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const problems = watchForProblems(page);
  return {
    server,
    page,
    context,
    async close() {
      await browser.close();
      await server.stop();
      expect(problems, 'CSP violations or page errors').toEqual([]);
    },
  };
}
