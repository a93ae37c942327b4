import fc from 'fast-check';
import { splitText, type TextMeasure } from '../../../adapters/shared/split-text';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

describe('splitText', () => {
  it('leaves a short text whole and returns nothing for an empty one', () => {
    expect(splitText('你好', 2048, 'utf8-bytes')).toEqual(['你好']);
    expect(splitText('', 2048, 'utf8-bytes')).toEqual([]);
  });

  it('cuts Chinese text on character boundaries within 2048 bytes', () => {
    const text = '订'.repeat(1000); // 3000 bytes
    const chunks = splitText(text, 2048, 'utf8-bytes');
    expect(chunks.map(bytes)).toEqual([2046, 954]);
    expect(chunks.join('')).toBe(text);
  });

  it('never separates an emoji sequence or a surrogate pair', () => {
    const family = '👨‍👩‍👧'; // 18 UTF-8 bytes, 8 UTF-16 units
    const chunks = splitText(`a${family}${family}`, 20, 'utf8-bytes');
    expect(chunks).toEqual([`a${family}`, family]);
    expect(splitText('😀😀😀', 5, 'utf16-units')).toEqual(['😀😀', '😀']);
  });

  it('prefers to cut after a line break in the second half of the chunk', () => {
    expect(splitText('aaaaaa\nbbbbbb', 10, 'utf16-units')).toEqual(['aaaaaa\n', 'bbbbbb']);
    // A break too early in the chunk would waste most of it: cut at the limit instead.
    expect(splitText('a\nbbbbbbbbbbbb', 10, 'utf16-units')).toEqual(['a\nbbbbbbbb', 'bbbb']);
  });

  it('still cuts when what follows the line break leaves no room (found by fast-check)', () => {
    expect(splitText('\n𐀀\né👨‍👩‍👧', 8, 'utf16-units')).toEqual(['\n𐀀\n', 'é', '👨‍👩‍👧']);
  });

  it('refuses a limit too small to hold any character', () => {
    expect(() => splitText('x', 3, 'utf8-bytes')).toThrow(RangeError);
  });

  it('always returns well-formed chunks within the limit that join to the input', () => {
    const measures: Record<TextMeasure, (text: string) => number> = { 'utf8-bytes': bytes, 'utf16-units': (text) => text.length };
    fc.assert(
      fc.property(
        fc.string({ unit: fc.oneof(fc.constantFrom('\n', '👨‍👩‍👧', '订', 'e\u0301'), fc.string({ unit: 'grapheme', maxLength: 1 })), maxLength: 200 }),
        fc.integer({ min: 4, max: 40 }),
        fc.constantFrom<TextMeasure>('utf8-bytes', 'utf16-units'),
        (text, limit, measure) => {
          const chunks = splitText(text, limit, measure);
          expect(chunks.join('')).toBe(text);
          for (const chunk of chunks) {
            expect(chunk.length).toBeGreaterThan(0);
            expect(measures[measure](chunk)).toBeLessThanOrEqual(limit);
            expect(chunk).not.toMatch(LONE_SURROGATE);
          }
        },
      ),
      // More runs than the default: the case above took several hundred to turn up.
      { numRuns: 2000 },
    );
  });
});
