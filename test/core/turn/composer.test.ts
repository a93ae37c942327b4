import { compose, type Middleware } from '../../../src/core/turn/composer';

describe('the turn pipeline', () => {
  it('runs middleware in order until one handles the turn without calling next', async () => {
    const seen: string[] = [];
    const step = (name: string, handles = false): Middleware<string[]> => async (ctx, next) => {
      ctx.push(name);
      if (!handles) await next();
    };
    await compose([step('locale'), step('intent'), step('flow', true), step('fallback')])(seen);
    expect(seen).toEqual(['locale', 'intent', 'flow']);
  });

  it('lets a middleware act after the later ones have run, and refuses next() twice', async () => {
    const seen: string[] = [];
    await compose<string[]>([async (ctx, next) => { await next(); ctx.push('after'); }, (ctx) => void ctx.push('inner')])(seen);
    expect(seen).toEqual(['inner', 'after']);
    await expect(compose<string[]>([async (_ctx, next) => { await next(); await next(); }])([])).rejects.toThrow('next() called twice');
  });
});
