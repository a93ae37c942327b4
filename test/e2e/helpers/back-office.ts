import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createUser } from '../../../src/domain/user/user.service';
import { SYSTEM } from '../../../src/domain/audit/audit.service';
import type { Role } from '../../../src/domain/user/user.model';
import { watchErrors } from './browser';
import { ConsolePage } from './console-page';

/** Browser contexts of one test file, closed together; page errors collected for the afterEach check. */
export class Contexts {
  readonly all: BrowserContext[] = [];
  readonly errors: string[][] = [];
  constructor(private readonly browser: () => Browser) {}

  /**
   * A signed-in console in its own context, in `locale` (the console's language choice is set
   * before load); `timezoneId` is the browser's time zone (the machine's when not given).
   */
  async console(baseUrl: string, user: { email: string; password: string }, locale = 'zh-CN', viewport = { width: 1440, height: 900 }, timezoneId?: string): Promise<ConsolePage> {
    const context = await this.browser().newContext({ locale, viewport, acceptDownloads: true, ...(timezoneId ? { timezoneId } : {}) });
    this.all.push(context);
    await context.addInitScript((l) => localStorage.setItem('kefu-console-locale', l), locale);
    const page = await context.newPage();
    // The machine is shared: a step may take longer than playwright's 30 s when it is busy.
    page.setDefaultTimeout(60_000);
    this.errors.push(watchErrors(page, `${user.email}`));
    const c = new ConsolePage(page);
    await c.signIn(baseUrl, user.email, user.password);
    await page.locator('.topbar').waitFor();
    return c;
  }

  async page(label: string): Promise<Page> {
    const context = await this.browser().newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 860 } });
    this.all.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(60_000);
    this.errors.push(watchErrors(page, label));
    return page;
  }

  async close(): Promise<void> {
    for (const c of this.all) await c.close().catch(() => undefined);
  }
}

/** A console user made directly in the database (the users page has its own tests). */
export async function consoleUser(name: string, role: Role, email: string) {
  const password = `${role}-password-1`;
  const user = await createUser({ email, name, role, password }, SYSTEM);
  return { id: String(user._id), email, password, name, agentNumber: user.agentNumber };
}

/** Opens a back-office page by its hash (`#/complaints/<id>`). */
export async function openPage(page: Page, hash: string): Promise<void> {
  await page.evaluate((h) => (location.hash = h), hash);
}
