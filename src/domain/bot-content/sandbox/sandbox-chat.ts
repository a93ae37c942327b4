import pino, { type Logger } from 'pino';
import type { Config } from '../../../config/config';
import { compileContent, engineSettings } from '../../../conversation/bot';
import { Engine, type EngineResult, type EngineTurn } from '../../../conversation/engine';
import { ConversationService } from '../../../conversation/conversation.service';
import { EventBus } from '../../../conversation/events';
import { Outbox } from '../../../conversation/outbox';
import { AdapterRegistry } from '../../../channels/registry';
import { Conversation } from '../../conversation/conversation.model';
import { contentFromBundle, type BotBundle } from '../content-bundle';
import type { TryTurnInput, TryTurnResult } from './sandbox-protocol';

/** The engine of a draft that remembers each conversation's last result: the panel shows its step and intent. */
class RecordingEngine extends Engine {
  readonly last = new Map<string, EngineResult>();

  override async turn(turn: EngineTurn): Promise<EngineResult> {
    const result = await super.turn(turn);
    this.last.set(turn.conversation.id, result);
    return result;
  }
}

export type TryRequest = TryTurnInput & { hash: string; bundle: unknown };

/** Drafts compiled here, by fingerprint (the newest few: a manager edits and tries again). */
const bots = new Map<string, { engine: RecordingEngine; service: ConversationService }>();
const KEEP = 3;
let sent = 0;

function botFor(config: Config, hash: string, bundle: BotBundle, log: Logger) {
  let bot = bots.get(hash);
  if (!bot) {
    const engine = new RecordingEngine(compileContent(config, contentFromBundle(bundle)), engineSettings(config));
    const events = new EventBus((err) => log.error({ err }, 'sandbox listener failed'));
    const service = new ConversationService({ engine, events, log: pino({ level: 'silent' }), outbox: new Outbox({ registry: new AdapterRegistry(), events, log }), agentsAvailable: async () => true });
    bot = { engine, service };
    bots.set(hash, bot);
    for (const old of [...bots.keys()].slice(0, Math.max(0, bots.size - KEEP))) bots.delete(old);
  }
  return bot;
}

/**
 * One turn of a test conversation on the draft: the greeting when the panel opens, then what the
 * manager types as the customer. The conversation lives in the sandbox's database (a web chat).
 */
export async function tryTurn(config: Config, req: TryRequest, log: Logger): Promise<TryTurnResult> {
  const { engine, service } = botFor(config, req.hash, req.bundle as BotBundle, log);
  const key = `try-${req.session}`;
  let conversationId: string;
  let replies;
  if (req.start) {
    ({ conversationId, replies } = await service.open({ channel: 'web', externalUserId: key, conversationKey: key, localeHint: req.locale }));
  } else {
    const received = await service.receive(
      { channel: 'web', externalUserId: key, conversationKey: key, channelMessageId: `${key}-${Date.now()}-${sent++}`, text: req.text ?? '', choice: req.choice, localeHint: req.locale },
      { inlineReplies: true },
    );
    conversationId = received.conversationId;
    replies = await received.replies;
  }
  const result = engine.last.get(conversationId);
  engine.last.delete(conversationId);
  const conversation = await Conversation.findById(conversationId, { status: 1 }).lean();
  return {
    replies: replies.map((r) => ({ text: r.text, ...(r.quickReplies?.length ? { quickReplies: r.quickReplies.map((q) => ({ label: q.label, value: q.value })) } : {}) })),
    turn: result && {
      flowId: result.flow?.flowId, stepId: result.flow?.stepId, values: result.flow?.values ?? {},
      understood: result.understood, locale: result.locale, handoff: !!result.handoff,
    },
    status: conversation?.status,
  };
}
