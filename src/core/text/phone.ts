import { parsePhoneNumberFromString, type CountryCode, type PhoneNumberType } from 'libphonenumber-js/max';

/** A validated phone number. */
export interface ParsedPhone {
  /** '+8613812345678': the form to store and compare. */
  e164: string;
  /** As dialled inside its region: '138 1234 5678', '0912 345 678', '9123 4567'. */
  national: string;
  /** ISO 3166 region the number belongs to: 'CN', 'HK', 'TW', 'US'… */
  region: CountryCode;
  /** 'MOBILE', 'FIXED_LINE', 'FIXED_LINE_OR_MOBILE'… as the full metadata knows it. */
  type?: PhoneNumberType;
}

// After NFKC (full-width digits and ＋ become ASCII): an optional '+', then digits and the
// separators people type inside a number.
const PHONE_RUN = /\+?\d[\d\s\-–—.()]*\d/g;

/**
 * Reads a phone number a customer typed, alone or inside a sentence ('我的手机是138 1234 5678').
 * Numbers without a country code are read in `defaultRegion` (mainland China unless the customer
 * is known to be elsewhere, e.g. 'TW' for '0912345678'); '+852…', '00852…' (from CN) and other
 * international forms are read anywhere. Uses libphonenumber's full ('max') metadata, so only
 * numbers valid in their region are returned ('12345678901' is not); undefined otherwise, and
 * when the text holds two different numbers.
 */
export function parsePhone(text: string, defaultRegion: CountryCode = 'CN'): ParsedPhone | undefined {
  const found = new Map<string, ParsedPhone>();
  for (const [run] of text.normalize('NFKC').matchAll(PHONE_RUN)) {
    // A run may be one spaced number ('+86 138 1234 5678') or several numbers side by side.
    const whole = read(run, defaultRegion);
    const phones = whole ? [whole] : run.split(/\s+/).map((part) => read(part, defaultRegion));
    for (const phone of phones) if (phone) found.set(phone.e164, phone);
  }
  return found.size === 1 ? [...found.values()][0] : undefined;
}

function read(candidate: string, defaultRegion: CountryCode): ParsedPhone | undefined {
  const phone = parsePhoneNumberFromString(candidate, defaultRegion);
  if (!phone?.isValid() || !phone.country) return undefined;
  return { e164: phone.number, national: phone.formatNational(), region: phone.country, type: phone.getType() };
}
