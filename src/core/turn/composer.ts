/** A step of the turn: does its part, then calls `next` to let the later steps run (or not). */
export type Middleware<C> = (ctx: C, next: () => Promise<void>) => Promise<void> | void;

/**
 * Runs middleware in order, each deciding whether the rest runs (grammY's Composer, in small):
 * a step that handles the message does not call `next`.
 */
export function compose<C>(middleware: Middleware<C>[]): (ctx: C) => Promise<void> {
  return async (ctx) => {
    let last = -1;
    const run = async (i: number): Promise<void> => {
      if (i <= last) throw new Error('next() called twice in one middleware');
      last = i;
      const step = middleware[i];
      if (step) await step(ctx, () => run(i + 1));
    };
    await run(0);
  };
}
