import type { FastifyInstance } from 'fastify';
import mongoose from 'mongoose';
import type { Agenda } from 'agenda';
import type { Logger } from 'pino';
import type { ChannelId } from './core/message';
import type { Config } from './config/config';
import { openDatabase, type Database } from './db/database';
import { setReportTimeZone } from './domain/shared/local-day';
import { ensureFirstAdmin } from './bootstrap/first-admin';
import { createServer } from './http/server';
import { transportFromConfig } from './http/transport';
import { staticRoutes } from './http/routes/static.routes';
import { createScheduler } from './jobs/scheduler';
import { createBackOffice } from './back-office/back-office';
import { followUpSurveyJob } from './jobs/follow-up-survey.job';
import { orderConfirmationJob } from './jobs/order-confirmation.job';
import { DEFAULT_DIRS, loadBot } from './conversation/bot';
import { BotContentService } from './domain/bot-content/bot-content.service';
import type { Engine } from './conversation/engine';
import { EventBus } from './conversation/events';
import { ConversationService } from './conversation/conversation.service';
import { AdapterRegistry } from './channels/registry';
import { createAdapters } from './channels/adapters-from-config';
import { Outbox } from './conversation/outbox';
import { instanceLeases } from './db/lease';
import { mongoNonceStore } from './db/webhook-nonces';
import { ReplayGuard } from '../adapters/shared/replay-guard';
import { metricsPlugin } from './metrics/metrics.plugin';
import { watchService } from './metrics/service-metrics';
import { Recovery } from './conversation/turns/recovery';
import { setTurnLease } from './conversation/turns/conversation-store';
import { cachedAvailability } from './conversation/agents-available';
import { wireOutboxNudges } from './realtime/outbox-nudge';
import { agentsOnline, PresenceService } from './domain/user/presence.service';
import { warmUpSegmenter } from './domain/forbidden-phrase/word-segments';
import { trackConsolePresence } from './realtime/console.namespace';
import { SessionService } from './domain/user/session.service';
import { AgentChatService } from './conversation/agent-chat.service';
import { AssignmentService } from './conversation/assignment.service';
import { seedLiveChat } from './bootstrap/live-chat-seed';
import { liveChatPlugins } from './http/live-chat.plugins';
import { attachRealtime } from './realtime/socket-server';
import { MediaService } from './domain/media/media.service';
import { GridFsStorage } from './domain/media/gridfs-storage';
import { attachToOpenComplaint } from './domain/complaint/complaint-evidence';

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
  /** The bot's drafts and published versions (issue 10). */
  botContent: BotContentService;
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
  setTurnLease(config.TURN_LEASE_SECONDS * 1000);
  const outbox = new Outbox({ registry: adapters, events, log, lockMs: config.DELIVERY_LOCK_SECONDS * 1000, retryMs: config.DELIVERY_RETRY_SECONDS * 1000 });
  // Pictures, files and voice of every channel, in GridFS (issue 13).
  const media = new MediaService(new GridFsStorage(), { maxBytes: config.MEDIA_MAX_BYTES, allowedTypes: config.MEDIA_ALLOWED_TYPES });
  const conversations = new ConversationService({ engine, events, log, outbox, agentsAvailable: cachedAvailability(agentsOnline, events) });
  const replay = new ReplayGuard({ nonces: mongoNonceStore(log), windowMs: config.WEBHOOK_MAX_AGE_SECONDS * 1000 });
  for (const adapter of createAdapters(config, conversations, log, { roles: instanceLeases, resumeOutbox: (channel) => void outbox.resume(channel), replay, media })) adapters.register(adapter);
  const agentChat = new AgentChatService({ events, engine, outbox });
  new AssignmentService({ agentChat, engine, events, outbox, mode: config.ASSIGNMENT_MODE, defaultMaxChats: config.AGENT_MAX_CHATS, log }).register();
  const sessions = new SessionService({ ttlHours: config.SESSION_TTL_HOURS, maxFailures: config.LOGIN_MAX_FAILURES, lockMinutes: config.LOGIN_LOCK_MINUTES });
  // Back office (issue 11): PII keys first, before anything personal is written; its jobs, routes and notices.
  const backOffice = createBackOffice({ config, log, events, outbox, adapters, sessions });
  const presence = new PresenceService({ graceSeconds: config.PRESENCE_GRACE_SECONDS, onSignIn: config.PRESENCE_ON_SIGN_IN, announce: (user) => events.emit('agent.presence', { user }), log });
  warmUpSegmenter();
  outbox.register();
  // A photo sent while a complaint of the conversation is open becomes its evidence (issue 13).
  events.on('message.created', ({ message }) => attachToOpenComplaint(message));
  const recovery = new Recovery({ turns: conversations.turns, outbox, log, intervalMs: config.RECOVERY_INTERVAL_SECONDS * 1000 });
  const database = await openDatabase(config, log, {
    // The embedded server died and could not be started again: nothing can be served.
    onServerLost: (err) => {
      log.fatal({ err: err.message }, 'the embedded database is gone and could not be restarted; stopping');
      process.exitCode = 1;
      process.kill(process.pid, 'SIGTERM');
    },
  });
  let scheduler: Agenda | undefined;
  let botContent: BotContentService | undefined;
  // Counts messages, deliveries and database failures for GET /metrics; reads the queues on scrape.
  const stopMetrics = watchService(events, mongoose.connection);
  try {
    await ensureFirstAdmin({ email: config.ADMIN_EMAIL, password: config.ADMIN_PASSWORD }, log);
    await seedLiveChat(log);
    // The published bot version (the files seed an empty database), watched from now on.
    botContent = new BotContentService({ config, engine, log, dirs: DEFAULT_DIRS, database: { uri: database.uri, name: mongoose.connection.name } });
    await botContent.start();
    const bot = botContent;
    // A stale "online" left by a stopped instance is cleared before any chat is routed.
    await presence.start();
    // The bot can reach a customer first on the web widget or any channel with an adapter.
    const canDeliver = (channel: ChannelId) => channel === 'web' || adapters.has(channel);
    const jobs = [followUpSurveyJob({ conversations, canDeliver, log }), orderConfirmationJob({ conversations, canDeliver, log }), ...backOffice.jobs];
    scheduler = await createScheduler(database.uri, config.TIME_ZONE, jobs, log);
    const app = await createServer({
      logger: log,
      transport: transportFromConfig(config),
      redisUrl: config.REDIS_URL,
      health: { databaseKind: database.kind, databaseServer: database.server?.health, startedAt: new Date(), channels: () => adapters.statuses() },
      plugins: [
        // First, and not encapsulated: its hooks time every route registered after it.
        { plugin: metricsPlugin, options: { token: config.METRICS_TOKEN } },
        { plugin: staticRoutes, options: { prechatForm: config.WIDGET_PRECHAT_FORM, upload: { maxBytes: config.MEDIA_MAX_BYTES, types: config.MEDIA_ALLOWED_TYPES } } },
        ...liveChatPlugins({ config, sessions, presence, conversations, agentChat, engine, events, media, botContent: bot }),
        ...backOffice.plugins,
        // Each channel's webhooks, encapsulated: they parse their bodies raw for the signature checks.
        ...adapters.all().flatMap((adapter) => (adapter.routes ? [{ plugin: adapter.routes }] : [])),
      ],
    });
    const realtime = attachRealtime({
      app, events, sessions, log, redisUrl: config.REDIS_URL,
      socketLimits: { perConversation: config.WIDGET_SOCKETS_PER_CONVERSATION, perSession: config.CONSOLE_SOCKETS_PER_SESSION },
    });
    wireOutboxNudges(realtime.io, outbox, adapters, !!config.REDIS_URL);
    trackConsolePresence(realtime.io.of('/console'), presence);
    backOffice.attach(realtime.io.of('/console'));
    await adapters.startAll();
    // Turns and deliveries a crash left pending, now and on a timer.
    recovery.start();
    const started = scheduler;
    return {
      app,
      database,
      scheduler: started,
      engine,
      events,
      conversations,
      adapters,
      botContent: bot,
      async close() {
        presence.stop();
        backOffice.close();
        await bot.stop();
        await realtime.close();
        // In-flight requests get a few seconds; a connection a client left half-open (a network
        // drop, no FIN) would otherwise hold the close until engine.io's ping timeout.
        const deadline = setTimeout(() => app.server.closeAllConnections(), CLOSE_GRACE_MS);
        await app.close().finally(() => clearTimeout(deadline));
        await adapters.stopAll();
        await recovery.stop();
        // The scheduler unlocks its jobs on stop; with the database gone that would wait forever.
        await withTimeout(started.stop().then(() => started.close({ force: true })), 5000).catch((err) => log.warn({ err }, 'scheduler did not stop cleanly'));
        stopMetrics();
        await database.close();
      },
    };
  } catch (err) {
    presence.stop();
    backOffice.close();
    await botContent?.stop().catch(() => undefined);
    stopMetrics();
    await scheduler?.stop().catch(() => undefined);
    await database.close();
    throw err;
  }
}
