import { structuredPatch } from 'diff';
import { stringify } from 'yaml';
import { LOCALES, type Locale } from '../../core/message';
import { NAMED_SECTIONS, SINGLE_SECTIONS, type BotBundle, type NamespaceWording, type Section } from './content-bundle';

/** A text that differs between two versions: added (no `before`), removed (no `after`) or changed. */
export interface TextChange {
  key: string;
  locale: Locale;
  before?: string;
  after?: string;
}

/** What differs in one part: its YAML as unified-diff hunks, or (wording) the texts that changed. */
export interface DiffEntry {
  section: Section;
  name?: string;
  change: 'added' | 'removed' | 'changed';
  /** `@@ -3,4 +3,5 @@`, then lines starting with " ", "-" or "+". */
  lines?: string[];
  texts?: TextChange[];
}

const CONTEXT = 2;

/** Every text of a tree as "a.b" → text. */
function flatten(node: unknown, prefix = '', out = new Map<string, string>()): Map<string, string> {
  if (typeof node === 'string') out.set(prefix, node);
  else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  return out;
}

function yamlLines(a: unknown, b: unknown): string[] {
  const patch = structuredPatch('a', 'b', a === undefined ? '' : stringify(a), b === undefined ? '' : stringify(b), undefined, undefined, { context: CONTEXT });
  return patch.hunks.flatMap((h) => [`@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@`, ...h.lines]);
}

function wordingChanges(ns: string, a: NamespaceWording | undefined, b: NamespaceWording | undefined): TextChange[] {
  const changes: TextChange[] = [];
  for (const locale of LOCALES) {
    const before = flatten(a?.[locale]);
    const after = flatten(b?.[locale]);
    for (const key of [...new Set([...before.keys(), ...after.keys()])].sort()) {
      const x = before.get(key);
      const y = after.get(key);
      if (x !== y) changes.push({ key: `${ns}:${key}`, locale, ...(x === undefined ? {} : { before: x }), ...(y === undefined ? {} : { after: y }) });
    }
  }
  return changes;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const changeOf = (a: unknown, b: unknown): DiffEntry['change'] => (a === undefined ? 'added' : b === undefined ? 'removed' : 'changed');

/** What changed from `a` to `b`, part by part (flows and tests as YAML hunks, wording text by text). */
export function diffBundles(a: BotBundle, b: BotBundle): DiffEntry[] {
  const entries: DiffEntry[] = [];
  for (const section of SINGLE_SECTIONS) {
    if (!same(a[section], b[section])) entries.push({ section, change: 'changed', lines: yamlLines(a[section], b[section]) });
  }
  for (const section of NAMED_SECTIONS) {
    const x = a[section] as Record<string, unknown>;
    const y = b[section] as Record<string, unknown>;
    for (const name of [...new Set([...Object.keys(x), ...Object.keys(y)])].sort()) {
      if (same(x[name], y[name])) continue;
      const change = changeOf(x[name], y[name]);
      if (section === 'wording') entries.push({ section, name, change, texts: wordingChanges(name, a.wording[name], b.wording[name]) });
      else entries.push({ section, name, change, lines: yamlLines(x[name], y[name]) });
    }
  }
  return entries;
}
