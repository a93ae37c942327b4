import { parsePhone } from '../../../src/core/text/phone';

describe('parsePhone', () => {
  describe('mainland China', () => {
    it.each(['13812345678', '138 1234 5678', '138-1234-5678', '+86 138 1234 5678', '+8613812345678', '0086 138 1234 5678', '１３８１２３４５６７８'])(
      'reads %j as a mainland mobile',
      (text) => {
        expect(parsePhone(text)).toEqual({ e164: '+8613812345678', national: '138 1234 5678', region: 'CN', type: 'MOBILE' });
      },
    );

    it('finds the number inside a sentence', () => {
      expect(parsePhone('我的手机是 138 1234 5678，谢谢')?.e164).toBe('+8613812345678');
    });

    it('reads a Beijing landline with its area code', () => {
      expect(parsePhone('(010) 6552-9988')).toMatchObject({ e164: '+861065529988', region: 'CN', type: 'FIXED_LINE' });
    });
  });

  describe('Hong Kong', () => {
    it('reads +852 numbers from anywhere', () => {
      expect(parsePhone('+852 9123 4567')).toEqual({ e164: '+85291234567', national: '9123 4567', region: 'HK', type: 'MOBILE' });
    });

    it('reads a local number when the region is HK', () => {
      expect(parsePhone('9123 4567', 'HK')?.e164).toBe('+85291234567');
    });
  });

  describe('Taiwan', () => {
    it('reads +886 mobiles', () => {
      expect(parsePhone('+886 912 345 678')).toEqual({ e164: '+886912345678', national: '0912 345 678', region: 'TW', type: 'MOBILE' });
    });

    it('reads 09xxxxxxxx as a Taiwan mobile when the region is TW', () => {
      expect(parsePhone('0912345678', 'TW')?.e164).toBe('+886912345678');
    });

    it('does not read 09xxxxxxxx as a mainland number', () => {
      expect(parsePhone('0912345678')).toBeUndefined();
    });
  });

  describe('international', () => {
    it.each([
      ['+1 650 253 0000', '+16502530000', 'US'],
      ['+44 20 7946 0958', '+442079460958', 'GB'],
    ])('reads %j as %s in %s', (text, e164, region) => {
      expect(parsePhone(text)).toMatchObject({ e164, region });
    });
  });

  describe('rejects', () => {
    it.each([
      ['an eleven-digit number no mainland operator issues', '12345678901'],
      ['a mobile one digit short', '1381234567'],
      ['a long order number', '订单号2024112212345678'],
      ['text without digits', 'call me'],
      ['two different numbers', '13812345678 或 13912345678'],
    ])('%s (%j)', (_, text) => {
      expect(parsePhone(text)).toBeUndefined();
    });
  });

  it('accepts the same number typed twice', () => {
    expect(parsePhone('13812345678 13812345678')?.e164).toBe('+8613812345678');
  });
});
