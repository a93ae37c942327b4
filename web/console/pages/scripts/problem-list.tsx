import type { BotProblem } from '../../../../src/http/contract/bot-content';
import { t } from '../../i18n';
import { href } from '../../router';

/** Where a problem can be fixed in the editor. */
function linkOf(p: BotProblem): string | undefined {
  if (p.section === 'flows' && p.name) return href('scripts', 'flows', p.name, ...(p.stepId ? [p.stepId] : []));
  if (p.section === 'wording') return href('scripts', 'wording', ...(p.name ? [p.name] : []));
  return href('scripts', p.section);
}

/** The check's problems (as npm run flows:check names them), each a link to where it is. */
export function ProblemList({ problems, title }: { problems: BotProblem[]; title?: string }) {
  if (!problems.length) return null;
  return (
    <div class="sc-problems" role="alert">
      {title ? <strong>{title}</strong> : null}
      <ul>
        {problems.map((p, i) => {
          const link = linkOf(p);
          return (
            <li key={i} class="sc-problem" data-flow={p.flowId} data-step={p.stepId} data-field={p.field}>
              {p.stepId ? <span class="chip danger">{t('scripts.problemAt', { flow: p.flowId ?? p.name, step: p.stepId, field: p.field ?? '—' })}</span> : null}
              {link ? <a href={link}>{p.message}</a> : p.message}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
