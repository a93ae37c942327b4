/**
 * The console's wording: every key the code uses exists in zh-CN, zh-TW and en, and the three
 * files have the same keys (no text is left in one language only). Static: reads the sources.
 */
import fs from 'node:fs';
import path from 'node:path';
import { CHANNELS, COMPLAINT_CATEGORIES, COMPLAINT_STATUSES, CONVERSATION_STATUSES, HANDOFF_REASONS, LEAD_STATUSES, PHRASE_CATEGORIES, PRESENCES, ROLES, VIOLATION_STATUSES } from '../../src/http/contract/enums';

const CONSOLE = path.resolve(__dirname, '../../web/console');
const LOCALES = ['zh-CN', 'zh-TW', 'en'] as const;

function flatten(o: Record<string, unknown>, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(o)) {
    if (v && typeof v === 'object') for (const [kk, vv] of flatten(v as Record<string, unknown>, `${prefix}${k}.`)) out.set(kk, vv);
    else out.set(`${prefix}${k}`, String(v));
  }
  return out;
}

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return /\.tsx?$/.test(e.name) ? [fs.readFileSync(p, 'utf8')] : [];
  });
}

const texts = Object.fromEntries(LOCALES.map((l) => [l, flatten(JSON.parse(fs.readFileSync(path.join(CONSOLE, 'locales', `${l}.json`), 'utf8')))]));
const code = sources(CONSOLE).join('\n');

describe('the console’s texts in three languages', () => {
  it('has the same keys in zh-CN, zh-TW and en, none empty', () => {
    const keys = [...texts['zh-CN'].keys()].sort();
    for (const l of LOCALES) {
      expect([...texts[l].keys()].sort()).toEqual(keys);
      expect([...texts[l].entries()].filter(([, v]) => !v.trim())).toEqual([]);
    }
  });

  it('has a text for every literal key the code asks for, and for every key built from a list', () => {
    const literal = [...code.matchAll(/\bt\('([a-zA-Z0-9_.-]+)'/g)].map((m) => m[1]);
    const labels = [...code.matchAll(/label: '([a-z]+\.[a-zA-Z.]+)'/g)].map((m) => m[1]);
    const missing = [...new Set([...literal, ...labels])].filter((k) => !texts['zh-CN'].has(k));
    expect(missing).toEqual([]);
    // Keys built from a value (`presence.${p}`): every value of their list has a text.
    const families: Record<string, readonly string[]> = {
      presence: PRESENCES,
      role: ROLES,
      status: CONVERSATION_STATUSES,
      channel: CHANNELS,
      handoff: HANDOFF_REASONS,
      lead: LEAD_STATUSES,
      'complaint.status': COMPLAINT_STATUSES,
      'complaint.category': COMPLAINT_CATEGORIES,
      category: PHRASE_CATEGORIES,
      'quality.status': VIOLATION_STATUSES,
      'quality.decision': ['confirm', 'waive', 'appeal', 'report', 'confirmTitle', 'waiveTitle', 'appealTitle'],
      'inbox.tab': ['waiting', 'mine', 'all'],
      locale: ['zh-CN', 'zh-TW', 'en'],
    };
    const absent = Object.entries(families).flatMap(([family, values]) => values.map((v) => `${family}.${v}`)).filter((k) => !texts['zh-CN'].has(k));
    expect(absent).toEqual([]);
  });

  it('writes Traditional Chinese in the zh-TW file (no Simplified-only characters left)', () => {
    const simplifiedOnly = /[们这说请选择个会话时间记录设删编辑数据账电]/;
    const leftovers = [...texts['zh-TW'].entries()].filter(([k, v]) => !k.startsWith('locale.') && simplifiedOnly.test(v));
    expect(leftovers).toEqual([]);
  });
});
