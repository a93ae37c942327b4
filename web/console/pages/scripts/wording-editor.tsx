import { useMemo, useState } from 'preact/hooks';
import { t } from '../../i18n';
import { go } from '../../router';
import { failed, toast } from '../../state/notify';
import { Button, Chip } from '../../components/ui';
import { Text } from './fields';
import { BOT_LOCALES, draft, keysOf, problemsOf, savePart, textAt, withText, type Wording } from './draft-store';
import { ProblemList } from './problem-list';

/** One namespace: its keys as rows, the three locales side by side, missing texts marked. */
function NamespaceTable({ ns }: { ns: string }) {
  const d = draft.value!;
  const [wording, setWording] = useState<Wording>(() => structuredClone(d.bundle.wording[ns]));
  const [dirty, setDirty] = useState(false);
  const [onlyMissing, setOnlyMissing] = useState(false);
  const [newKey, setNewKey] = useState('');
  const keys = keysOf(wording);
  const missing = (key: string) => BOT_LOCALES.filter((l) => !textAt(wording[l], key.split('.')));
  const set = (key: string, locale: (typeof BOT_LOCALES)[number], text: string) => {
    if (textAt(wording[locale], key.split('.')) === text) return;
    setWording(withText(wording, locale, key.split('.'), text));
    setDirty(true);
  };
  const save = async () => {
    try {
      await savePart({ section: 'wording', name: ns }, wording);
      setDirty(false);
      toast(t('scripts.saved'));
    } catch (err) {
      failed(err);
    }
  };
  const addKey = () => {
    const key = newKey.trim();
    if (!/^[a-zA-Z0-9_]+(\.[a-zA-Z0-9_]+)*$/.test(key) || keys.includes(key)) return toast(t('scripts.badKey'), 'error');
    set(key, 'zh-CN', '');
    setNewKey('');
  };
  const rows = keys.filter((k) => !onlyMissing || missing(k).length);
  return (
    <section class="sc-wording" data-ns={ns}>
      <div class="page-head">
        <h2 class="mono">{ns}</h2>
        <div class="row-actions">
          <label class="check">
            <input type="checkbox" checked={onlyMissing} onChange={(ev) => setOnlyMissing((ev.currentTarget as HTMLInputElement).checked)} />
            {t('scripts.onlyMissing')}
          </label>
          {dirty ? <Chip kind="warn">{t('scripts.unsaved')}</Chip> : null}
          <Button kind="primary" class="save-wording" disabled={!dirty} onClick={() => void save()}>{t('action.save')}</Button>
        </div>
      </div>
      <ProblemList problems={problemsOf({ section: 'wording', name: ns })} />
      <div class="table-scroll">
        <table class="table sc-wording-table">
          <thead>
            <tr>
              <th>{t('scripts.key')}</th>
              {BOT_LOCALES.map((l) => <th key={l}>{t(`locale.${l}`)}</th>)}
            </tr>
          </thead>
          <tbody>
            {rows.map((key) => (
              <tr key={key} data-key={key} class={missing(key).length ? 'is-missing' : ''}>
                <td class="mono small">
                  {key}
                  {missing(key).length ? <Chip kind="warn">{t('scripts.missingIn', { locales: missing(key).join(', ') })}</Chip> : null}
                </td>
                {BOT_LOCALES.map((l) => (
                  <td key={l} data-locale={l} class={textAt(wording[l], key.split('.')) ? '' : 'is-missing'}>
                    <Text multiline name={`${key}:${l}`} value={textAt(wording[l], key.split('.')) ?? ''} onChange={(v) => set(key, l, v)} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div class="sc-add">
        <Text mono name="new-key" value={newKey} onChange={setNewKey} placeholder={t('scripts.newKey')} />
        <Button small onClick={addKey}>{t('scripts.addKey')}</Button>
      </div>
    </section>
  );
}

/** 话术: the wording of every namespace, per locale side by side. */
export function WordingEditor({ params }: { params: string[] }) {
  const d = draft.value!;
  const namespaces = useMemo(() => Object.keys(d.bundle.wording).sort(), [d.bundle.wording]);
  const ns = params[0] && d.bundle.wording[params[0]] ? params[0] : namespaces[0];
  const missingCount = (n: string) => keysOf(d.bundle.wording[n]).filter((k) => BOT_LOCALES.some((l) => !textAt(d.bundle.wording[n][l], k.split('.')))).length;
  return (
    <div class="sc-split">
      <nav class="sc-list" aria-label={t('scripts.tab.wording')}>
        {namespaces.map((n) => (
          <a key={n} href={`#/scripts/wording/${n}`} class={`sc-list-item${n === ns ? ' is-active' : ''}`} data-ns={n} onClick={(ev) => { ev.preventDefault(); go('scripts', 'wording', n); }}>
            <span class="mono">{n}</span>
            {missingCount(n) ? <Chip kind="warn">{missingCount(n)}</Chip> : null}
          </a>
        ))}
      </nav>
      {ns ? <NamespaceTable key={ns} ns={ns} /> : null}
    </div>
  );
}
