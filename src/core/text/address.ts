import { toSimplified } from './chinese-script';

// A place below the district: a road, a street number, a building, a flat.
const HAN_STREET = /路|街|道|巷|弄|胡同|村|小区|大厦|广场|花园|公寓|栋|幢|单元|室|楼|座|苑|园|城|中心|[0-9一二三四五六七八九十]+号/;
const HAN_AREA = /省|市|区|县|镇|乡/;
const EN_PLACE = /\b(road|rd|street|st|avenue|ave|lane|ln|district|tower|building|bldg|flat|unit|apt|apartment|room|floor|block|estate|court|village|plaza|centre|center|garden|gardens|mansion|soho)\b/i;
// Questions and refusals are not addresses.
const NOT_AN_ADDRESS = /[?？]|吗|多少|什么|怎么|为什么|不想|不告诉|不方便|保密|算了|how much|what|why|rather not/i;
const HAN_LEAD = /^(?:请|麻烦)?(?:帮我)?(?:送到|送去|寄到|寄去|发到|送至|寄至|配送到|收货地址是?|地址是?|住址是?|服务地址是?|上门地址是?|我住在?|在)[:：]?\s*/;
const EN_LEAD = /^(?:.*?\b(?:delivered to|deliver it to|deliver to|send it to|send to|ship to|shipped to|address is|we live at|i live at|live at|located at))\s*/i;
// Clauses that are other details, not part of the address: a payment, a phone, a time.
const EN_OTHER = /\b(cash|pay|payment|online|card|alipay|wechat|phone|number|mobile|call|from|starting|please|thanks|bottles?|cases?|boxes?)\b/i;

/** Whether a customer's answer reads as a postal address (not a question, a refusal or a word). */
export function looksLikeAddress(text: string): boolean {
  const t = toSimplified(text.normalize('NFKC')).trim();
  if (t.length < 4 || NOT_AN_ADDRESS.test(t)) return false;
  if (/\p{Script=Han}/u.test(t)) {
    const place = t.replace(/\d{1,2}月\d{1,2}[号日]/g, '');
    return (HAN_STREET.test(place) && (HAN_AREA.test(place) || /\d/.test(place) || place.length >= 6)) || (HAN_AREA.test(place) && /\d{2,}/.test(place));
  }
  return EN_PLACE.test(t) && /\d/.test(t);
}

/**
 * The address inside a longer message: "送到北京市朝阳区建国路88号，货到付款" → "北京市朝阳区建国路88号";
 * "… delivered to 88 Jianguo Road, Chaoyang District, Beijing, cash on delivery" → "88 Jianguo
 * Road, Chaoyang District, Beijing". Undefined when no clause is a full address.
 */
export function extractAddress(text: string): string | undefined {
  const t = text.normalize('NFKC').trim();
  if (/\p{Script=Han}/u.test(t)) {
    for (const clause of t.split(/[,，。；;!！?？\n]+/)) {
      const simplified = toSimplified(clause.trim());
      const lead = HAN_LEAD.exec(simplified);
      const candidate = (lead ? clause.trim().slice(lead[0].length) : clause).trim();
      if (candidate.length >= 6 && looksLikeAddress(candidate)) return candidate;
    }
    return undefined;
  }
  const lead = EN_LEAD.exec(t);
  const tail = lead ? t.slice(lead[0].length) : t;
  const parts: string[] = [];
  for (const part of tail.split(/\s*[,;]\s*/)) {
    if (parts.length && EN_OTHER.test(part)) break;
    if (!parts.length && !lead && !/\d/.test(part)) continue;
    parts.push(part.replace(/[.!]+$/, ''));
  }
  const candidate = parts.join(', ');
  return looksLikeAddress(candidate) ? candidate : undefined;
}
