import type { FastifyPluginAsync } from 'fastify';
import type { Config } from '../config/config';
import type { SessionService } from '../domain/user/session.service';
import type { PresenceService } from '../domain/user/presence.service';
import type { ConversationService } from '../conversation/conversation.service';
import type { AgentChatService } from '../conversation/agent-chat.service';
import type { Engine } from '../conversation/engine';
import type { EventBus } from '../conversation/events';
import type { MediaService } from '../domain/media/media.service';
import { servedOverHttps } from './transport';
import { clientRoutes } from './routes/client.routes';
import { authRoutes } from './routes/auth.routes';
import { consoleAgentsRoutes } from './routes/console-agents.routes';
import { consoleUsersRoutes } from './routes/console-users.routes';
import { consoleInboxRoutes } from './routes/console-inbox.routes';
import { consoleChatRoutes } from './routes/console-chat.routes';
import { consolePhrasesRoutes } from './routes/console-phrases.routes';
import { consoleViolationsRoutes } from './routes/console-violations.routes';
import { consoleCannedRoutes } from './routes/console-canned.routes';
import { consoleCustomersRoutes } from './routes/console-customers.routes';
import { consoleRecordsRoutes } from './routes/console-records.routes';
import { consoleMediaRoutes } from './routes/console-media.routes';
import { clientMediaRoutes } from './routes/client-media.routes';
import { botContentRoutes } from './routes/bot-content.routes';
import { botContentVersionsRoutes } from './routes/bot-content-versions.routes';
import type { BotContentService } from '../domain/bot-content/bot-content.service';

export interface LiveChatDeps {
  config: Config;
  sessions: SessionService;
  presence: PresenceService;
  conversations: ConversationService;
  agentChat: AgentChatService;
  engine: Engine;
  events: EventBus;
  media: MediaService;
  /** The bot's content as managers edit and publish it (issue 10). */
  botContent: BotContentService;
}

/** The live-chat HTTP plugins (docs/live-chat-api.md) with their dependencies, for createServer. */
export function liveChatPlugins(d: LiveChatDeps): { plugin: FastifyPluginAsync<never>; options: unknown }[] {
  const { sessions, presence, events } = d;
  const plugin = <T>(p: T) => p as unknown as FastifyPluginAsync<never>;
  return [
    {
      plugin: plugin(clientRoutes),
      options: { conversations: d.conversations, agentChat: d.agentChat, limits: { conversationsPerIp: d.config.RATE_LIMIT_CONVERSATIONS_PER_IP, messagesPerIp: d.config.RATE_LIMIT_MESSAGES_PER_IP } },
    },
    {
      plugin: plugin(authRoutes),
      options: {
        sessions,
        presence,
        events,
        limits: { perIp: d.config.RATE_LIMIT_LOGIN_PER_IP, perAccount: d.config.RATE_LIMIT_LOGIN_PER_ACCOUNT },
        secureCookie: servedOverHttps({ publicUrl: d.config.PUBLIC_URL }),
      },
    },
    { plugin: plugin(consoleAgentsRoutes), options: { sessions, presence, defaultMaxChats: d.config.AGENT_MAX_CHATS } },
    { plugin: plugin(consoleUsersRoutes), options: { sessions, presence, events } },
    { plugin: plugin(consoleInboxRoutes), options: { sessions } },
    { plugin: plugin(consoleChatRoutes), options: { sessions, agentChat: d.agentChat } },
    { plugin: plugin(consolePhrasesRoutes), options: { sessions } },
    { plugin: plugin(consoleViolationsRoutes), options: { sessions } },
    { plugin: plugin(consoleCannedRoutes), options: { sessions, engine: d.engine, defaultLocale: d.config.DEFAULT_LOCALE } },
    { plugin: plugin(consoleCustomersRoutes), options: { sessions } },
    { plugin: plugin(consoleRecordsRoutes), options: { sessions } },
    { plugin: plugin(consoleMediaRoutes), options: { sessions, agentChat: d.agentChat, media: d.media } },
    { plugin: plugin(clientMediaRoutes), options: { conversations: d.conversations, media: d.media } },
    { plugin: plugin(botContentRoutes), options: { sessions, botContent: d.botContent } },
    { plugin: plugin(botContentVersionsRoutes), options: { sessions, botContent: d.botContent } },
  ];
}
