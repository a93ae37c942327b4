import { parsePersonName } from '../../../src/core/text/person-name';
import { extractAddress, looksLikeAddress } from '../../../src/core/text/address';
import { parseOptionNumber } from '../../../src/core/text/option-number';
import { parsePhoneFor } from '../../../src/core/text/phone';
import { parseYesNo } from '../../../src/core/text/yes-no';
import { isQuestion } from '../../../src/core/text/question';
import { parseQuantityAnswer } from '../../../src/core/text/quantity';

describe('names', () => {
  it.each([
    ['张伟', { name: '张伟' }],
    ['陈女士', { name: '陈女士', gender: 'female' }],
    ['林小姐', { name: '林小姐', gender: 'female' }],
    ['王先生', { name: '王先生', gender: 'male' }],
    ['钱女士', { name: '钱女士', gender: 'female' }],
    ['我姓张', { name: '张' }],
    ['叫我小王就行', { name: '小王' }],
    ['Mrs Miller', { name: 'Mrs Miller', gender: 'female' }],
    ['my name is John Smith', { name: 'John Smith' }],
  ])('"%s" is %j', (text, expected) => {
    expect(parsePersonName(text)).toEqual(expected);
  });

  it.each(['你先告诉我多少钱', '不想说', '不告诉你', '13812345678', '先生', '我住在北京市朝阳区建国路88号'])('"%s" is never a name', (text) => {
    expect(parsePersonName(text)).toBeUndefined();
  });
});

describe('addresses', () => {
  it.each(['北京市朝阳区建国路88号SOHO现代城2号楼1201', '朝阳区望京SOHO T1 2301', '台北市信義區松高路11號', 'Flat 5, 18 Zhongshan Road, Gulou District, Nanjing'])('"%s" is an address', (text) => {
    expect(looksLikeAddress(text)).toBe(true);
  });

  it.each(['你们在哪', '朝阳区', '不知道', '12月1号开始', '送到哪里比较快？'])('"%s" is not an address', (text) => {
    expect(looksLikeAddress(text)).toBe(false);
  });

  it('is picked out of a longer message', () => {
    expect(extractAddress('想請住家保姆，12月10號開始，地址上海市靜安區南京西路1266號，電話0912345678')).toBe('上海市靜安區南京西路1266號');
    expect(extractAddress('I need a maid, we live at 88 Wangjing Street, Chaoyang, my number is 13812345621')).toBe('88 Wangjing Street, Chaoyang');
  });
});

describe('typed option numbers', () => {
  it.each([['1', 1], ['１', 1], ['①', 1], ['一', 1], ['第一个', 1], ['第二個', 2], ['选2', 2], ['the second one', 2], ['option 3', 3], ['No. 3', 3]])('"%s" is option %d', (text, n) => {
    expect(parseOptionNumber(text)).toBe(n);
  });

  it.each(['两瓶', '我要3', '1 下单', 'abc', ''])('"%s" is no option number', (text) => {
    expect(parseOptionNumber(text)).toBeUndefined();
  });
});

describe('phones in every locale', () => {
  it.each([
    ['13912345678', 'zh-TW', '+8613912345678'],
    ['0912345678', 'zh-TW', '+886912345678'],
    ['0912345678', 'zh-CN', '+886912345678'],
    ['9123 4567', 'zh-TW', '+85291234567'],
    ['6123 4567', 'en', '+85261234567'],
    ['+44 7911 123456', 'en', '+447911123456'],
  ] as const)('"%s" from a %s customer is %s', (text, locale, e164) => {
    expect(parsePhoneFor(text, locale)?.e164).toBe(e164);
  });
});

describe('yes and no in the bot’s own words', () => {
  it.each(['对，没问题', '對，沒問題', "Yes, that's right", 'yes that is right', '好滴', '确认无误'])('"%s" is yes', (text) => expect(parseYesNo(text)).toBe(true));
  it.each(['不对，要修改', '不對，要修改', 'No, change something', "that's wrong", '有误'])('"%s" is no', (text) => expect(parseYesNo(text)).toBe(false));
});

describe('questions and quantities', () => {
  it.each(['包邮吗', '能开发票不 公司报销用', '下单后多久能到啊', 'can i pay by card', 'we need a helper who speaks english, is that possible'])('"%s" asks', (text) => expect(isQuestion(text)).toBe(true));
  it.each(['阿姨把我家花瓶打碎了', '我想买两箱天朝上品', 'I want to buy three bottles'])('"%s" tells', (text) => expect(isQuestion(text)).toBe(false));
  it('keeps the unit the customer said', () => {
    expect(parseQuantityAnswer('两箱')).toEqual({ value: 2, unit: '箱' });
    expect(parseQuantityAnswer('three bottles')).toEqual({ value: 3, unit: 'bottle' });
    expect(parseQuantityAnswer('3')).toEqual({ value: 3 });
  });
});
