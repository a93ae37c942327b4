import type { FastifyPluginAsync } from 'fastify';
import type { Config } from '../config/config';
import type { SessionService } from '../domain/user/session.service';
import type { ConversationService } from '../conversation/conversation.service';
import type { AgentChatService } from '../conversation/agent-chat.service';
import type { Engine } from '../conversation/engine';
import type { EventBus } from '../conversation/events';
import { clientRoutes } from './routes/client.routes';
import { authRoutes } from './routes/auth.routes';
import { consoleAgentsRoutes } from './routes/console-agents.routes';
import { consoleInboxRoutes } from './routes/console-inbox.routes';
import { consoleChatRoutes } from './routes/console-chat.routes';
import { consolePhrasesRoutes } from './routes/console-phrases.routes';
import { consoleCannedRoutes } from './routes/console-canned.routes';
import { consoleCustomersRoutes } from './routes/console-customers.routes';
import { consoleRecordsRoutes } from './routes/console-records.routes';

export interface LiveChatDeps {
  config: Config;
  sessions: SessionService;
  conversations: ConversationService;
  agentChat: AgentChatService;
  engine: Engine;
  events: EventBus;
}

/** The live-chat HTTP plugins (docs/live-chat-api.md) with their dependencies, for createServer. */
export function liveChatPlugins(d: LiveChatDeps): { plugin: FastifyPluginAsync<never>; options: unknown }[] {
  const { sessions } = d;
  return [
    { plugin: clientRoutes, options: { conversations: d.conversations, agentChat: d.agentChat } },
    { plugin: authRoutes, options: { sessions, events: d.events } },
    { plugin: consoleAgentsRoutes, options: { sessions, events: d.events, defaultMaxChats: d.config.AGENT_MAX_CHATS } },
    { plugin: consoleInboxRoutes, options: { sessions } },
    { plugin: consoleChatRoutes, options: { sessions, agentChat: d.agentChat } },
    { plugin: consolePhrasesRoutes, options: { sessions } },
    { plugin: consoleCannedRoutes, options: { sessions, engine: d.engine, defaultLocale: d.config.DEFAULT_LOCALE } },
    { plugin: consoleCustomersRoutes, options: { sessions } },
    { plugin: consoleRecordsRoutes, options: { sessions } },
  ];
}
