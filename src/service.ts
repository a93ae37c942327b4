import type { FastifyInstance } from 'fastify';
import type { Agenda } from 'agenda';
import type { Logger } from 'pino';
import type { ChannelId } from './core/message';
import type { Config } from './config/config';
import { openDatabase, type Database } from './db/database';
import { setReportTimeZone } from './domain/shared/local-day';
import { ensureFirstAdmin } from './bootstrap/first-admin';
import { createServer } from './http/server';
import { staticRoutes } from './http/routes/static.routes';
import { createScheduler } from './jobs/scheduler';
import { contractRenewalJob } from './jobs/contract-renewal.job';
import { followUpSurveyJob } from './jobs/follow-up-survey.job';
import { orderConfirmationJob } from './jobs/order-confirmation.job';
import { loadBot } from './conversation/bot';
import type { Engine } from './conversation/engine';
import { EventBus } from './conversation/events';
import { ConversationService } from './conversation/conversation.service';
import { AdapterRegistry } from './channels/registry';
import { createAdapters } from './channels/adapters-from-config';
import { registerOutboundDelivery } from './realtime/listeners/outbound-delivery.listener';
import { agentsOnline } from './domain/user/presence.service';
import { SessionService } from './domain/user/session.service';
import { AgentChatService } from './conversation/agent-chat.service';
import { AssignmentService } from './conversation/assignment.service';
import { seedLiveChat } from './bootstrap/live-chat-seed';
import { liveChatPlugins } from './http/live-chat.plugins';
import { attachRealtime } from './realtime/socket-server';

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([p, new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms)))]).finally(() => clearTimeout(timer));
}

const CLOSE_GRACE_MS = 3000;

/** The running service: what main() and whole-service tests hold on to. */
export interface Service {
  app: FastifyInstance;
  database: Database;
  scheduler: Agenda;
  engine: Engine;
  events: EventBus;
  conversations: ConversationService;
  adapters: AdapterRegistry;
  /** Stops accepting, lets in-flight requests finish, stops jobs, closes the database. */
  close(): Promise<void>;
}

/** Composition root: database, first admin, scheduler, HTTP. Does not listen (see main.ts). */
export async function startService(config: Config, log: Logger): Promise<Service> {
  setReportTimeZone(config.TIME_ZONE);
  // Flows, wording and catalogue load (and fail) before anything starts.
  const engine = loadBot(config);
  const events = new EventBus((err, event) => log.error({ err, event }, 'event listener failed'));
  const adapters = new AdapterRegistry();
  const deliversTo = (channel: ChannelId) => adapters.has(channel);
  const conversations = new ConversationService({ engine, events, log, deliversTo, agentsAvailable: agentsOnline });
  for (const adapter of createAdapters(config, conversations, log)) adapters.register(adapter);
  const agentChat = new AgentChatService({ conversations, events, engine, deliversTo });
  new AssignmentService({ agentChat, conversations, engine, events, deliversTo, mode: config.ASSIGNMENT_MODE, defaultMaxChats: config.AGENT_MAX_CHATS, log }).register();
  const sessions = new SessionService({ ttlHours: config.SESSION_TTL_HOURS, maxFailures: config.LOGIN_MAX_FAILURES, lockMinutes: config.LOGIN_LOCK_MINUTES });
  registerOutboundDelivery(events, adapters, log);
  const database = await openDatabase(config, log);
  let scheduler: Agenda | undefined;
  try {
    await ensureFirstAdmin({ email: config.ADMIN_EMAIL, password: config.ADMIN_PASSWORD }, log);
    await seedLiveChat(log);
    // The bot can reach a customer first on the web widget or any channel with an adapter.
    const canDeliver = (channel: ChannelId) => channel === 'web' || adapters.has(channel);
    const jobs = [contractRenewalJob(), followUpSurveyJob({ conversations, canDeliver, log }), orderConfirmationJob({ conversations, canDeliver, log })];
    scheduler = await createScheduler(database.uri, config.TIME_ZONE, jobs, log);
    const app = await createServer({
      logger: log,
      health: { databaseKind: database.kind, startedAt: new Date(), channels: () => adapters.statuses() },
      plugins: [
        { plugin: staticRoutes, options: { prechatForm: config.WIDGET_PRECHAT_FORM } },
        ...liveChatPlugins({ config, sessions, conversations, agentChat, engine, events }),
        // Each channel's webhooks, encapsulated: they parse their bodies raw for the signature checks.
        ...adapters.all().flatMap((adapter) => (adapter.routes ? [{ plugin: adapter.routes }] : [])),
      ],
    });
    const realtime = attachRealtime({ app, events, sessions, log });
    await adapters.startAll();
    const started = scheduler;
    return {
      app,
      database,
      scheduler: started,
      engine,
      events,
      conversations,
      adapters,
      async close() {
        await realtime.close();
        // In-flight requests get a few seconds; a connection a client left half-open (a network
        // drop, no FIN) would otherwise hold the close until engine.io's ping timeout.
        const deadline = setTimeout(() => app.server.closeAllConnections(), CLOSE_GRACE_MS);
        await app.close().finally(() => clearTimeout(deadline));
        await adapters.stopAll();
        // The scheduler unlocks its jobs on stop; with the database gone that would wait forever.
        await withTimeout(started.stop().then(() => started.close({ force: true })), 5000).catch((err) => log.warn({ err }, 'scheduler did not stop cleanly'));
        await database.close();
      },
    };
  } catch (err) {
    await scheduler?.stop().catch(() => undefined);
    await database.close();
    throw err;
  }
}
