import { toSimplified, toTraditional } from '../../../src/core/text/chinese-script';

describe('chinese script conversion', () => {
  it('turns traditional text into simplified', () => {
    expect(toSimplified('這個多少錢')).toBe('这个多少钱');
  });

  it('turns simplified text into Taiwan-standard traditional', () => {
    expect(toTraditional('这个多少钱')).toBe('這個多少錢');
  });

  it('leaves Latin text and digits alone in both directions', () => {
    expect(toSimplified('Order 123')).toBe('Order 123');
    expect(toTraditional('Order 123')).toBe('Order 123');
  });
});
