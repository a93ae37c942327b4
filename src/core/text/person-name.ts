import { toSimplified } from './chinese-script';

export interface PersonName {
  /** As the customer wants to be called: "张伟", "陈女士", "小王", "Mrs Miller". */
  name: string;
  gender?: 'male' | 'female';
}

// "我叫…", "我姓…", "叫我…", "免贵姓…", "my name is …" (simplified, lower case for Latin).
const INTRO = /^(?:您?好[,，!！ ]*)?(?:我(?:的名字)?(?:叫|是|姓)|叫我|免贵姓|本人姓?|姓名[:：是]?|名字[:：是]?|称呼我|my name is|my name's|i am|i'm|im|this is|it's|its|call me|name[:：]?)\s*/i;
const TAIL = /\s*(?:就行了?|就可以了?|就好了?|吧|啊|呀|哈|。|\.|!|！)+$/;
const HONORIFIC = /^(\p{Script=Han}{1,3})(先生|女士|小姐|太太|夫人|阿姨|老师|经理|总|姐|哥)$/u;
const EN_TITLE = /^(mr|mister|mrs|ms|miss|madam|mx)\.?\s+([a-z][a-z' -]{0,40})$/i;
const FEMALE_TITLES = new Set(['女士', '小姐', '太太', '夫人', '阿姨', '姐']);
const MALE_TITLES = new Set(['先生', '哥']);
// Questions, refusals and other sentences are never a name.
const NOT_A_NAME = /[?？\d@]|吗|多少|什么|怎么|为什么|哪|不想|不告诉|不方便|保密|不用|算了|没有|告诉我|先说|先告诉|价格|价钱|钱呢|地址|how|what|why|price|cost|none of|rather not|don'?t|no thanks/i;

/**
 * Reads the answer to "how should we address you?": a bare name, "我叫张伟", "我姓张", "叫我小王就行",
 * "陈女士" (female), "张先生" (male), "Mrs Miller" (female), "my name is John". Undefined for a
 * question, a refusal, a number or a whole sentence, which must never be stored as a name.
 */
export function parsePersonName(text: string): PersonName | undefined {
  const raw = text.normalize('NFKC').trim().replace(TAIL, '');
  const simplified = toSimplified(raw);
  if (!raw || NOT_A_NAME.test(simplified)) return undefined;
  const intro = INTRO.exec(simplified);
  const name = (intro ? raw.slice(intro[0].length) : raw).replace(TAIL, '').trim();
  if (!name || /^(先生|女士|小姐|太太|夫人|mr|mrs|ms|miss|sir|madam)\.?$/i.test(toSimplified(name))) return undefined;
  const han = /\p{Script=Han}/u.test(name);
  if (han && (!/^[\p{Script=Han}·]{1,6}$/u.test(name))) return undefined;
  if (!han && (!/^[\p{L}][\p{L}'. -]{0,48}$/u.test(name) || name.split(/\s+/).length > 4)) return undefined;
  const honorific = HONORIFIC.exec(toSimplified(name));
  if (honorific) {
    const title = honorific[2];
    return { name, gender: FEMALE_TITLES.has(title) ? 'female' : MALE_TITLES.has(title) ? 'male' : undefined };
  }
  const title = EN_TITLE.exec(name);
  if (title) return { name, gender: /^(mr|mister)$/i.test(title[1]) ? 'male' : /^mx$/i.test(title[1]) ? undefined : 'female' };
  return { name };
}
