import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { LOCALES } from '../core/message';
import { readLocaleFiles, type Resources } from '../i18n/i18n';
import { readFlowFiles, type FlowSource } from './flow-loader';
import { profileSchema, type Profile } from './profile';

/**
 * Everything a bot is made of, as parsed data: flows, wording, catalogue, intents, FAQ and small
 * talk of one company profile. Read from files here; a published version from the database has
 * the same shape, so the engine can switch to it at runtime (Engine.publish).
 */
export interface BotContent {
  profile: Profile;
  flows: FlowSource[];
  /** Wording with the profile's own texts already laid over the flows' texts. */
  resources: Resources;
  catalogue: unknown;
  intents: unknown;
  knowledge: unknown;
  commonKnowledge: unknown;
}

export interface BotDirs {
  flowsDir: string;
  localesDir: string;
}

function readYaml(file: string): unknown {
  try {
    return parse(fs.readFileSync(file, 'utf8'), { prettyErrors: true }) as unknown;
  } catch (err) {
    throw new Error(`${file}: ${(err as Error).message.split('\n')[0]}`, { cause: err });
  }
}

/** Reads a profile file; the error names the file and the field. */
export function readProfile(flowsDir: string, id: string): Profile {
  const file = path.join(flowsDir, 'profiles', `${id}.yaml`);
  if (!fs.existsSync(file)) throw new Error(`COMPANY_PROFILE "${id}": there is no flows/profiles/${id}.yaml`);
  const parsed = profileSchema.safeParse(readYaml(file));
  if (!parsed.success) throw new Error(`flows/profiles/${id}.yaml: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

/**
 * The profile's texts over the flows' texts: the namespace `wording` holds {"order": {"title": …}}
 * for order:title. Every key it replaces must exist, so a typo is an error, not a silent no-op.
 */
export function applyWording(resources: Resources, namespace: string | undefined): Resources {
  if (!namespace) return resources;
  const out = structuredClone(resources);
  for (const locale of LOCALES) {
    const overlay = resources[locale][namespace];
    if (!overlay) throw new Error(`locales/${locale}/${namespace}.json is missing`);
    for (const [ns, texts] of Object.entries(overlay)) {
      const base = out[locale][ns];
      if (!base || typeof texts !== 'object' || texts === null) throw new Error(`locales/${locale}/${namespace}.json: "${ns}" is not a namespace of texts`);
      for (const [key, text] of Object.entries(texts as Record<string, unknown>)) {
        if (!(key in base)) throw new Error(`locales/${locale}/${namespace}.json: "${ns}:${key}" replaces no text`);
        base[key] = text;
      }
    }
  }
  return out;
}

/** Reads the content of one company profile from flows/ and locales/ (once, at start). */
export function readBotContent(dirs: BotDirs, profileId: string): BotContent {
  const profile = readProfile(dirs.flowsDir, profileId);
  return {
    profile,
    flows: readFlowFiles(dirs.flowsDir),
    resources: applyWording(readLocaleFiles(dirs.localesDir), profile.wording),
    catalogue: readYaml(path.join(dirs.flowsDir, profile.catalogue)),
    intents: readYaml(path.join(dirs.flowsDir, 'intents.yaml')),
    knowledge: readYaml(path.join(dirs.flowsDir, profile.knowledge)),
    commonKnowledge: readYaml(path.join(dirs.flowsDir, 'knowledge', 'common.yaml')),
  };
}
