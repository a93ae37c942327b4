/**
 * Which embedded MongoDB-protocol server to start when MONGODB_URI is not set. Pure, so the
 * fallback order is testable: a real mongod first (named, cached, or downloadable), then
 * mongo-java-server on the JRE (its jars resolved once with Maven), else a message saying exactly
 * what to set or install.
 */
export type EmbeddedKind = 'mongod' | 'mongo-java-server';

export interface EmbeddedFacts {
  preference: 'auto' | EmbeddedKind;
  /** MONGOMS_SYSTEM_BINARY names an existing file. */
  mongodSystemBinary: boolean;
  /** mongodb-memory-server's cache already holds a mongod. */
  mongodCached: boolean;
  /** A mongod download was tried recently and failed (no network to the MongoDB CDN). */
  mongodDownloadFailedRecently: boolean;
  /** `java` is on the PATH, version 17 or later. */
  javaRuntime: boolean;
  /** mongo-java-server's jars are already resolved under .tools. */
  jarsResolved: boolean;
  /** `mvn` runs (to resolve the jars the first time). */
  maven: boolean;
}

export type EmbeddedChoice =
  | { kind: 'mongod'; download: boolean }
  | { kind: 'mongo-java-server'; resolve: boolean }
  | { kind: 'none'; message: string };

export const NO_SERVER_MESSAGE =
  'No MongoDB server is available. Set MONGODB_URI to a running MongoDB (e.g. mongodb://127.0.0.1:27017/kefu), ' +
  'or set MONGOMS_SYSTEM_BINARY to a mongod binary, or install a Java runtime 17+ and Maven ' +
  '(Debian/Ubuntu: apt-get install openjdk-17-jre-headless maven) for the embedded mongo-java-server.';

/** Decides the embedded server; `auto` tries mongod before mongo-java-server. */
export function chooseEmbeddedServer(f: EmbeddedFacts): EmbeddedChoice {
  const mongodReady = f.mongodSystemBinary || f.mongodCached;
  const javaPossible = f.javaRuntime && (f.jarsResolved || f.maven);
  const javaChoice: EmbeddedChoice = javaPossible ? { kind: 'mongo-java-server', resolve: !f.jarsResolved } : { kind: 'none', message: NO_SERVER_MESSAGE };
  if (f.preference === 'mongod') return { kind: 'mongod', download: !mongodReady };
  if (f.preference === 'mongo-java-server') return javaChoice;
  if (mongodReady) return { kind: 'mongod', download: false };
  if (!f.mongodDownloadFailedRecently) return { kind: 'mongod', download: true };
  return javaChoice;
}
