/**
 * Resolves the embedded database (mongo-java-server's jars, with Maven from Maven Central) into
 * .tools unless it is there. CI runs this before the tests so that the first test does not wait;
 * `npm start` does the same by itself when it needs it.
 */
import pino from 'pino';
import { PROJECT_ROOT } from '../src/db/database';
import { ensureJars } from '../src/db/embedded/mongo-java-server';
import { hasMaven, javaMajorVersion } from '../src/db/embedded/jre';
import { NO_SERVER_MESSAGE } from '../src/db/embedded/choose-server';

async function main(): Promise<void> {
  const log = pino({ transport: { target: 'pino-pretty', options: { colorize: false } } });
  const java = await javaMajorVersion();
  if ((java ?? 0) < 17 || !(await hasMaven())) {
    log.error(`${java ? `java ${java} is too old (17+ needed)` : 'no java on the PATH'}. ${NO_SERVER_MESSAGE}`);
    process.exit(1);
  }
  log.info({ jars: await ensureJars(PROJECT_ROOT, log) }, 'embedded database ready');
}

void main();
