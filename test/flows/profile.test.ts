import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../src/config/config';
import { compileContent, DEFAULT_DIRS, loadBot } from '../../src/conversation/bot';
import { readBotContent } from '../../src/flows/bot-content';
import type { Engine, EngineTurn } from '../../src/conversation/engine';
import { FakeHttpServer } from '../adapters/helpers/fake-http-server';

const demo = (file: string) => fs.readFileSync(path.resolve(__dirname, '..', '..', 'web', 'demo', file), 'utf8');

/** One engine turn of a customer on WeChat (no database: greeting, FAQ and questions only). */
async function say(engine: Engine, text: string, isNew = false): Promise<{ text: string; flow?: string }> {
  const turn: EngineTurn = {
    conversation: { id: 'c1', channel: 'wechat-mp', isNew, status: 'bot', suspended: [], notUnderstood: 0 },
    customer: { id: '64b7f0c2a1b2c3d4e5f60718', gender: 'unknown', locale: 'zh-CN', localeKnown: true },
    input: { text },
    now: new Date('2026-11-23T10:00:00+08:00'),
    agentsAvailable: true,
  };
  const result = await engine.turn(turn);
  return { text: result.replies.map((r) => `${r.text} ${(r.quickReplies ?? []).map((q) => q.label).join('|')}`).join('\n'), flow: result.flow?.flowId };
}

describe('company profiles', () => {
  it('by default the bot is the housekeeping company of the demo page, selling its services', async () => {
    const engine = loadBot(loadConfig({}));
    expect(engine.company('zh-CN')).toBe('安心家政服务有限公司');
    const page = demo('index.html');
    expect(page).toContain('安心家政');
    // Every service on the demo page is in the catalogue the bot books from, at the page's price.
    for (const product of engine.bot.catalogue.products.filter((p) => page.includes(p.name['zh-CN']))) {
      expect(page).toContain(`¥${(product.priceFen / 100).toLocaleString('en-US')}`);
    }
    expect(engine.bot.catalogue.products.filter((p) => page.includes(p.name['zh-CN'])).length).toBeGreaterThanOrEqual(4);
    const hello = await say(engine, '你好', true);
    expect(hello.text).toContain('这里是安心家政服务有限公司');
    expect(hello.text).toContain('预约服务');
    expect(hello.text).not.toMatch(/天朝上品|示例客服中心|酒/);
  });

  it('the retail company is one setting away, with its own catalogue, FAQ, menu and demo page', async () => {
    const engine = loadBot(loadConfig({ COMPANY_PROFILE: 'retail' }));
    expect(engine.company('zh-TW')).toBe('貴州飛滿天酒業有限公司');
    expect(demo('retail.html')).toContain('飞满天');
    expect((await say(engine, '你好', true)).text).toContain('我要下单');
    expect((await say(engine, '发什么快递')).text).toContain('圆通');
    expect((await say(engine, '住家保姆多少钱')).text).not.toContain('5800');
  });

  it('a new published version (FAQ, wording) replaces the running one without a restart', async () => {
    const config = loadConfig({ COMPANY_PROFILE: 'retail' });
    const engine = loadBot(config);
    expect((await say(engine, '包邮吗')).text).toContain('包邮');
    const content = readBotContent(DEFAULT_DIRS, 'retail');
    const faq = content.knowledge as { entries: { id: string; answer: Record<string, string> }[] };
    faq.entries.find((e) => e.id === 'shipping-fee')!.answer['zh-CN'] = '满99元包邮，不满99元运费10元。';
    engine.publish(compileContent(config, content));
    expect((await say(engine, '包邮吗')).text).toContain('满99元包邮');
  });

  it('content with an error is refused with the file and the field named', () => {
    const config = loadConfig({ COMPANY_PROFILE: 'housekeeping' });
    const broken = readBotContent(DEFAULT_DIRS, 'housekeeping');
    (broken.knowledge as { entries: { answer: Record<string, string> }[] }).entries[0].answer.en = '';
    expect(() => compileContent(config, broken)).toThrow(/^flows\/knowledge\/housekeeping\.yaml: entries\.0\.answer\.en/);
    const badMenu = readBotContent(DEFAULT_DIRS, 'housekeeping');
    badMenu.profile = { ...badMenu.profile, flows: [...badMenu.profile.flows, 'teleport'] };
    expect(() => compileContent(config, badMenu)).toThrow('flows/profiles/housekeeping.yaml: flow "teleport" does not exist');
    expect(() => readBotContent(DEFAULT_DIRS, 'bakery')).toThrow('COMPANY_PROFILE "bakery": there is no flows/profiles/bakery.yaml');
  });
});

describe('the language-model layer in the engine', () => {
  const fake = new FakeHttpServer(() => ({ body: { choices: [{ message: { content: '{"intent":"booking","confidence":0.9,"slots":{"product":"ELDER"}}' } }] } }));
  let url = '';
  beforeAll(async () => {
    url = await fake.start();
  });
  afterAll(() => fake.close());

  it('with LLM_BASE_URL set, a message the rules do not understand starts the flow the model proposes', async () => {
    const engine = loadBot(loadConfig({ COMPANY_PROFILE: 'housekeeping', LLM_BASE_URL: `${url}/v1`, LLM_TIMEOUT_MS: '2000' }));
    const r = await say(engine, '家里老人没人管 我上班顾不过来');
    expect(r.flow).toBe('booking');
    expect(r.text).toContain('您希望什么时候开始');
    expect(fake.calls).toHaveLength(1);
    // Understood by the rules: no call.
    await say(engine, '住家保姆一个月多少钱');
    expect(fake.calls).toHaveLength(1);
  });
});
