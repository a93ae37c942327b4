import { useEffect, useState } from 'preact/hooks';
import type { BotDiffEntry, BotVersionList } from '../../../../src/http/contract/bot-content';
import { t } from '../../i18n';
import { when } from '../../format';
import { failed, reason, toast } from '../../state/notify';
import { Button, Chip, reasonDialog } from '../../components/ui';
import { scriptsApi } from './scripts-api';
import { loadDraft } from './draft-store';
import { DiffView } from './diff-view';

type Ref = number | 'draft';

/** 版本: every published version (who, when, why), the diff between any two, rollback and export. */
export function VersionsTab({ onChanged }: { onChanged(): void }) {
  const [list, setList] = useState<BotVersionList | undefined>(undefined);
  const [pair, setPair] = useState<[Ref, Ref] | undefined>(undefined);
  const [diff, setDiff] = useState<BotDiffEntry[] | undefined>(undefined);
  const [error, setError] = useState('');
  const [version, setVersion] = useState(0);
  useEffect(() => {
    scriptsApi.versions().then(setList, (err: unknown) => setError(reason(err)));
  }, [version]);
  useEffect(() => {
    if (!pair) return;
    setDiff(undefined);
    scriptsApi.diff(pair[0], pair[1]).then((r) => setDiff(r.entries), (err: unknown) => setError(reason(err)));
  }, [pair?.[0], pair?.[1]]);
  const rollback = async (n: number) => {
    const note = await reasonDialog(t('scripts.versions.rollbackTitle', { number: n }), t('scripts.versions.rollback'));
    if (note === undefined) return;
    try {
      const v = await scriptsApi.rollback(n, note);
      toast(t('scripts.versions.rolledBack', { number: n, version: v.number }));
      await loadDraft();
      setVersion(version + 1);
      onChanged();
    } catch (err) {
      failed(err);
    }
  };
  if (error) return <p class="form-error">{error}</p>;
  if (!list) return <p class="muted">{t('app.loading')}</p>;
  return (
    <section class="sc-versions">
      <table class="table">
        <thead>
          <tr>
            <th>{t('scripts.versions.number')}</th>
            <th>{t('scripts.versions.when')}</th>
            <th>{t('scripts.versions.author')}</th>
            <th>{t('scripts.versions.note')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {list.items.map((v, i) => (
            <tr key={v.number} data-version={v.number} class={v.number === list.current ? 'is-current' : ''}>
              <td>
                v{v.number} {v.number === list.current ? <Chip kind="ok">{t('scripts.versions.current')}</Chip> : null}
                <div class="muted small">{t(`scripts.versions.kind.${v.kind}`, { number: v.restores })}</div>
              </td>
              <td class="small">{when(v.createdAt)}</td>
              <td>{v.author?.name ?? '—'}</td>
              <td class="small">{v.note}</td>
              <td class="row-actions">
                {list.items[i + 1] ? <Button small class="diff-prev" onClick={() => setPair([list.items[i + 1].number, v.number])}>{t('scripts.versions.diffPrevious')}</Button> : null}
                <Button small onClick={() => setPair([v.number, 'draft'])}>{t('scripts.versions.diffDraft')}</Button>
                {v.number !== list.current ? <Button small kind="danger" class="rollback" onClick={() => void rollback(v.number)}>{t('scripts.versions.rollback')}</Button> : null}
                <a class="btn small" href={scriptsApi.exportUrl(v.number, 'yaml')} download>{t('scripts.exportYaml')}</a>
                <a class="btn small" href={scriptsApi.exportUrl(v.number, 'json')} download>JSON</a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {pair ? (
        <div class="card sc-diff-card">
          <h3>{t('scripts.versions.diffTitle', { from: pair[0] === 'draft' ? t('scripts.draft') : `v${pair[0]}`, to: pair[1] === 'draft' ? t('scripts.draft') : `v${pair[1]}` })}</h3>
          {diff ? <DiffView entries={diff} /> : <p class="muted">{t('app.loading')}</p>}
        </div>
      ) : null}
    </section>
  );
}
