import fc from 'fast-check';
import Nzh from 'nzh';
import { parseInteger, parseQuantity } from '../../../src/core/text/numerals';

describe('parseQuantity', () => {
  it.each([
    ['3', 3],
    ['３', 3],
    ['两瓶', 2],
    ['兩瓶', 2],
    ['俩', 2],
    ['要三箱', 3],
    ['十二瓶吧', 12],
    ['二十', 20],
    ['一百零五', 105],
    ['壹贰叁', 123],
    ['壹佰零伍', 105],
    ['貳拾', 20],
    ['一百五', 150],
    ['两万五', 25000],
    ['一万一千零五', 11005],
    ['一千万', 10000000],
    ['I want 3 bottles', 3],
    ['three', 3],
    ['Twenty', 20],
    ['a dozen please', 12],
    ['1,000', 1000],
    ['第二种要三瓶', 3],
    ['我要3瓶，对，3瓶', 3],
  ])('reads %j as %d', (text, value) => {
    expect(parseQuantity(text)).toBe(value);
  });

  it.each([
    ['nothing numeric', '好的'],
    ['zero', '0'],
    ['a negative number', '-3'],
    ['a decimal', '1.5瓶'],
    ['two different numbers', '2或3箱'],
    ['a vague amount', '我要一些'],
    ['an idiom with 千万', '千万别发错'],
    ['a malformed numeral', '十十'],
    ['a number too large to be exact', '九千九百九十九万亿'],
  ])('gives nothing for %s (%j)', (_, text) => {
    expect(parseQuantity(text)).toBeUndefined();
  });

  it('reads back any positive integer written out in Chinese, small or financial, simplified or traditional', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 99_999_999 }), (n) => {
        for (const written of [Nzh.cn.encodeS(n), Nzh.cn.encodeB(n), Nzh.hk.encodeS(n), Nzh.hk.encodeB(n)]) {
          expect(parseQuantity(written)).toBe(n);
        }
      }),
    );
  });

  it('reads back any positive integer written in Arabic digits inside a phrase', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), (n) => {
        expect(parseQuantity(`要${n}箱`)).toBe(n);
      }),
    );
  });
});

describe('parseInteger', () => {
  it.each([
    ['0', 0],
    ['零', 0],
    [' 3 ', 3],
    ['３', 3],
    ['三', 3],
    ['兩', 2],
    ['十二', 12],
  ])('reads the whole text %j as %d', (text, value) => {
    expect(parseInteger(text)).toBe(value);
  });

  it.each(['我要3', '3瓶', '-1', '1.5', '', 'three'])('refuses %j, which is more than a bare integer', (text) => {
    expect(parseInteger(text)).toBeUndefined();
  });
});
