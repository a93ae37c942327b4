import { ApiError, requestJson, type RequestOptions } from '../../../shared/http';
import type {
  BotDiffEntry, BotDraftState, BotDraftView, BotSection, BotTestRunView, BotTryAnswer, BotVersionList, BotVersionMeta,
} from '../../../../src/http/contract/bot-content';
import type { Locale } from '../../../../src/http/contract/enums';
import { me } from '../../state/session';
import { stopLive } from '../../state/live';

const B = '/api/v1/console/bot';

/** A request of the console's session; a 401 (the session ended) signs the console out, as every console call does. */
async function call<T>(url: string, opts: RequestOptions = {}): Promise<T> {
  try {
    return await requestJson<T>(url, { credentials: 'same-origin', ...opts });
  } catch (err) {
    if (err instanceof ApiError && err.status === 401 && me.value) {
      stopLive();
      me.value = null;
    }
    throw err;
  }
}
const q = (params: Record<string, string | number | undefined>) => {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) s.set(k, String(v));
  return `?${s.toString()}`;
};

/** One part of the draft: a flow, a namespace's wording, a test file, or a whole section. */
export interface PartRef {
  section: BotSection;
  name?: string;
}

/** The bot-content API (managers), typed by its contract. Every method throws ApiError. */
export const scriptsApi = {
  draft: () => call<BotDraftView>(`${B}/draft`),
  part: (p: PartRef) => call<{ value: unknown; yaml: string }>(`${B}/draft/part${q({ section: p.section, name: p.name })}`),
  save: (p: PartRef, value: unknown) => call<BotDraftState>(`${B}/draft/part`, { method: 'PUT', body: { section: p.section, name: p.name, value } }),
  saveYaml: (p: PartRef, yaml: string) => call<BotDraftState>(`${B}/draft/part`, { method: 'PUT', body: { section: p.section, name: p.name, yaml } }),
  remove: (p: PartRef) => call<BotDraftState>(`${B}/draft/part${q({ section: p.section, name: p.name })}`, { method: 'DELETE' }),
  discard: () => call<BotDraftState>(`${B}/draft`, { method: 'DELETE' }),
  importText: (text: string) => call<BotDraftState>(`${B}/draft/import`, { method: 'POST', body: { text }, timeoutMs: 60_000 }),
  importFiles: () => call<BotDraftState>(`${B}/draft/import`, { method: 'POST', body: { source: 'files' } }),
  exportUrl: (which: number | 'draft', format: 'yaml' | 'json') => (which === 'draft' ? `${B}/draft/export?format=${format}` : `${B}/versions/${which}/export?format=${format}`),
  startTests: (again = false) => call<BotTestRunView>(`${B}/tests`, { method: 'POST', body: { again } }),
  testRun: (id: string) => call<BotTestRunView>(`${B}/tests/${encodeURIComponent(id)}`),
  publish: (note: string) => call<BotVersionMeta>(`${B}/publish`, { method: 'POST', body: { note } }),
  versions: () => call<BotVersionList>(`${B}/versions`),
  rollback: (n: number, note: string) => call<BotVersionMeta>(`${B}/versions/${n}/rollback`, { method: 'POST', body: { note } }),
  diff: (from: number | 'draft', to: number | 'draft') => call<{ entries: BotDiffEntry[] }>(`${B}/diff${q({ from, to })}`),
  /** The sandbox may need a few seconds to start its first bot. */
  tryTurn: (body: { session: string; start?: boolean; text?: string; choice?: string; locale?: Locale }) => call<BotTryAnswer>(`${B}/try`, { method: 'POST', body, timeoutMs: 90_000 }),
};

export { ApiError };
