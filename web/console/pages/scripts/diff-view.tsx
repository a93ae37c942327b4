import type { BotDiffEntry } from '../../../../src/http/contract/bot-content';
import { t } from '../../i18n';
import { Chip } from '../../components/ui';

/** What changed between two versions: wording text by text, the rest as YAML hunks. */
export function DiffView({ entries }: { entries: BotDiffEntry[] }) {
  if (!entries.length) return <p class="muted">{t('scripts.versions.same')}</p>;
  return (
    <div class="sc-diff">
      {entries.map((e, i) => (
        <div key={i} class="sc-diff-entry" data-section={e.section} data-name={e.name}>
          <h4>
            {t(`scripts.section.${e.section}`)} {e.name ? <span class="mono">{e.name}</span> : null} <Chip kind={e.change === 'removed' ? 'danger' : e.change === 'added' ? 'ok' : ''}>{t(`scripts.change.${e.change}`)}</Chip>
          </h4>
          {e.texts ? (
            <table class="table sc-diff-texts">
              <tbody>
                {e.texts.map((x, j) => (
                  <tr key={j} data-key={x.key} data-locale={x.locale}>
                    <td class="mono small">{x.key}</td>
                    <td class="small">{t(`locale.${x.locale}`)}</td>
                    <td class="sc-del">{x.before ?? '—'}</td>
                    <td class="sc-ins">{x.after ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <pre class="sc-hunks">
              {(e.lines ?? []).map((l, j) => (
                <span key={j} class={l.startsWith('+') ? 'sc-ins' : l.startsWith('-') ? 'sc-del' : l.startsWith('@@') ? 'sc-at' : ''}>{`${l}\n`}</span>
              ))}
            </pre>
          )}
        </div>
      ))}
    </div>
  );
}
