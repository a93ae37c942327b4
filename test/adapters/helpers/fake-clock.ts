/** A clock whose sleep records the delay and moves time forward at once: no real waiting. */
export class FakeClock {
  time = 1_700_000_000_000;
  readonly sleeps: number[] = [];

  readonly now = (): number => this.time;

  readonly sleep = async (ms: number): Promise<void> => {
    this.sleeps.push(ms);
    this.time += ms;
  };

  advance(ms: number): void {
    this.time += ms;
  }
}
