/** Where the keyboard focus should go at the next redraw. */
export type FocusTarget = 'panel' | 'launcher';

/** The elements focus moves between. */
export interface FocusParts {
  root: HTMLElement;
  launcher: HTMLElement;
  panel: HTMLElement;
  input: HTMLTextAreaElement;
  /** Where the pre-chat form, the rating and the notes appear. */
  cards: HTMLElement;
}

/**
 * Keeps the keyboard in the widget: on open focus goes to the input (to the pre-chat form or the
 * panel while the chat starts, then on to the input), on close back to the launcher, and when a
 * part with the focus goes away (the composer when the chat ends, a card replaced) to the next
 * useful control instead of falling to the host page.
 */
export class FocusPlan {
  private wanted?: FocusTarget;

  constructor(private readonly parts: FocusParts) {}

  /** Asks for focus at the next `place()`. */
  want(target: FocusTarget): void {
    this.wanted = target;
  }

  /** Whether the focused element is inside `el`. */
  has(el: HTMLElement): boolean {
    const active = (el.getRootNode() as ShadowRoot | Document).activeElement;
    return !!active && el.contains(active);
  }

  /** Moves the focus if asked for; `inputReady` says whether the composer can take it. */
  place(open: boolean, inputReady: boolean): void {
    const { launcher, panel, input, cards, root } = this.parts;
    if (this.wanted === 'launcher') {
      this.wanted = undefined;
      launcher.focus({ preventScroll: true });
      return;
    }
    if (this.wanted !== 'panel' || !open) return;
    const active = (root.getRootNode() as ShadowRoot | Document).activeElement as HTMLElement | null;
    const stale = !active || active === launcher || active === panel || !active.isConnected || !!active.closest('[hidden]');
    if (!stale) {
      this.wanted = undefined; // the customer moved on by themselves
      return;
    }
    if (inputReady) {
      this.wanted = undefined;
      input.focus({ preventScroll: true });
      return;
    }
    const control = cards.querySelector<HTMLElement>('input, textarea, button:not([tabindex="-1"])');
    (control ?? panel).focus({ preventScroll: true });
    if (control) this.wanted = undefined;
  }
}
