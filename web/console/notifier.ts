/**
 * Tells the agent something happened while they looked elsewhere: a short beep (WebAudio, no
 * asset) and a count in the tab title, "(3) 客服工作台", cleared when the tab is looked at again.
 */
export class Notifier {
  private audio?: AudioContext;
  private unseen = 0;
  private baseTitle = document.title;
  private muted: boolean;

  constructor() {
    this.muted = readMuted();
    // Browsers only let audio start after a user gesture: prepare the context on the first one.
    const unlock = () => {
      this.context()?.resume().catch(() => undefined);
      window.removeEventListener('pointerdown', unlock);
      window.removeEventListener('keydown', unlock);
    };
    window.addEventListener('pointerdown', unlock);
    window.addEventListener('keydown', unlock);
    const seen = () => !document.hidden && document.hasFocus() && this.clear();
    window.addEventListener('focus', seen);
    document.addEventListener('visibilitychange', seen);
  }

  /** The title without the counter (the app sets it per page). */
  setTitle(title: string): void {
    this.baseTitle = title;
    this.paint();
  }

  get isMuted(): boolean {
    return this.muted;
  }

  /** Turns the beep off or on (remembered). */
  setMuted(muted: boolean): void {
    this.muted = muted;
    try {
      localStorage.setItem('kefu-console-muted', muted ? '1' : '0');
    } catch {
      // not remembered
    }
  }

  /** One event worth attention: beeps, and counts in the title unless the agent is looking. */
  notify(): void {
    this.beep();
    if (document.hidden || !document.hasFocus()) {
      this.unseen += 1;
      this.paint();
    }
  }

  /** Forgets the counted events. */
  clear(): void {
    this.unseen = 0;
    this.paint();
  }

  /** The number in the title. */
  get count(): number {
    return this.unseen;
  }

  private paint(): void {
    document.title = this.unseen ? `(${this.unseen}) ${this.baseTitle}` : this.baseTitle;
  }

  private context(): AudioContext | undefined {
    if (!this.audio && typeof AudioContext === 'function') this.audio = new AudioContext();
    return this.audio;
  }

  private beep(): void {
    if (this.muted) return;
    const ctx = this.context();
    if (!ctx || ctx.state !== 'running') return;
    const start = ctx.currentTime;
    // Two short rising tones: noticeable, not alarming.
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
}

function readMuted(): boolean {
  try {
    return localStorage.getItem('kefu-console-muted') === '1';
  } catch {
    return false;
  }
}
