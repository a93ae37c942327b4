import type { FastifyPluginAsync } from 'fastify';
import type { Logger } from 'pino';
import type { Activity, CloudAdapter, ConversationReference, TurnContext } from 'botbuilder';
import type { AdapterStatus, ChannelAdapter, ConversationRef } from '../../src/channels/channel-adapter';
import type { OutboundMessage } from '../../src/core/message';
import { ChannelError } from '../../src/errors';
import type { AdapterContext } from '../shared/adapter-context';
import { agentLabelFor } from '../shared/agent-label';
import { StatusRecorder } from '../shared/adapter-status';
import { download, mediaKey, storeInboundWithMedia } from '../shared/inbound-media';
import { filesOf, readFile } from '../shared/outbound-media';
import { SendQueue } from '../shared/send-queue';
import { activityFiles, normaliseActivity, type ActivityFile } from './botframework.normalise';
import { renderBotFrameworkActivity } from './botframework.render';
import { botFrameworkRoutes } from './botframework.routes';

/** The MICROSOFT_APP_* variables; without an app id authentication is off (Bot Framework Emulator, tests). */
export interface BotFrameworkAdapterOptions {
  appId?: string;
  appPassword?: string;
  tenantId?: string;
}

type BotBuilder = typeof import('botbuilder');

/**
 * Microsoft Bot Framework (Teams, Web Chat…) through botbuilder's CloudAdapter at /api/messages.
 * `deliveryMode: expectReplies` gets the replies in the response body; otherwise the message is
 * stored, answered 200, and replies go out proactively with the stored conversation reference.
 */
export class BotFrameworkAdapter implements ChannelAdapter {
  readonly channel = 'botframework' as const;
  readonly routes: FastifyPluginAsync;
  private readonly state = new StatusRecorder('botframework');
  private readonly queue: SendQueue;
  private readonly log: Logger;
  private sdk?: BotBuilder;
  private cloud?: CloudAdapter;

  constructor(private readonly options: BotFrameworkAdapterOptions, private readonly context: AdapterContext) {
    this.log = context.log.child({ channel: 'botframework' });
    this.queue = new SendQueue({
      perTarget: { capacity: 7, refillPerSecond: 4 },
      onRetry: ({ attempt, delayMs, error }) => this.log.warn({ attempt, delayMs, err: error }, 'Bot Framework send failed; retrying'),
    });
    this.routes = botFrameworkRoutes({
      authRequired: options.appId !== undefined,
      process: (request, response, logic) => this.started().process(request, response, logic),
      turn: (turnContext) => this.turn(turnContext),
    });
    this.state.detail('authentication', options.appId !== undefined);
  }

  async start(): Promise<void> {
    // Loaded here, not at the top: botbuilder takes a second to load and most installs do not use it.
    const sdk = await import('botbuilder');
    const { appId, appPassword, tenantId } = this.options;
    const auth = new sdk.ConfigurationBotFrameworkAuthentication({
      MicrosoftAppId: appId,
      MicrosoftAppPassword: appPassword,
      MicrosoftAppTenantId: tenantId,
      MicrosoftAppType: appId === undefined ? undefined : tenantId === undefined ? 'MultiTenant' : 'SingleTenant',
    });
    const cloud = new sdk.CloudAdapter(auth);
    cloud.onTurnError = async (_turn, error) => {
      this.state.failed(error);
      throw error;
    };
    this.sdk = sdk;
    this.cloud = cloud;
    this.state.connected = true;
  }

  async stop(): Promise<void> {
    this.state.connected = false;
  }

  async send(to: ConversationRef, messages: OutboundMessage[]): Promise<void> {
    const reference = to.replyContext?.reference as Partial<ConversationReference> | undefined;
    await this.state.tracked(async () => {
      if (reference?.serviceUrl === undefined) throw new ChannelError('botframework', 'no conversation reference stored', { code: 'no_reference', retryable: false });
      const activities = await this.render(to, messages);
      await this.queue.send(to.conversationKey, () =>
        this.started()
          .continueConversationAsync(this.options.appId ?? '', reference, async (turnContext) => {
            // The continuation activity has a random id; reply to the customer's last message instead.
            turnContext.onSendActivities(async (_context, outgoing, next) => {
              for (const activity of outgoing) activity.replyToId = reference.activityId;
              return next();
            });
            await turnContext.sendActivities(activities);
          })
          .catch((error: unknown) => {
            throw toChannelError(error);
          }),
      );
    });
  }

  status(): AdapterStatus {
    return this.state.snapshot();
  }

  /** The activities of messages, their files read from the store and carried inline. */
  private async render(to: ConversationRef, messages: OutboundMessage[]): Promise<Partial<Activity>[]> {
    const activities = [];
    for (const message of messages) {
      const files = await Promise.all(filesOf(message).map((a) => readFile('botframework', this.context.media, a)));
      activities.push(renderBotFrameworkActivity(message, { agentLabel: agentLabelFor(to, message, this.context.defaultLocale), files }));
    }
    return activities;
  }

  /** A file of an activity: a data: URL decoded, else downloaded from its contentUrl (or Teams' downloadUrl). */
  private async fetchFile(file: ActivityFile): Promise<Buffer> {
    const inline = /^data:[^;,]*(;base64)?,(.*)$/s.exec(file.url);
    if (inline) return Buffer.from(inline[1] ? inline[2] : decodeURIComponent(inline[2]), inline[1] ? 'base64' : 'utf8');
    return download('botframework', file.url, this.context.media.maxBytes);
  }

  private started(): CloudAdapter {
    if (this.cloud === undefined) throw new Error('the Bot Framework adapter has not started');
    return this.cloud;
  }

  private async turn(turnContext: TurnContext): Promise<void> {
    const sdk = this.sdk;
    const activity = turnContext.activity;
    if (sdk === undefined || activity.type !== 'message') return;
    // Teams puts "<at>Bot</at>" in group messages; the customer's words are what follows.
    const text = sdk.TurnContext.removeRecipientMention(activity) ?? activity.text ?? '';
    const inbound = normaliseActivity(activity, text, sdk.TurnContext.getConversationReference(activity));
    const inline = activity.deliveryMode === sdk.DeliveryModes.ExpectReplies;
    const files = activityFiles(activity).map((f, i) => ({ key: mediaKey('botframework', inbound.channelMessageId, i), kind: f.kind, name: f.name, data: () => this.fetchFile(f) }));
    const result = await storeInboundWithMedia({ inbox: this.context.inbox, status: this.state, log: this.log, media: this.context.media }, inbound, files, { inlineReplies: inline });
    if (!inline) return;
    const replies = await result.replies;
    if (replies.length === 0) return;
    const ref = { channel: this.channel, externalUserId: inbound.externalUserId, conversationKey: inbound.conversationKey, replyContext: inbound.replyContext };
    await turnContext.sendActivities(await this.render(ref, replies));
    this.state.sent();
  }
}

/** The connector's RestError carries statusCode: 429 and 5xx are worth retrying, as is no answer at all. */
function toChannelError(error: unknown): ChannelError {
  if (error instanceof ChannelError) return error;
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  const retryable = typeof status !== 'number' || status === 429 || status >= 500;
  return new ChannelError('botframework', error instanceof Error ? error.message : String(error), { code: typeof status === 'number' ? status : undefined, retryable, cause: error });
}
