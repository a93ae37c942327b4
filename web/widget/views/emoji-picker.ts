import { h } from '../../shared/dom';
import type { Translate } from '../i18n';
import { widgetIcon } from './icons';

/** The emoji customers use most with a service desk; the screen reader names each one itself. */
const EMOJI = '😀 😊 🙂 😂 😉 😍 🥰 😘 😅 🤔 😮 😢 😭 😡 😷 🤗 🙏 👍 👎 👌 👏 🤝 💪 ✌️ ❤️ 💔 🌹 🎉 🎁 ☕ ⭐ 🔥 ✅ ❌ ❓ ❗ 💯 🌸 ☀️ 🌙 🏠 📦 🚚 📞 💰 ⏰ 👋 😴'.split(' ');

/** The emoji button of the composer and its popup grid. */
export interface EmojiPicker {
  /** The toggle button (goes into the composer's tool row). */
  button: HTMLButtonElement;
  /** The popup, positioned above the composer. */
  popup: HTMLElement;
  close(returnFocus: boolean): void;
}

/**
 * A small emoji grid (no dependency): the button opens it with focus on the first emoji; arrow
 * keys, Home and End move; Enter or a click inserts; Escape or Tab away closes it.
 */
export function createEmojiPicker(t: Translate, onPick: (emoji: string) => void): EmojiPicker {
  const cells: HTMLButtonElement[] = [];
  const popup = h('div', { class: 'kf-emoji', role: 'dialog', 'aria-label': t('emoji'), hidden: true });
  const button = h('button', { type: 'button', class: 'kf-tool', 'aria-label': t('emoji'), title: t('emoji'), 'aria-expanded': 'false', 'aria-haspopup': 'dialog' }, widgetIcon('smile'));
  let current = 0;

  const moveTo = (i: number) => {
    cells[current].tabIndex = -1;
    current = Math.max(0, Math.min(cells.length - 1, i));
    cells[current].tabIndex = 0;
    cells[current].focus();
  };
  const open = () => {
    popup.hidden = false;
    button.setAttribute('aria-expanded', 'true');
    moveTo(current);
  };
  const close = (returnFocus: boolean) => {
    if (popup.hidden) return;
    popup.hidden = true;
    button.setAttribute('aria-expanded', 'false');
    if (returnFocus) button.focus();
  };

  EMOJI.forEach((emoji, i) => {
    const cell = h('button', { type: 'button', class: 'kf-emoji-cell', text: emoji, tabindex: i === 0 ? '0' : '-1' });
    cell.addEventListener('click', () => {
      close(false);
      onPick(emoji);
    });
    cells.push(cell);
  });
  const grid = h('div', { class: 'kf-emoji-grid', role: 'group', 'aria-label': t('emoji') }, ...cells);
  popup.append(grid);

  button.addEventListener('click', () => (popup.hidden ? open() : close(false)));
  popup.addEventListener('keydown', (ev) => {
    // Phones fit fewer 44 px columns: a row is as long as the grid lays it out.
    const columns = getComputedStyle(grid).gridTemplateColumns.split(' ').length;
    const step: Record<string, number> = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: columns, ArrowUp: -columns, Home: -cells.length, End: cells.length };
    if (ev.key in step) {
      ev.preventDefault();
      moveTo(current + step[ev.key]);
    } else if (ev.key === 'Escape') {
      ev.preventDefault();
      ev.stopPropagation(); // closes the picker, not the chat
      close(true);
    }
  });
  const leaving = (ev: FocusEvent) => {
    const next = ev.relatedTarget as Node | null;
    if (next && (popup.contains(next) || next === button)) return;
    close(false);
  };
  popup.addEventListener('focusout', leaving);
  button.addEventListener('focusout', leaving);
  return { button, popup, close };
}
