import { parse, stringify, YAMLParseError } from 'yaml';
import { AppError } from '../../errors';
import { botFileSchema, type BotBundle, type BotFile } from './content-bundle';

const invalid = (field: string, message: string) => new AppError('VALIDATION_FAILED', `${field}: ${message}`, { details: [{ field, message }] });

/**
 * An exported file as a bundle for the draft: YAML or JSON (JSON is YAML too), the shape checked
 * with the fields at fault named; the content itself is checked as every draft is.
 */
export function parseBotFile(text: string, profile: string): BotBundle {
  let data: unknown;
  try {
    data = parse(text, { prettyErrors: true, maxAliasCount: 1000 });
  } catch (err) {
    const line = err instanceof YAMLParseError && err.linePos ? ` (line ${err.linePos[0].line})` : '';
    throw invalid('text', `is not YAML or JSON${line}: ${(err as Error).message.split('\n')[0]}`);
  }
  const file = botFileSchema.safeParse(data);
  if (!file.success) {
    const issue = file.error.issues[0];
    throw invalid(issue.path.join('.') || 'text', issue.message);
  }
  if (file.data.profile !== profile) throw invalid('profile', `the file is for the company profile "${file.data.profile}"; this service runs "${profile}"`);
  return file.data.content as BotBundle;
}

/** A bundle as one file: which profile, which version, when. */
export function exportBotFile(bundle: BotBundle, profile: string, version: number | undefined, format: 'yaml' | 'json'): { filename: string; type: string; body: string } {
  const file: BotFile = { format: 'kefu-bot/1', profile, ...(version === undefined ? {} : { version }), exportedAt: new Date().toISOString(), content: bundle };
  const name = `kefu-bot-${profile}-${version === undefined ? 'draft' : `v${version}`}`;
  return format === 'json'
    ? { filename: `${name}.json`, type: 'application/json; charset=utf-8', body: `${JSON.stringify(file, null, 2)}\n` }
    : { filename: `${name}.yaml`, type: 'application/yaml; charset=utf-8', body: stringify(file, { lineWidth: 0 }) };
}
