import fc from 'fast-check';
import {
  type Segment,
  escapeCqText,
  escapeCqValue,
  mentionsSelf,
  parseCqCode,
  plainText,
  segmentsToCqCode,
  toSegments,
  unescapeCqText,
  unescapeCqValue,
} from '../../../adapters/onebot/cq-code';

const selfId = 10001000;

describe('CQ code escaping', () => {
  it('escapes text and values as the spec says', () => {
    expect(escapeCqText('a&b[c]d,e')).toBe('a&amp;b&#91;c&#93;d,e');
    expect(escapeCqValue('a&b[c]d,e')).toBe('a&amp;b&#91;c&#93;d&#44;e');
    expect(unescapeCqText('&amp;#91;')).toBe('&#91;');
    expect(unescapeCqValue('x&#44;y')).toBe('x,y');
  });

  it('round-trips any text and any value', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        expect(unescapeCqText(escapeCqText(text))).toBe(text);
        expect(unescapeCqValue(escapeCqValue(text))).toBe(text);
        expect(escapeCqValue(text)).not.toMatch(/[[\],]/);
      }),
    );
  });
});

describe('parsing CQ codes', () => {
  it('splits text and codes and unescapes both', () => {
    expect(parseCqCode('[CQ:reply,id=-12][CQ:at,qq=10001000] 查&#91;订单&#93; [CQ:face,id=14]&amp;[CQ:image,file=a.jpg,url=https://x/y?a=1&#44;2]')).toEqual([
      { type: 'reply', data: { id: '-12' } },
      { type: 'at', data: { qq: '10001000' } },
      { type: 'text', data: { text: ' 查[订单] ' } },
      { type: 'face', data: { id: '14' } },
      { type: 'text', data: { text: '&' } },
      { type: 'image', data: { file: 'a.jpg', url: 'https://x/y?a=1,2' } },
    ]);
  });

  it('keeps a malformed or unterminated code as text', () => {
    expect(parseCqCode('a [CQ:at,qq')).toEqual([{ type: 'text', data: { text: 'a [CQ:at,qq' } }]);
    expect(parseCqCode('[CQ:bad type]x')).toEqual([{ type: 'text', data: { text: '[CQ:bad type]x' } }]);
    expect(parseCqCode('[CQ:at,noequals][CQ:face,id=1]')).toEqual([
      { type: 'text', data: { text: '[CQ:at,noequals]' } },
      { type: 'face', data: { id: '1' } },
    ]);
    expect(parseCqCode('')).toEqual([]);
  });

  it('round-trips segments through the CQ-code form', () => {
    const text = fc.string({ unit: 'grapheme', minLength: 1 }).map((value): Segment => ({ type: 'text', data: { text: value } }));
    const code = fc.record({
      type: fc.stringMatching(/^[a-z][a-z_]{0,9}$/).filter((type) => type !== 'text'),
      data: fc.dictionary(fc.stringMatching(/^[a-z_]{1,8}$/), fc.string({ unit: 'grapheme' }), { maxKeys: 4 }),
    });
    fc.assert(
      fc.property(fc.array(fc.oneof(text, code), { maxLength: 8 }), (segments) => {
        expect(parseCqCode(segmentsToCqCode(segments))).toEqual(mergeText(segments));
      }),
    );
  });
});

describe('normalising the two message forms', () => {
  it('accepts the array form with numeric values, and the string form', () => {
    const fromArray = toSegments([
      { type: 'at', data: { qq: 10001000 } },
      { type: 'text', data: { text: ' 你好 ' } },
      { type: 'face', data: { id: 14, extra: { nested: true } } },
      'junk',
      { data: {} },
    ]);
    expect(fromArray).toEqual([
      { type: 'at', data: { qq: '10001000' } },
      { type: 'text', data: { text: ' 你好 ' } },
      { type: 'face', data: { id: '14' } },
    ]);
    expect(toSegments('[CQ:at,qq=10001000] 你好 [CQ:face,id=14]')).toEqual(fromArray);
    expect(toSegments(42)).toEqual([]);
  });
});

describe('mentions of the bot', () => {
  it('detects an at of the bot, not of others or of everyone', () => {
    expect(mentionsSelf(toSegments('[CQ:at,qq=10001000] 在吗'), selfId)).toBe(true);
    expect(mentionsSelf(toSegments('[CQ:at,qq=10001000] 在吗'), '10001000')).toBe(true);
    expect(mentionsSelf(toSegments('[CQ:at,qq=12345678] 在吗'), selfId)).toBe(false);
    expect(mentionsSelf(toSegments('[CQ:at,qq=all] 通知'), selfId)).toBe(false);
    expect(mentionsSelf(toSegments('@10001000 在吗'), selfId)).toBe(false);
  });

  it('extracts the typed text without the mention, reply or faces', () => {
    expect(plainText(toSegments('[CQ:reply,id=5][CQ:at,qq=10001000] 查订单 [CQ:face,id=14]'))).toBe('查订单');
    expect(plainText(toSegments('hello'))).toBe('hello');
    expect(plainText(toSegments('[CQ:image,file=a.jpg]'))).toBe('');
  });
});

function mergeText(segments: Segment[]): Segment[] {
  const merged: Segment[] = [];
  for (const segment of segments) {
    const last = merged[merged.length - 1];
    if (segment.type === 'text' && last?.type === 'text') last.data = { text: last.data.text + segment.data.text };
    else merged.push({ type: segment.type, data: { ...segment.data } });
  }
  return merged;
}
