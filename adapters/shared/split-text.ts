/**
 * Splits long replies for platforms with a length limit (WeCom/Official Account 2048 UTF-8 bytes,
 * Telegram 4096 characters). Never cuts inside a character or an emoji sequence, and prefers to cut
 * after a line break when one is in the second half of the chunk.
 */

/** How a platform counts: UTF-8 bytes (WeChat) or UTF-16 code units (Telegram, JavaScript length). */
export type TextMeasure = 'utf8-bytes' | 'utf16-units';

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Chunks whose concatenation is `text`, each within `limit`; `[]` for an empty text. */
export function splitText(text: string, limit: number, measure: TextMeasure): string[] {
  if (!Number.isInteger(limit) || limit < 4) throw new RangeError('limit must be an integer of at least 4');
  const size = measure === 'utf8-bytes' ? (part: string) => Buffer.byteLength(part, 'utf8') : (part: string) => part.length;
  const chunks: string[] = [];
  let current = '';
  let currentSize = 0;
  // Where the last line break in `current` ends, to cut there rather than mid-line.
  let breakAt = -1;
  let breakSize = 0;

  for (const { segment } of graphemes.segment(text)) {
    // A grapheme larger than the limit (a long combining sequence) is cut between code points.
    for (const piece of size(segment) > limit ? Array.from(segment) : [segment]) {
      const pieceSize = size(piece);
      if (currentSize + pieceSize > limit) {
        if (breakAt > 0 && breakSize >= limit / 2) {
          chunks.push(current.slice(0, breakAt));
          current = current.slice(breakAt);
          currentSize -= breakSize;
        }
        // What follows the line break may still leave no room for this piece.
        if (currentSize + pieceSize > limit && current !== '') {
          chunks.push(current);
          current = '';
          currentSize = 0;
        }
        breakAt = -1;
      }
      current += piece;
      currentSize += pieceSize;
      if (piece.endsWith('\n')) {
        breakAt = current.length;
        breakSize = currentSize;
      }
    }
  }
  if (current !== '') chunks.push(current);
  return chunks;
}
