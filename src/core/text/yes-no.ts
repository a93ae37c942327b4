import { normalizeForMatching } from './normalize';

// Written in the normalised form (simplified, lower case): traditional input is folded to it.
const YES = new Set([
  '是', '是的', '是啊', '对', '对的', '对啊', '好', '好的', '好啊', '好吧', '行', '行吧', '可以', '可以的',
  '确认', '确定', '嗯', '恩', '没问题', '没错', '当然', '要', '需要', '同意', '有', '对头', '妥',
  '是滴', '对滴', '好滴', 'ok的', '好嘞', '行的', '正确', '无误', '确认无误', '没问题的', '都对', '全对', '对的对的', '可', '中',
  '对没问题', '好的没问题', '就这样', '就这样吧', '可以可以', '好好', '是是',
  'yes', 'y', 'yeah', 'yep', 'yup', 'ya', 'ok', 'okay', 'k', 'sure', 'confirm', 'confirmed', 'correct',
  'right', 'of course', 'sounds good', 'go ahead', 'all right', 'alright', 'absolutely', 'yes sure',
  'thats right', 'thats correct', 'yes please', 'perfect', 'looks good', 'all good', 'exactly', 'indeed', 'yes it is',
  '👍', '👌', '✅',
]);
const NO = new Set([
  '不', '不是', '不是的', '否', '不对', '不要', '不用', '不需要', '不行', '不可以', '不好', '不同意',
  '不确定', '没有', '没', '算了', '取消', '别', '不了', '不用了', '不要了', '错了', '不对的',
  '要修改', '修改', '需要修改', '改一下', '要改', '有误', '不正确', '有错', '写错了', '弄错了', '不太对', '不是很对',
  'no', 'n', 'nope', 'nah', 'not really', 'cancel', 'no way', 'never mind', 'wrong', 'incorrect',
  'change something', 'change it', 'not correct', 'thats wrong', 'not right', 'thats not right', 'no thanks', 'no thank you',
  '👎', '❌',
]);
// Thanks and please do not change the answer: '好的，谢谢' is yes, 'no thanks' is no.
const COURTESY = /谢谢你?|谢了|多谢|麻烦(?:你|您)?了|\b(?:thanks|thank you|thx|please|pls)\b/g;
// Skin tones and the emoji presentation selector, so '👍🏻' reads as '👍'.
const EMOJI_MODIFIERS = /[\u{1F3FB}-\u{1F3FF}]|\uFE0F/gu;
// Sentence-final particles that soften without changing the answer ('好呀', '不要啦').
const PARTICLES = /[啊呀吧哈呢哦噢喔嘛啦咯哟滴]+$/;
// Clause separators: any punctuation, ASCII or Chinese (。、 have no ASCII form to fold to).
const CLAUSES = /[\p{P}~]+/u;

function classify(phrase: string): boolean | undefined {
  const bare = phrase.replace(PARTICLES, '');
  for (const form of [phrase, bare, bare.replace(/(.)\1+/gu, '$1')]) {
    if (YES.has(form)) return true;
    if (NO.has(form)) return false;
  }
  return undefined;
}

// Words that add nothing after an English yes or no: "yes that is right", "no it is not".
const EN_FILLER = new Set(['that', 'this', 'it', 'is', 'its', 'all', 'everything', 'correct', 'right', 'good', 'fine', 'please', 'thanks', 'sir', 'madam', 'not', 'isnt', 'thank', 'you', 'looks', 'great']);

/** A clause is one answer, or (English) several words that each are the same answer. */
function classifyClause(clause: string): boolean | undefined {
  const whole = classify(clause);
  if (whole !== undefined || !clause.includes(' ')) return whole;
  const words = clause.split(' ');
  const first = classify(words[0]);
  if (first !== undefined && words.slice(1).every((w) => EN_FILLER.has(w) || classify(w) === first)) return first;
  return agree(words.map(classify));
}

function agree(answers: (boolean | undefined)[]): boolean | undefined {
  if (answers.length === 0 || answers.some((a) => a === undefined)) return undefined;
  return answers.every((a) => a === answers[0]) ? answers[0] : undefined;
}

/**
 * Reads a yes/no answer in Chinese (simplified or traditional) or English, whatever the
 * conversation's locale, since customers mix ('ok' in Chinese, '好' in English chats).
 * true: 是/是的/对/對/好/好的/可以/确认/確認/嗯/没问题/yes/y/ok/sure/confirm/👍…
 * false: 不/不是/否/不对/不要/不好/没有/取消/no/n/nope/cancel/👎…
 * Thanks and softening particles are ignored ('好的，谢谢', '不要啦'). Undefined for anything else,
 * including questions ('可以吗', '好不好'), other meanings ('不好意思') and mixed answers ('好，不要').
 */
export function parseYesNo(text: string): boolean | undefined {
  const clauses = normalizeForMatching(text)
    // "that's right" is one word for the clause split below.
    .replace(/['’]/g, '')
    .replace(EMOJI_MODIFIERS, '')
    .replace(COURTESY, ' ')
    .split(CLAUSES)
    .map((c) => c.trim())
    .filter((c) => c !== '');
  return agree(clauses.map(classifyClause));
}
