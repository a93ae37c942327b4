import fc from 'fast-check';
import type { QuickReply } from '../../../src/core/message';
import { renderNumberedOptions, resolveNumberedChoice, withNumberedOptions } from '../../../adapters/shared/numbered-options';

const options: QuickReply[] = [
  { label: '下单', value: 'order' },
  { label: '投诉', value: 'complaint' },
  { label: 'Talk to staff', value: 'staff' },
];

describe('numbered options', () => {
  it('renders quick replies as numbered lines below the text', () => {
    expect(renderNumberedOptions(options)).toBe('1. 下单\n2. 投诉\n3. Talk to staff');
    expect(withNumberedOptions('请选择：', options)).toBe('请选择：\n\n1. 下单\n2. 投诉\n3. Talk to staff');
    expect(withNumberedOptions('你好', [])).toBe('你好');
    expect(withNumberedOptions('你好', undefined)).toBe('你好');
  });

  it.each(['1', '１', '①', '一', '第一个', '1.', '1。', ' 1 ', '一、', '#1', 'No. 1'])('maps %j to the first option', (input) => {
    expect(resolveNumberedChoice(input, options)?.value).toBe('order');
  });

  it.each([
    ['2', 'complaint'],
    ['二', 'complaint'],
    ['两', 'complaint'],
    ['３', 'staff'],
    ['③', 'staff'],
    ['第三项', 'staff'],
    ['投诉', 'complaint'],
    ['talk to STAFF', 'staff'],
  ])('maps %j to %s', (input, value) => {
    expect(resolveNumberedChoice(input, options)?.value).toBe(value);
  });

  it.each(['0', '4', '十', '零', '12', '我要下单', '1 下单', '', 'abc', '一二三四五'])('does not treat %j as a choice', (input) => {
    expect(resolveNumberedChoice(input, options)).toBeUndefined();
  });

  it('reads two-digit and Chinese numbers beyond nine', () => {
    const many = Array.from({ length: 12 }, (_, i) => ({ label: `option ${i + 1}`, value: `v${i + 1}` }));
    expect(resolveNumberedChoice('十', many)?.value).toBe('v10');
    expect(resolveNumberedChoice('十二', many)?.value).toBe('v12');
    expect(resolveNumberedChoice('⑪', many)?.value).toBe('v11');
    expect(resolveNumberedChoice('１２', many)?.value).toBe('v12');
  });

  it('offers nothing to pick when no options were offered', () => {
    expect(resolveNumberedChoice('1', [])).toBeUndefined();
  });

  it('maps every rendered number back to its own option', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 20 }), (labels) => {
        const offered = labels.map((label, i) => ({ label, value: `v${i}` }));
        offered.forEach((reply, i) => expect(resolveNumberedChoice(String(i + 1), offered)).toBe(reply));
      }),
    );
  });
});
