import type { PhraseInput } from './forbidden-phrase.service';

const PATIENT = '请耐心地再为客户解释一遍，例如：“没关系，我再为您详细说明一下。”';
const VERIFY = '您放心，公司活动统一，不会有第二种方案，或者您可以告知我哪一位客服人员告知您的吗？我这边去核实一下。';
const CALM = '请保持耐心和礼貌，例如：“请您别着急，我来帮您处理。”';
const RESPECT = '请尊重客户，使用文明用语，例如：“可能是我没有说清楚，我再为您解释一下。”';
const RESOLVE = '请不要与客户争执，先安抚再解决，例如：“非常理解您的心情，我这边马上为您处理。”';
const STAY = '不要中断与客户的沟通，例如：“不好意思，我这边没有看明白您的意思，麻烦您再描述一下可以吗？”';
const OWN = '请主动承担并跟进，例如：“这个问题我来帮您联系相关同事处理，稍后给您回复。”';

const EN_PATIENT = 'Explain it once more, patiently: "No problem, let me go through it again for you."';
const EN_CALM = 'Stay patient and polite: "Please don\'t worry, I\'ll take care of it for you."';
const EN_RESPECT = 'Respect the customer: "I may not have explained it clearly; let me try again."';
const EN_RESOLVE = 'Do not argue; calm the customer first: "I understand how you feel; let me sort this out right away."';
const EN_STAY = 'Keep the conversation going: "Sorry, I didn\'t quite understand; could you describe it once more?"';
const EN_OWN = 'Take ownership: "I\'ll get the right colleague on this and come back to you shortly."';

const impolite = (phrase: string, alternative: string, exceptions?: string[]): PhraseInput => ({ phrase, alternative, category: 'impolite', fine: 20, exceptions });
const quarrel = (phrase: string, alternative = RESOLVE): PhraseInput => ({ phrase, alternative, category: 'quarrel', fine: 0 });
const insult = (phrase: string, exceptions?: string[], alternative = RESPECT): PhraseInput => ({ phrase, alternative, category: 'insult', fine: 200, exceptions });
const hangUp = (phrase: string, alternative = STAY): PhraseInput => ({ phrase, alternative, category: 'hang_up', fine: 20 });

/**
 * The starting list of 服务禁语 (001 §二): the document's own examples with their approved
 * wording, then contemptuous (蔑视语), impatient (烦躁语), negating (否定语), quarrelsome (斗气语)
 * and insulting examples in its spirit, some Taiwanese insults (folded from traditional script on
 * matching) and English ones. Matching is on words (see PhraseMatcher); `exceptions` are longer
 * words that contain a phrase and are fine. Managers edit the list in the console.
 */
export const FORBIDDEN_PHRASE_SEED: readonly PhraseInput[] = [
  // The document's examples.
  impolite('我已经给你说过了', PATIENT),
  impolite('我已经说过了', PATIENT),
  impolite('谁告诉你的', VERIFY),
  impolite('谁给你说的', VERIFY),
  { phrase: '我马上去问了回复您', alternative: '好的，我这边已经登记了您的需求，这边需要向上级领导申请，稍后回复您可以吗？', category: 'nonstandard', fine: 0 },
  hangUp('听不清我挂了'),
  // 蔑视语 (contempt)
  impolite('这都不懂', RESPECT),
  impolite('你懂不懂', RESPECT),
  impolite('你到底买不买', CALM),
  // 烦躁语 (impatience)
  impolite('烦不烦', CALM),
  impolite('你怎么这么多问题', CALM),
  impolite('快点说', CALM),
  impolite('我很忙', CALM),
  impolite('问那么多干嘛', CALM),
  // 否定语 (negation, passing the buck)
  impolite('这不归我管', OWN),
  impolite('不关我的事', OWN),
  impolite('那是你自己的问题', OWN),
  // 斗气语 (quarrelling): dismissal
  quarrel('你爱买不买'),
  quarrel('有本事你去投诉'),
  quarrel('你去投诉好了'),
  quarrel('你想怎么样'),
  // 嘲讽、辱骂 (mocking, insulting)
  insult('你是不是傻'),
  // Medical words that contain it are fine: 请问老人有没有神经病史或者高血压？
  insult('神经病', ['神经病史', '神经病学', '神经病科', '神经病医院', '神经病变', '周围神经病']),
  insult('有病吧'),
  insult('脑子有问题'),
  insult('穷就别买'),
  insult('白痴'),
  insult('脑残'),
  insult('智障'),
  insult('白目'),
  // 不理睬、挂断 (ignoring, hanging up)
  hangUp('没空理你'),
  hangUp('不想跟你说了'),
  hangUp('别再发了'),
  // English: the same kinds, for chats in English.
  impolite('I already told you', EN_PATIENT),
  impolite('I told you already', EN_PATIENT),
  impolite('hurry up', EN_CALM),
  impolite("I'm busy", EN_CALM),
  impolite('not my problem', EN_OWN),
  impolite('not my job', EN_OWN),
  quarrel('take it or leave it', EN_RESOLVE),
  quarrel('go ahead and complain', EN_RESOLVE),
  quarrel('what do you want from me', EN_RESOLVE),
  insult('idiot', undefined, EN_RESPECT),
  insult('stupid', ['stupid mistake'], EN_RESPECT),
  insult('moron', undefined, EN_RESPECT),
  insult('dumb', undefined, EN_RESPECT),
  insult('shut up', undefined, EN_RESPECT),
  insult('are you deaf', undefined, EN_RESPECT),
  hangUp('stop messaging me', EN_STAY),
  hangUp("I'm hanging up", EN_STAY),
];
