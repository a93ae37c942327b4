import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

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
