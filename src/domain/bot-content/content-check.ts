import type { Config } from '../../config/config';
import { LOCALES } from '../../core/message';
import type { BotVersion } from '../../core/turn/bot-version';
import { allKeys, type Resources } from '../../i18n/i18n';
import { compileContent } from '../../conversation/bot';
import type { BotContent } from '../../flows/bot-content';
import { FlowError } from '../../flows/flow-loader';
import { conversationTestFileSchema } from '../../flows/conversation-test-schema';
import { contentFromBundle, type BotBundle, type Section } from './content-bundle';

/** One thing wrong with bot content: the message `npm run flows:check` prints, and where it is. */
export interface Problem {
  section: Section;
  message: string;
  /** The part of the section (a flow file, a namespace, a test file). */
  name?: string;
  flowId?: string;
  stepId?: string;
  /** The step's (or the flow's) field at fault: `next`, `options.1.label`, `prompt`. */
  field?: string;
}

/** Keys one locale has and another lacks (every locale must have the same texts). */
export function localeParityProblems(resources: Resources): string[] {
  const keys = Object.fromEntries(LOCALES.map((l) => [l, new Set(allKeys(resources, l))]));
  const problems: string[] = [];
  for (const locale of LOCALES) {
    for (const other of LOCALES) {
      for (const key of keys[other]) if (!keys[locale].has(key)) problems.push(`locales/${locale}: key "${key}" exists in ${other} but not here`);
    }
  }
  return [...new Set(problems)];
}

/**
 * Problems of the conversation test files (their shape; playing them is the sandbox's job), and
 * how many tests there are (of one company profile, when given).
 */
export function testFileProblems(tests: Record<string, unknown>, profile?: string): { problems: Problem[]; count: number } {
  const problems: Problem[] = [];
  let count = 0;
  for (const [name, data] of Object.entries(tests)) {
    const parsed = conversationTestFileSchema.safeParse(data);
    if (parsed.success) count += parsed.data.tests.filter((t) => !profile || (t.profile ?? parsed.data.profile) === profile).length;
    else problems.push({ section: 'tests', name, message: `flows/tests/${name}.yaml: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}` });
  }
  return { problems, count };
}

/** Which section a compile error names (its message starts with the file). */
function sectionOf(message: string, content: BotContent): Section {
  const { profile } = content;
  if (message.startsWith(`flows/${profile.catalogue}`)) return 'catalogue';
  if (message.startsWith('flows/intents.yaml')) return 'intents';
  if (message.startsWith(`flows/${profile.knowledge}`)) return 'knowledge';
  if (message.startsWith('flows/knowledge/common.yaml')) return 'commonKnowledge';
  if (message.startsWith('flows/profiles/')) return 'profile';
  if (message.startsWith('locales')) return 'wording';
  return 'flows';
}

/** A compile error as a problem: a flow error keeps its flow, step and field. */
function problemOf(err: unknown, content: BotContent): Problem {
  if (err instanceof FlowError) {
    return { section: 'flows', name: err.file.replace(/\.ya?ml$/, ''), flowId: err.flowId, stepId: err.stepId, field: err.field, message: err.message };
  }
  const message = err instanceof Error ? err.message : String(err);
  return { section: sectionOf(message, content), message };
}

export interface CheckResult {
  problems: Problem[];
  /** The compiled bot when the content has no problem. */
  version?: BotVersion;
  content?: BotContent;
  testCount: number;
}

/**
 * The check of `npm run flows:check`, on a bundle (a draft, an import, the files): the profile,
 * flows (steps, gotos, actions, every text in every locale), catalogue, intents, FAQ and small
 * talk as the service compiles them; the same keys in every locale; well-formed conversation tests.
 * Compiling stops at the first error, as the service's start does.
 */
export function checkBundle(config: Config, bundle: BotBundle): CheckResult {
  const problems: Problem[] = [];
  const tests = testFileProblems(bundle.tests, typeof bundle.profile.id === 'string' ? bundle.profile.id : undefined);
  let content: BotContent;
  try {
    content = contentFromBundle(bundle);
  } catch (err) {
    return { problems: [{ section: 'profile', message: (err as Error).message }, ...tests.problems], testCount: tests.count };
  }
  let version: BotVersion | undefined;
  try {
    version = compileContent(config, content);
  } catch (err) {
    problems.push(problemOf(err, content));
  }
  for (const message of localeParityProblems(content.resources)) problems.push({ section: 'wording', name: /key "([^:"]+):/.exec(message)?.[1], message });
  problems.push(...tests.problems);
  return { problems, version: problems.length ? undefined : version, content, testCount: tests.count };
}
