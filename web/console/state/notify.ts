import { signal } from '@preact/signals';
import { t } from '../i18n';
import { ApiError } from '../../shared/http';

/** A message at the bottom of the screen; `action` is a button (e.g. open the chat). */
export interface Toast {
  id: number;
  text: string;
  kind: 'info' | 'error' | 'alert';
  action?: { label: string; run(): void };
}

export const toasts = signal<Toast[]>([]);
let nextId = 1;

/** Shows a toast for a few seconds (alerts stay longer). */
export function toast(text: string, kind: Toast['kind'] = 'info', action?: Toast['action']): void {
  const id = nextId++;
  toasts.value = [...toasts.value.slice(-3), { id, text, kind, action }];
  setTimeout(() => dismiss(id), kind === 'alert' ? 12_000 : kind === 'error' ? 8000 : 4000);
}

export function dismiss(id: number): void {
  toasts.value = toasts.value.filter((x) => x.id !== id);
}

/** What a failed request means to the agent. */
export function reason(err: unknown): string {
  if (err instanceof ApiError) return err.isNetwork ? t('error.network') : err.message;
  return err instanceof Error ? err.message : String(err);
}

/** A failed action as an error toast. */
export function failed(err: unknown): void {
  toast(t('error.action', { error: reason(err) }), 'error');
}

const MUTED_KEY = 'kefu-console-muted';
function readMuted(): boolean {
  try {
    return localStorage.getItem(MUTED_KEY) === '1';
  } catch {
    return false;
  }
}

export const muted = signal(readMuted());
export function setMuted(value: boolean): void {
  muted.value = value;
  try {
    localStorage.setItem(MUTED_KEY, value ? '1' : '0');
  } catch {
    // not remembered
  }
}

let audio: AudioContext | undefined;
function context(): AudioContext | undefined {
  if (!audio && typeof AudioContext === 'function') audio = new AudioContext();
  return audio;
}
// Browsers let audio start only after a gesture: prepare the context on the first one.
const unlock = () => {
  context()?.resume().catch(() => undefined);
  window.removeEventListener('pointerdown', unlock);
  window.removeEventListener('keydown', unlock);
};
window.addEventListener('pointerdown', unlock);
window.addEventListener('keydown', unlock);

/** Two short rising tones (WebAudio, no asset): noticeable, not alarming. */
export function beep(): void {
  const ctx = context();
  if (muted.value || !ctx || ctx.state !== 'running') return;
  const start = ctx.currentTime;
  [880, 1320].forEach((freq, i) => {
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = 'sine';
    osc.frequency.value = freq;
    const t0 = start + i * 0.16;
    gain.gain.setValueAtTime(0.0001, t0);
    gain.gain.exponentialRampToValueAtTime(0.18, t0 + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, t0 + 0.14);
    osc.connect(gain).connect(ctx.destination);
    osc.start(t0);
    osc.stop(t0 + 0.15);
  });
}

/** Desktop notifications: the browser's permission, asked for on a click (browsers require one). */
export const desktopPermission = signal<NotificationPermission | 'unsupported'>(typeof Notification === 'function' ? Notification.permission : 'unsupported');

export async function askDesktopPermission(): Promise<void> {
  if (typeof Notification !== 'function' || Notification.permission !== 'default') return;
  desktopPermission.value = await Notification.requestPermission();
}

/** A desktop notification (when allowed); a click brings the console forward and runs `onClick`. */
export function desktopNotify(title: string, body: string, tag: string, onClick: () => void): void {
  if (typeof Notification !== 'function' || Notification.permission !== 'granted') return;
  const n = new Notification(title, { body, tag, icon: undefined, requireInteraction: false });
  n.onclick = () => {
    window.focus();
    onClick();
    n.close();
  };
}

/** Events the agent has not looked at yet, counted in the tab title: "(3) 客服工作台". */
const unseen = signal(0);
export function countUnseen(): void {
  if (document.hidden || !document.hasFocus()) unseen.value += 1;
}
const seen = () => {
  if (!document.hidden && document.hasFocus()) unseen.value = 0;
};
window.addEventListener('focus', seen);
document.addEventListener('visibilitychange', seen);

/** The tab title for a page title. */
export function titleWith(base: string): string {
  return unseen.value ? `(${unseen.value}) ${base}` : base;
}
