import { h } from '../../shared/dom';
import type { RatingSubmission } from '../../shared/contract';
import type { Translate } from '../i18n';
import { createPrechatForm, type PrechatAnswers } from './prechat-form';
import { createRatingForm } from './rating-form';

/** What shows under the transcript: nothing, the pre-chat form, a start error, the rating, or the end. */
export type Card = 'none' | 'prechat' | 'error' | 'rating' | 'rated' | 'ended';

/** What the cards' buttons do; the promises resolve to an error text to show, or undefined. */
export interface CardActions {
  start(answers: PrechatAnswers): Promise<string | undefined>;
  retry(): void;
  rate(rating: RatingSubmission): Promise<string | undefined>;
  newChat(): void;
}

/** Builds the card for `card` (null for none). */
export function cardView(card: Card, t: Translate, actions: CardActions): HTMLElement | null {
  const note = (text: string, button: HTMLElement) => h('div', { class: 'kf-card' }, h('p', { class: 'kf-note', text }), button);
  const newChat = () => h('button', { type: 'button', class: 'kf-secondary', text: t('newChat'), on: { click: () => actions.newChat() } });
  switch (card) {
    case 'prechat':
      return createPrechatForm(t, (answers) => actions.start(answers));
    case 'error':
      return note(t('startError'), h('button', { type: 'button', class: 'kf-primary', text: t('retry'), on: { click: () => actions.retry() } }));
    case 'rating':
      return createRatingForm(t, (rating) => actions.rate(rating));
    case 'rated':
      return note(t('ratingThanks'), newChat());
    case 'ended':
      return note(t('subtitleClosed'), newChat());
    default:
      return null;
  }
}
