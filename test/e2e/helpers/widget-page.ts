import type { Locator, Page } from 'playwright-core';

/** The website widget as a customer uses it (playwright's CSS pierces its open shadow root). */
export class WidgetPage {
  constructor(readonly page: Page) {}

  get panel(): Locator {
    return this.page.locator('.kf-panel');
  }

  /** Transcript bubbles of one author ('customer', 'bot', 'agent'). */
  bubbles(author: string): Locator {
    return this.page.locator(`.kf-row[data-author="${author}"] .kf-bubble`);
  }

  async open(): Promise<void> {
    await this.page.locator('.kf-launcher').click();
    await this.panel.waitFor();
  }

  async say(text: string): Promise<void> {
    await this.page.locator('.kf-input').fill(text);
    await this.page.locator('.kf-input').press('Enter');
  }

  async choose(label: string): Promise<void> {
    await this.page.locator('.kf-chip', { hasText: label }).last().click();
  }

  /** The stored visitor session (conversationId, token) of this browser. */
  async session(baseUrl: string): Promise<{ conversationId: string; token: string }> {
    const raw = await this.page.evaluate((key) => localStorage.getItem(key), `kefu-widget:${baseUrl}`);
    return JSON.parse(raw ?? '{}').session;
  }

  async subtitle(): Promise<string> {
    return (await this.page.locator('.kf-subtitle').textContent()) ?? '';
  }

  /** Waits until a bubble of `author` contains `text`. */
  async waitFor(author: string, text: string, timeout = 15000): Promise<Locator> {
    const bubble = this.bubbles(author).filter({ hasText: text }).last();
    await bubble.waitFor({ timeout });
    return bubble;
  }

  /** Rates the closed chat: the overall score, the dimensions given, and a comment; waits for the thanks. */
  async rate(scores: { overall: number; attitude?: number; speed?: number; resolution?: number }, comment?: string): Promise<void> {
    const form = this.page.locator('.kf-rating');
    await form.waitFor({ timeout: 15000 });
    for (const [score, value] of Object.entries(scores)) {
      if (value) await form.locator(`[data-score="${score}"] [data-value="${value}"]`).click();
    }
    if (comment) await form.locator('textarea').fill(comment);
    await form.locator('button[type=submit]').click();
    await this.page.locator('.kf-note').first().waitFor({ timeout: 15000 });
  }
}
