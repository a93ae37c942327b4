import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';

/** Where UI tests keep their screenshots (git-ignored). */
export const ARTIFACTS = path.resolve(__dirname, '../../../test-artifacts/e2e');

/** Debian's Chromium, headless; `npx playwright install` is not available here. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Saves a screenshot as test-artifacts/e2e/<name>.png. */
export async function snap(page: Page, name: string): Promise<void> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });
}

/** Collects uncaught page errors, dialogs (alert!) and server errors (5xx) so a test can assert there were none. */
export function watchErrors(page: Page, label: string): string[] {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(`${label} pageerror: ${err.message}`));
  page.on('response', (res) => {
    if (res.status() >= 500) errors.push(`${label} ${res.status()} from ${res.request().method()} ${new URL(res.url()).pathname}`);
  });
  page.on('dialog', (dialog) => {
    errors.push(`${label} unexpected dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  return errors;
}

/**
 * The browser of a test file: one Chromium, each page in a context of its own (its own cookies,
 * storage and network), every page's errors collected, everything closed at the end.
 */
export class BrowserPages {
  private browser?: Browser;
  private readonly contexts: BrowserContext[] = [];
  private readonly errors: string[][] = [];

  async launch(): Promise<void> {
    this.browser = await launchChromium();
  }

  /** A page in a context of its own, with the context (to take it offline, to route its requests). */
  async open(label: string, options: BrowserContextOptions = {}): Promise<{ page: Page; context: BrowserContext }> {
    if (!this.browser) throw new Error('BrowserPages.launch() has not run');
    const context = await this.browser.newContext(options);
    this.contexts.push(context);
    const page = await context.newPage();
    this.errors.push(watchErrors(page, label));
    return { page, context };
  }

  async newPage(label: string, options: BrowserContextOptions = {}): Promise<Page> {
    return (await this.open(label, options)).page;
  }

  /** What every page reported so far (uncaught errors, dialogs, 5xx answers). */
  seenErrors(): string[] {
    return this.errors.flat();
  }

  async close(): Promise<void> {
    for (const c of this.contexts) await c.close().catch(() => undefined);
    await this.browser?.close().catch(() => undefined);
  }
}
