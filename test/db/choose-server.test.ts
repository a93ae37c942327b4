import { chooseEmbeddedServer, NO_SERVER_MESSAGE, type EmbeddedFacts } from '../../src/db/embedded/choose-server';

const none: EmbeddedFacts = {
  preference: 'auto',
  mongodSystemBinary: false,
  mongodCached: false,
  mongodDownloadFailedRecently: false,
  javaRuntime: false,
  jarsResolved: false,
  maven: false,
};
const java = { javaRuntime: true, maven: true };

describe('embedded database choice', () => {
  it('prefers a real mongod named by MONGOMS_SYSTEM_BINARY or already cached', () => {
    expect(chooseEmbeddedServer({ ...none, ...java, mongodSystemBinary: true })).toEqual({ kind: 'mongod', download: false });
    expect(chooseEmbeddedServer({ ...none, ...java, mongodCached: true })).toEqual({ kind: 'mongod', download: false });
  });

  it('tries to download mongod before falling back to mongo-java-server, unless that failed recently', () => {
    expect(chooseEmbeddedServer({ ...none, ...java })).toEqual({ kind: 'mongod', download: true });
    expect(chooseEmbeddedServer({ ...none, ...java, mongodDownloadFailedRecently: true })).toEqual({ kind: 'mongo-java-server', resolve: true });
  });

  it('uses resolved jars without Maven and without resolving them again', () => {
    expect(chooseEmbeddedServer({ ...none, javaRuntime: true, jarsResolved: true, mongodDownloadFailedRecently: true })).toEqual({ kind: 'mongo-java-server', resolve: false });
  });

  it('says exactly what to set or install when nothing can run', () => {
    expect(chooseEmbeddedServer({ ...none, mongodDownloadFailedRecently: true })).toEqual({ kind: 'none', message: NO_SERVER_MESSAGE });
    // A JRE without Maven (and no jars yet) cannot resolve the server either.
    expect(chooseEmbeddedServer({ ...none, javaRuntime: true, mongodDownloadFailedRecently: true }).kind).toBe('none');
    expect(NO_SERVER_MESSAGE).toMatch(/MONGODB_URI/);
    expect(NO_SERVER_MESSAGE).toMatch(/MONGOMS_SYSTEM_BINARY/);
    expect(NO_SERVER_MESSAGE).toMatch(/Java runtime 17\+ and Maven/);
    expect(chooseEmbeddedServer({ ...none, preference: 'mongo-java-server' }).kind).toBe('none');
  });

  it('honours an explicit EMBEDDED_DB choice', () => {
    expect(chooseEmbeddedServer({ ...none, ...java, preference: 'mongo-java-server', mongodCached: true })).toEqual({ kind: 'mongo-java-server', resolve: true });
    expect(chooseEmbeddedServer({ ...none, ...java, preference: 'mongod' })).toEqual({ kind: 'mongod', download: true });
  });
});
