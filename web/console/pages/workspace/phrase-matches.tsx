import type { PhraseMatch } from '../../../../src/http/contract';
import { t } from '../../i18n';

/** Forbidden phrases found in a draft, each with the approved wording and a button to use it. */
export function PhraseMatches(props: { class: string; role: 'alert' | 'status'; title?: string; footer?: string; matches: PhraseMatch[]; onUse(m: PhraseMatch): void }) {
  return (
    <div class={props.class} role={props.role}>
      {props.title ? <strong>{props.title}</strong> : null}
      {props.matches.map((m) => (
        <div key={m.phrase} class="phrase-match">
          <div class="phrase-line">{t('reply.phraseFound', { phrase: m.phrase })}</div>
          <div class="phrase-alt">{t('reply.phraseAlternative', { alternative: m.alternative })}</div>
          <div class="phrase-meta">{t('reply.phraseRule', { category: t(`category.${m.category}`), fine: m.fine })}</div>
          <button type="button" class="btn small" onClick={() => props.onUse(m)}>
            {t('reply.useAlternative')}
          </button>
        </div>
      ))}
      {props.footer ? <div class="phrase-meta">{props.footer}</div> : null}
    </div>
  );
}
