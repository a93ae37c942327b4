import type { Locator, Page } from 'playwright-core';

/**
 * Types Chinese the way an input method does (Chromium's own IME path through CDP): a composition
 * of pinyin that is updated, an Enter pressed while the candidate list is open (it must not send or
 * submit), then the chosen characters committed. Leaves the committed text in the field: where a
 * click puts the caret, or at the end of what the field holds with `append`.
 */
export async function typeWithIme(page: Page, field: Locator, pinyin: string, chosen: string, options: { append?: boolean } = {}): Promise<void> {
  if (options.append) {
    await field.focus();
    await field.evaluate((el: HTMLInputElement | HTMLTextAreaElement) => el.setSelectionRange(el.value.length, el.value.length));
  } else {
    await field.click();
  }
  const cdp = await page.context().newCDPSession(page);
  try {
    for (let i = 1; i <= pinyin.length; i++) {
      const text = pinyin.slice(0, i);
      await cdp.send('Input.imeSetComposition', { text, selectionStart: text.length, selectionEnd: text.length });
    }
    // The Enter that confirms a candidate arrives as keyCode 229 while composing.
    await cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 229, nativeVirtualKeyCode: 229 });
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 229, nativeVirtualKeyCode: 229 });
    await cdp.send('Input.insertText', { text: chosen });
  } finally {
    await cdp.detach();
  }
}

/**
 * Records the desktop notifications and sounds a page makes (the real Notification and AudioContext
 * still run): `window.__notes` holds each notification's title and body, `window.__beeps` counts
 * oscillators started.
 */
export async function recordAttention(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __notes: { title: string; body?: string }[]; __beeps: number };
    w.__notes = [];
    w.__beeps = 0;
    const Real = window.Notification;
    if (Real) {
      const Recorded = function (this: Notification, title: string, options?: NotificationOptions) {
        w.__notes.push({ title, body: options?.body });
        return new Real(title, options);
      } as unknown as typeof Notification;
      Object.defineProperty(Recorded, 'permission', { get: () => Real.permission });
      Recorded.requestPermission = Real.requestPermission.bind(Real);
      window.Notification = Recorded;
    }
    const start = OscillatorNode.prototype.start;
    OscillatorNode.prototype.start = function (this: OscillatorNode, ...args: Parameters<OscillatorNode['start']>) {
      w.__beeps += 1;
      return start.apply(this, args);
    };
  });
}

/** What recordAttention saw so far. */
export async function attention(page: Page): Promise<{ notes: { title: string; body?: string }[]; beeps: number }> {
  return page.evaluate(() => {
    const w = window as unknown as { __notes: { title: string; body?: string }[]; __beeps: number };
    return { notes: w.__notes, beeps: w.__beeps };
  });
}

/** Whether the page scrolls sideways (a layout that breaks on a phone). */
export async function overflowsSideways(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
}
