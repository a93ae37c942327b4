import type { Locator, Page } from 'playwright-core';

/** The agent console as an agent uses it. */
export class ConsolePage {
  constructor(readonly page: Page) {}

  async signIn(baseUrl: string, email: string, password: string): Promise<void> {
    await this.page.goto(`${baseUrl}/console`);
    await this.page.locator('input[name=email]').fill(email);
    await this.page.locator('input[name=password]').fill(password);
    await this.page.locator('.login-card button[type=submit]').click();
  }

  get loginError(): Locator {
    return this.page.locator('.form-error');
  }

  async tab(view: 'waiting' | 'mine' | 'all'): Promise<void> {
    await this.page.locator(`.tab[data-view="${view}"]`).click();
  }

  inboxItem(id: string): Locator {
    return this.page.locator(`.inbox-item[data-id="${id}"]`);
  }

  action(label: string): Locator {
    return this.page.locator('.conv-actions .btn', { hasText: label });
  }

  get input(): Locator {
    return this.page.locator('.reply-input');
  }

  /** Types a reply (or note) and presses Enter. */
  async send(text: string): Promise<void> {
    await this.input.fill(text);
    await this.input.press('Enter');
  }

  /** Transcript rows of one author. */
  messages(author: string): Locator {
    return this.page.locator(`.transcript .msg[data-author="${author}"]`);
  }

  /** Confirms the open dialog. */
  async confirm(): Promise<void> {
    await this.page.locator('.modal .btn.primary, .modal .btn.danger').click();
  }
}
