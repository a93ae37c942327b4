import fs from 'node:fs';
import path from 'node:path';
import mongoose from 'mongoose';
import type { Logger } from 'pino';
import type { Config } from '../config/config';
import { chooseEmbeddedServer } from './embedded/choose-server';
import { ensureJars, jarsResolved, startMongoJavaServer } from './embedded/mongo-java-server';
import { hasMaven, javaMajorVersion } from './embedded/jre';
import type { RunningServer } from './embedded/running-server';
import '../domain/models';
import { mongodCached, mongodDownloadFailedRecently, rememberMongodDownloadFailure, startMongod } from './embedded/mongod';

export const PROJECT_ROOT = path.resolve(__dirname, '..', '..');

/** An open database: the URI mongoose uses, which server it is, and how to close both. */
export interface Database {
  uri: string;
  kind: 'external' | 'mongod' | 'mongo-java-server';
  /** The embedded server, when we started one. */
  server?: RunningServer;
  close(): Promise<void>;
}

/** Error thrown when no server can be had; its message says what to set or install. */
export class NoDatabaseError extends Error {
  override name = 'NoDatabaseError';
}

export interface StartOptions {
  /** Keep the embedded mongo-java-server in memory (tests): nothing under DATA_DIR. */
  memory?: boolean;
  /** Called when the embedded server died and could not be brought back. */
  onServerLost?: (err: Error) => void;
}

/** Starts the embedded server the choice names (or uses MONGODB_URI) and returns its URI. */
export async function startDatabaseServer(config: Config, log: Logger, options: StartOptions = {}): Promise<{ uri: string; kind: Database['kind']; server?: RunningServer }> {
  if (config.MONGODB_URI) return { uri: config.MONGODB_URI, kind: 'external' };
  const dataDir = path.resolve(PROJECT_ROOT, config.DATA_DIR);
  if (config.DB_FRESH && !options.memory) {
    log.warn({ dataDir }, 'DB_FRESH is set: wiping the embedded database');
    fs.rmSync(path.join(dataDir, 'mongod'), { recursive: true, force: true });
    fs.rmSync(path.join(dataDir, 'mongo-java-server'), { recursive: true, force: true });
  }
  const java = await javaMajorVersion();
  const choice = chooseEmbeddedServer({
    preference: config.EMBEDDED_DB,
    mongodSystemBinary: !!config.MONGOMS_SYSTEM_BINARY && fs.existsSync(config.MONGOMS_SYSTEM_BINARY),
    mongodCached: mongodCached(),
    mongodDownloadFailedRecently: mongodDownloadFailedRecently(dataDir),
    javaRuntime: (java ?? 0) >= 17,
    jarsResolved: jarsResolved(PROJECT_ROOT),
    maven: jarsResolved(PROJECT_ROOT) || (await hasMaven()),
  });
  if (choice.kind === 'none') throw new NoDatabaseError(choice.message);
  if (choice.kind === 'mongod') {
    try {
      const server = await startMongod(path.join(dataDir, 'mongod'), config.MONGOMS_SYSTEM_BINARY, log);
      return { uri: `${server.uri.replace(/\/?$/, '/')}kefu`, kind: 'mongod', server };
    } catch (err) {
      if (config.EMBEDDED_DB === 'mongod' || !choice.download) throw err;
      log.warn({ err: (err as Error).message }, 'no mongod could be downloaded; falling back to mongo-java-server');
      rememberMongodDownloadFailure(dataDir);
      return startDatabaseServer(config, log, options);
    }
  }
  const jars = await ensureJars(PROJECT_ROOT, log);
  const server = await startMongoJavaServer({
    jars,
    dataDir: options.memory ? undefined : path.join(dataDir, 'mongo-java-server'),
    heapMb: config.DB_HEAP_MB,
    log,
    onGiveUp: options.onServerLost,
  });
  return { uri: `${server.uri}kefu`, kind: 'mongo-java-server', server };
}

/** Opens the database for the service: server (embedded if needed) plus the mongoose connection. */
export async function openDatabase(config: Config, log: Logger, options: StartOptions = {}): Promise<Database> {
  const { uri, kind, server } = await startDatabaseServer(config, log, options);
  try {
    await connectMongoose(uri);
  } catch (err) {
    await server?.stop();
    throw err;
  }
  log.info({ kind, db: mongoose.connection.name }, 'database connected');
  return {
    uri,
    kind,
    server,
    async close() {
      await mongoose.disconnect().catch(() => undefined);
      await server?.stop();
    },
  };
}

/** Connects mongoose and builds every model's indexes before anything is written. */
export async function connectMongoose(uri: string): Promise<void> {
  await mongoose.connect(uri, { serverSelectionTimeoutMS: 5000, autoIndex: false });
  await Promise.all(Object.values(mongoose.models).map((m) => m.createIndexes()));
}

/** Whether the database answers a ping now (for /healthz). */
export async function databaseAnswers(timeoutMs = 1500): Promise<boolean> {
  const db = mongoose.connection.db;
  if (!db || mongoose.connection.readyState !== 1) return false;
  try {
    await Promise.race([
      db.command({ ping: 1 }),
      new Promise((_, reject) => setTimeout(() => reject(new Error('ping timeout')), timeoutMs)),
    ]);
    return true;
  } catch {
    return false;
  }
}
