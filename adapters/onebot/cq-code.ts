/**
 * OneBot v11 messages: a CQ-code string (`你好[CQ:at,qq=123]`) or an array of segments, depending on
 * the implementation's configuration. Both are normalised to segments.
 */

/** One message segment; values are strings as in the CQ-code form (arrays may carry numbers). */
export interface Segment {
  type: string;
  data: Record<string, string>;
}

const TEXT_ESCAPES: Record<string, string> = { '&': '&amp;', '[': '&#91;', ']': '&#93;' };
const VALUE_ESCAPES: Record<string, string> = { ...TEXT_ESCAPES, ',': '&#44;' };
const TEXT_UNESCAPES: Record<string, string> = { '&amp;': '&', '&#91;': '[', '&#93;': ']' };
const VALUE_UNESCAPES: Record<string, string> = { ...TEXT_UNESCAPES, '&#44;': ',' };
const CQ_TYPE = /^[A-Za-z0-9_.-]+$/;

/** Escapes plain text for a CQ-code string: `&`, `[` and `]`. */
export function escapeCqText(text: string): string {
  return text.replace(/[&[\]]/g, (char) => TEXT_ESCAPES[char]);
}

/** Reverses escapeCqText; one pass, so `&amp;#91;` becomes `&#91;`, not `[`. */
export function unescapeCqText(text: string): string {
  return text.replace(/&(?:amp|#91|#93);/g, (entity) => TEXT_UNESCAPES[entity]);
}

/** Escapes a CQ-code parameter value: `&`, `[`, `]` and `,`. */
export function escapeCqValue(value: string): string {
  return value.replace(/[&[\],]/g, (char) => VALUE_ESCAPES[char]);
}

/** Reverses escapeCqValue. */
export function unescapeCqValue(value: string): string {
  return value.replace(/&(?:amp|#91|#93|#44);/g, (entity) => VALUE_UNESCAPES[entity]);
}

/** Splits a CQ-code string into segments; a `[` that opens no valid CQ code stays text. */
export function parseCqCode(message: string): Segment[] {
  const segments: Segment[] = [];
  let text = '';
  let index = 0;
  while (index < message.length) {
    const open = message.indexOf('[CQ:', index);
    const close = open === -1 ? -1 : message.indexOf(']', open);
    const code = close === -1 ? undefined : parseOneCode(message.slice(open + 4, close));
    if (code === undefined) {
      // Lenient like the implementations: an unterminated or malformed code is literal text.
      const end = open === -1 ? message.length : open + 1;
      text += message.slice(index, end);
      index = end;
      continue;
    }
    text += message.slice(index, open);
    if (text !== '') segments.push({ type: 'text', data: { text: unescapeCqText(text) } });
    text = '';
    segments.push(code);
    index = close + 1;
  }
  if (text !== '') segments.push({ type: 'text', data: { text: unescapeCqText(text) } });
  return segments;
}

function parseOneCode(body: string): Segment | undefined {
  const [type, ...pairs] = body.split(',');
  if (!CQ_TYPE.test(type)) return undefined;
  const data: Record<string, string> = {};
  for (const pair of pairs) {
    const equals = pair.indexOf('=');
    if (equals <= 0) return undefined;
    data[pair.slice(0, equals)] = unescapeCqValue(pair.slice(equals + 1));
  }
  return { type, data };
}

/** Serialises segments to a CQ-code string (for `auto_escape: false` sends and logs). */
export function segmentsToCqCode(segments: readonly Segment[]): string {
  return segments
    .map((segment) => {
      if (segment.type === 'text') return escapeCqText(segment.data.text ?? '');
      const params = Object.entries(segment.data).map(([key, value]) => `,${key}=${escapeCqValue(value)}`);
      return `[CQ:${segment.type}${params.join('')}]`;
    })
    .join('');
}

/**
 * Accepts either form of `message` from an event and returns segments. Array values that are numbers
 * or booleans become strings (implementations differ); anything that is not a segment is dropped.
 */
export function toSegments(message: unknown): Segment[] {
  if (typeof message === 'string') return parseCqCode(message);
  if (!Array.isArray(message)) return [];
  const segments: Segment[] = [];
  for (const item of message as unknown[]) {
    if (typeof item !== 'object' || item === null) continue;
    const { type, data } = item as { type?: unknown; data?: unknown };
    if (typeof type !== 'string') continue;
    const values: Record<string, string> = {};
    if (typeof data === 'object' && data !== null) {
      for (const [key, value] of Object.entries(data)) {
        if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') values[key] = String(value);
      }
    }
    segments.push({ type, data: values });
  }
  return segments;
}

/** True when the message @-mentions the bot itself (an `at` segment whose qq is the bot's self_id). */
export function mentionsSelf(segments: readonly Segment[], selfId: string | number): boolean {
  return segments.some((segment) => segment.type === 'at' && segment.data.qq === String(selfId));
}

/** The text the customer typed: text segments only (mentions, faces, replies dropped), trimmed. */
export function plainText(segments: readonly Segment[]): string {
  return segments
    .filter((segment) => segment.type === 'text')
    .map((segment) => segment.data.text ?? '')
    .join('')
    .trim();
}
