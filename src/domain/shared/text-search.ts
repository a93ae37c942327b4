/** A literal as a case-insensitive pattern: what people type into a search box, matched anywhere. */
export function literalPattern(text: string): RegExp {
  return new RegExp(text.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i');
}

/** Whether a search looks like (part of) a phone number: digits, spaces, +, -, brackets; four digits or more. */
export function looksLikePhone(text: string): boolean {
  return /^[+\d\s()-]+$/.test(text.trim()) && text.replace(/\D/g, '').length >= 4;
}
