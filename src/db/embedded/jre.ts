import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The major version of `java` on the PATH (17 for "17.0.15"), or undefined when there is none. */
export async function javaMajorVersion(): Promise<number | undefined> {
  try {
    // `java -version` writes to stderr: openjdk version "17.0.15" 2025-04-15
    const { stderr, stdout } = await run('java', ['-version']);
    const m = /version "(\d+)(?:\.(\d+))?/.exec(stderr + stdout);
    if (!m) return undefined;
    const major = Number(m[1]);
    return major === 1 ? Number(m[2]) : major;
  } catch {
    return undefined;
  }
}

/** True when Maven (`mvn`) runs. */
export async function hasMaven(): Promise<boolean> {
  try {
    await run('mvn', ['--version']);
    return true;
  } catch {
    return false;
  }
}
