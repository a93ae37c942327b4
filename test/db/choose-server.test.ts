import { chooseEmbeddedServer, NO_SERVER_MESSAGE, type EmbeddedFacts } from '../../src/db/embedded/choose-server';

const none: EmbeddedFacts = {
  preference: 'auto',
  mongodSystemBinary: false,
  mongodCached: false,
  mongodDownloadFailedRecently: false,
  ferretdbBinary: false,
  goToolchain: false,
};

describe('embedded database choice', () => {
  it('prefers a real mongod named by MONGOMS_SYSTEM_BINARY or already cached', () => {
    expect(chooseEmbeddedServer({ ...none, mongodSystemBinary: true, ferretdbBinary: true })).toEqual({ kind: 'mongod', download: false });
    expect(chooseEmbeddedServer({ ...none, mongodCached: true, goToolchain: true })).toEqual({ kind: 'mongod', download: false });
  });

  it('tries to download mongod before falling back, unless that failed recently', () => {
    expect(chooseEmbeddedServer({ ...none, goToolchain: true })).toEqual({ kind: 'mongod', download: true });
    expect(chooseEmbeddedServer({ ...none, goToolchain: true, mongodDownloadFailedRecently: true })).toEqual({ kind: 'ferretdb', build: true });
  });

  it('uses a built FerretDB without building it again', () => {
    expect(chooseEmbeddedServer({ ...none, ferretdbBinary: true, goToolchain: true, mongodDownloadFailedRecently: true })).toEqual({ kind: 'ferretdb', build: false });
  });

  it('says exactly what to set or install when nothing can run', () => {
    const choice = chooseEmbeddedServer({ ...none, mongodDownloadFailedRecently: true });
    expect(choice).toEqual({ kind: 'none', message: NO_SERVER_MESSAGE });
    expect(NO_SERVER_MESSAGE).toMatch(/MONGODB_URI/);
    expect(NO_SERVER_MESSAGE).toMatch(/MONGOMS_SYSTEM_BINARY/);
    expect(NO_SERVER_MESSAGE).toMatch(/Go/);
    expect(chooseEmbeddedServer({ ...none, preference: 'ferretdb' }).kind).toBe('none');
  });

  it('honours an explicit EMBEDDED_DB choice', () => {
    expect(chooseEmbeddedServer({ ...none, preference: 'ferretdb', goToolchain: true, mongodCached: true })).toEqual({ kind: 'ferretdb', build: true });
    expect(chooseEmbeddedServer({ ...none, preference: 'mongod', ferretdbBinary: true })).toEqual({ kind: 'mongod', download: true });
  });
});
