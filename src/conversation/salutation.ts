/** The surname for salutations lives with the engine's text helpers; kept here for existing imports. */
export { surnameOf } from '../core/text/surname';
