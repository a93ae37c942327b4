import { h } from '../../shared/dom';
import type { RatingSubmission } from '../../shared/contract';
import type { StringKey, Translate } from '../i18n';
import { widgetIcon } from './icons';

type Score = 'overall' | 'attitude' | 'speed' | 'resolution';
const DIMENSIONS: [Exclude<Score, 'overall'>, StringKey][] = [
  ['attitude', 'ratingAttitude'],
  ['speed', 'ratingSpeed'],
  ['resolution', 'ratingResolution'],
];

/** One row of five stars as a radio group (arrow keys move, Enter/Space/click picks). */
function starInput(t: Translate, label: string, kind: Score, onChange: (value: number) => void): HTMLElement {
  let value = 0;
  const stars: HTMLButtonElement[] = [];
  const paint = () =>
    stars.forEach((s, i) => {
      s.classList.toggle('is-on', i < value);
      s.setAttribute('aria-checked', String(i + 1 === value));
      s.tabIndex = i + 1 === (value || 1) ? 0 : -1;
    });
  const pick = (n: number) => {
    value = n;
    paint();
    onChange(n);
  };
  for (let n = 1; n <= 5; n++) {
    const star = h('button', { type: 'button', class: 'kf-star', role: 'radio', 'aria-label': t('star', { n }), 'data-value': String(n), on: { click: () => pick(n) } }, widgetIcon('star'));
    star.addEventListener('keydown', (ev) => {
      const delta = ev.key === 'ArrowRight' || ev.key === 'ArrowUp' ? 1 : ev.key === 'ArrowLeft' || ev.key === 'ArrowDown' ? -1 : 0;
      if (!delta) return;
      ev.preventDefault();
      const next = Math.min(5, Math.max(1, (value || 0) + delta));
      pick(next);
      stars[next - 1].focus();
    });
    stars.push(star);
  }
  paint();
  return h(
    'div',
    { class: `kf-stars-row${kind === 'overall' ? ' is-overall' : ''}`, 'data-score': kind },
    h('span', { text: label }),
    h('div', { class: 'kf-stars', role: 'radiogroup', 'aria-label': label, 'aria-required': kind === 'overall' ? 'true' : undefined }, ...stars),
  );
}

/**
 * The rating card shown when an agent closed the chat: the overall score is required, attitude,
 * speed and resolution are optional. `onSubmit` resolves to an error text or undefined.
 */
export function createRatingForm(t: Translate, onSubmit: (rating: RatingSubmission) => Promise<string | undefined>): HTMLElement {
  const scores: Partial<Record<Score, number>> = {};
  const comment = h('textarea', { rows: '3', maxlength: '2000', placeholder: t('ratingComment'), 'aria-label': t('ratingComment') });
  const error = h('div', { class: 'kf-error', role: 'alert', hidden: true });
  const submit = h('button', { type: 'submit', class: 'kf-primary', text: t('ratingSubmit') });
  const showError = (text: string | undefined) => {
    error.hidden = !text;
    error.textContent = text ?? '';
  };
  const score = (kind: Score) => (value: number) => {
    scores[kind] = value;
    if (kind === 'overall') showError(undefined);
  };
  const form = h(
    'form',
    {
      class: 'kf-card kf-rating',
      on: {
        submit: async (ev) => {
          ev.preventDefault();
          const { overall, attitude, speed, resolution } = scores;
          if (!overall) {
            showError(t('ratingNeedOverall'));
            form.querySelector<HTMLElement>('[data-score="overall"] .kf-star')?.focus();
            return;
          }
          const text = comment.value.trim();
          const rating: RatingSubmission = { overall, ...(attitude ? { attitude } : {}), ...(speed ? { speed } : {}), ...(resolution ? { resolution } : {}), ...(text ? { comment: text } : {}) };
          submit.disabled = true;
          showError(await onSubmit(rating));
          submit.disabled = false;
        },
      },
    },
    h('h3', { text: t('ratingTitle') }),
    starInput(t, t('ratingOverall'), 'overall', score('overall')),
    h('div', { class: 'kf-rating-details', role: 'group', 'aria-label': t('ratingDetails') }, h('p', { class: 'kf-hint', text: t('ratingDetails') }), ...DIMENSIONS.map(([key, label]) => starInput(t, t(label), key, score(key)))),
    h('label', { class: 'kf-field' }, comment),
    error,
    submit,
  );
  return form;
}
