import { normalizeForMatching } from './normalize';
import { parseQuantity } from './numerals';

/** A quantity with the unit the customer said: "两箱" → {value: 2, unit: '箱'}. */
export interface Quantity {
  value: number;
  /** Normalised: '瓶', '箱', '盒', 'bottle', 'case', 'box'…; undefined when none was said. */
  unit?: string;
}

const NUMBER = '(?:\\d{1,4}|[零一二两三四五六七八九十百]{1,4}|a dozen|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|sixty|hundred)';
const HAN_UNITS = ['个小时', '个月', '小时', '瓶', '箱', '盒', '件', '支', '提', '套', '份', '桶', '罐', '次', '天', '周', '位', '个'];
const EN_UNITS: Record<string, string> = { bottle: 'bottle', bottles: 'bottle', case: 'case', cases: 'case', box: 'box', boxes: 'box', pack: 'pack', packs: 'pack', carton: 'case', cartons: 'case', hour: 'hour', hours: 'hour', month: 'month', months: 'month' };
const HAN_PATTERN = new RegExp(`(${NUMBER})\\s*(${HAN_UNITS.join('|')})`, 'g');
const EN_PATTERN = new RegExp(`\\b(${NUMBER})\\s+(?:[a-z-]+\\s+)?(${Object.keys(EN_UNITS).join('|')})\\b`, 'g');

/**
 * Every quantity-with-unit in a sentence: "我想买两箱天朝上品" → [{2, 箱}], "2 cases of …" → [{2,
 * case}], "一个月" → [{1, 个月}]. Bare numbers are not counted here (they may be a price, a date or
 * a phone); an ask for a number reads those with parseQuantity.
 */
export function quantitiesIn(text: string): Quantity[] {
  const n = normalizeForMatching(text).replace(/\d{1,2}月\d{1,2}[号日]?/g, ' ');
  const found: Quantity[] = [];
  for (const m of n.matchAll(HAN_PATTERN)) {
    const value = parseQuantity(m[1]);
    if (value) found.push({ value, unit: m[2] });
  }
  for (const m of n.matchAll(EN_PATTERN)) {
    const value = /^an?$/.test(m[1]) ? 1 : parseQuantity(m[1]);
    if (value) found.push({ value, unit: EN_UNITS[m[2]] });
  }
  return found;
}

/** The answer to "how many?": a number with or without its unit ("两箱", "3", "three bottles"). */
export function parseQuantityAnswer(text: string): Quantity | undefined {
  const [withUnit] = quantitiesIn(text);
  if (withUnit) return withUnit;
  const value = parseQuantity(text);
  return value === undefined ? undefined : { value };
}
