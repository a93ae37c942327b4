/**
 * Which embedded MongoDB-protocol server to start when MONGODB_URI is not set. Pure, so the
 * fallback order is testable: a real mongod first (named, cached, or downloadable), FerretDB on
 * SQLite next (prebuilt, or built with Go), else a message saying exactly what to set or install.
 */
export type EmbeddedKind = 'mongod' | 'ferretdb';

export interface EmbeddedFacts {
  preference: 'auto' | EmbeddedKind;
  /** MONGOMS_SYSTEM_BINARY names an existing file. */
  mongodSystemBinary: boolean;
  /** mongodb-memory-server's cache already holds a mongod. */
  mongodCached: boolean;
  /** A mongod download was tried recently and failed (no network to the MongoDB CDN). */
  mongodDownloadFailedRecently: boolean;
  ferretdbBinary: boolean;
  goToolchain: boolean;
}

export type EmbeddedChoice =
  | { kind: 'mongod'; download: boolean }
  | { kind: 'ferretdb'; build: boolean }
  | { kind: 'none'; message: string };

export const NO_SERVER_MESSAGE =
  'No MongoDB server is available. Set MONGODB_URI to a running MongoDB (e.g. mongodb://127.0.0.1:27017/kefu), ' +
  'or set MONGOMS_SYSTEM_BINARY to a mongod binary, or install Go (https://go.dev/dl/) so that FerretDB ' +
  'can be built into .tools/bin, or set FERRETDB_BIN to a FerretDB 1.x binary.';

/** Decides the embedded server; `auto` tries mongod before FerretDB. */
export function chooseEmbeddedServer(f: EmbeddedFacts): EmbeddedChoice {
  const mongodReady = f.mongodSystemBinary || f.mongodCached;
  const ferretPossible = f.ferretdbBinary || f.goToolchain;
  if (f.preference === 'mongod') {
    return { kind: 'mongod', download: !mongodReady };
  }
  if (f.preference === 'ferretdb') {
    return ferretPossible
      ? { kind: 'ferretdb', build: !f.ferretdbBinary }
      : { kind: 'none', message: NO_SERVER_MESSAGE };
  }
  if (mongodReady) return { kind: 'mongod', download: false };
  if (!f.mongodDownloadFailedRecently) return { kind: 'mongod', download: true };
  if (ferretPossible) return { kind: 'ferretdb', build: !f.ferretdbBinary };
  return { kind: 'none', message: NO_SERVER_MESSAGE };
}
