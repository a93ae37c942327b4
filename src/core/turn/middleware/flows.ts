import { prefill } from '../../../flows/prefill';
import type { Middleware } from '../composer';
import { finish, startFlow } from '../outcome';
import type { TurnContext } from '../turn-context';

/** An intent this sure switches flows even while a question waits for free text. */
const SURE = 1;
/** A question the FAQ answers this surely is answered, even when its words also name a flow. */
const FAQ_SURE = 0.85;

/**
 * Starts a flow (a menu pick, or an intent with the details of the message filled in) or gives
 * the message to the flow that waits for it. A question the waiting step cannot take goes on to
 * the knowledge base, which answers and asks the step's question again.
 */
export const flows: Middleware<TurnContext> = async (ctx, next) => {
  const { input, conversation: conv, bot } = ctx;
  const recognition = ctx.recognition;
  const picked = input.choice?.startsWith('flow:') ? input.choice.slice(5) : undefined;
  const intended = typeof recognition?.intent === 'object' ? recognition.intent.flow : undefined;
  const waiting = bot.runner.waitingStep(conv.flow);
  const freeText = waiting?.kind === 'ask' && waiting.type === 'text';
  const current = conv.flow?.flowId;

  let start: string | undefined;
  if (picked && bot.enabled.has(picked)) start = picked;
  else if (intended && bot.enabled.has(intended) && intended !== current) {
    const sure = (recognition?.confidence ?? 0) >= SURE;
    // A question the FAQ answers is answered ("下单后多久能到?" asks about delivery, "阿姨受伤了谁负责?"
    // about insurance), unless the customer clearly wants the flow and the FAQ is not sure.
    const faq = recognition?.question ? ctx.knowledge() : undefined;
    const faqFirst = faq?.kind === 'answer' && (faq.confidence >= FAQ_SURE || !sure);
    if (!faqFirst && (!conv.flow || (!ctx.answering && !freeText) || sure)) start = intended;
  }
  if (start) {
    ctx.result.understood = recognition?.name ?? start;
    const slots = picked ? {} : (recognition?.slots ?? {});
    // The message that started the flow, when it told more than its intent ("想找个保姆 照顾我妈").
    const told = slots.statement ? { statement: slots.statement } : {};
    await startFlow(ctx, start, { ...(picked ? {} : recognition?.values), ...told }, (state) => {
      ctx.rt.state = state;
      prefill(bot.runner.get(start)!, ctx.rt, slots, { statement: !!slots.statement });
    });
    return;
  }
  if (!conv.flow || !waiting) return next();
  // The question's answer said in other words ("微信" for online payment): the detail read from the message answers it.
  if (!ctx.answering && waiting.kind === 'ask' && waiting.slot && recognition?.slots) {
    const before = ctx.rt.state.values[waiting.save];
    delete ctx.rt.state.values[waiting.save];
    if (prefill(bot.runner.get(conv.flow.flowId)!, ctx.rt, recognition.slots, { statement: false, only: waiting.save }).length) {
      ctx.result.understood = `answer:${conv.flow.flowId}.${conv.flow.stepId}`;
      return finish(ctx, await bot.runner.enter(ctx.rt));
    }
    if (before !== undefined) ctx.rt.state.values[waiting.save] = before;
  }
  // Not an answer to the question, but something the knowledge base or small talk can answer.
  if (!ctx.answering && !input.choice && (recognition?.question || ctx.smallTalk) && (ctx.smallTalk || ctx.knowledge())) return next();
  ctx.result.understood = ctx.answering ? `answer:${conv.flow.flowId}.${conv.flow.stepId}` : `retry:${conv.flow.flowId}.${conv.flow.stepId}`;
  // Details given with the answer fill the questions still ahead ("两箱，送到朝阳区…").
  if (ctx.answering && recognition?.slots && waiting.kind === 'ask') {
    const flow = bot.runner.get(conv.flow.flowId);
    if (flow) prefill(flow, ctx.rt, recognition.slots, { statement: false, except: waiting.save });
  }
  await finish(ctx, await bot.runner.answer(ctx.rt, input));
};
