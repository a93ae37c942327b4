import { parsePhoneNumberFromString, type CountryCode, type PhoneNumberType } from 'libphonenumber-js/max';
import type { Locale } from '../message';

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
export function parsePhone(text: string, defaultRegion: CountryCode | readonly CountryCode[] = 'CN'): ParsedPhone | undefined {
  const regions = typeof defaultRegion === 'string' ? [defaultRegion] : defaultRegion;
  const found = new Map<string, ParsedPhone>();
  for (const [run] of text.normalize('NFKC').matchAll(PHONE_RUN)) {
    // A run may be one spaced number ('+86 138 1234 5678') or several numbers side by side.
    const whole = read(run, regions);
    const phones = whole ? [whole] : run.split(/\s+/).map((part) => read(part, regions));
    for (const phone of phones) if (phone) found.set(phone.e164, phone);
  }
  return found.size === 1 ? [...found.values()][0] : undefined;
}

/** The first region, in order, in which the candidate is a valid number. */
function read(candidate: string, regions: readonly CountryCode[]): ParsedPhone | undefined {
  for (const region of regions) {
    const phone = parsePhoneNumberFromString(candidate, region);
    if (phone?.isValid() && phone.country) return { e164: phone.number, national: phone.formatNational(), region: phone.country, type: phone.getType() };
  }
  return undefined;
}

// Customers of every locale give mainland, Hong Kong, Taiwan and Macau numbers without a country
// code: their own region first, then the others. Numbers abroad need their '+' or '00'.
const REGIONS: Record<Locale, readonly CountryCode[]> = {
  'zh-CN': ['CN', 'HK', 'TW', 'MO'],
  'zh-TW': ['TW', 'HK', 'CN', 'MO'],
  en: ['CN', 'HK', 'TW', 'MO'],
};

/** A phone number in any of the regions our customers live in, their locale's region first. */
export function parsePhoneFor(text: string, locale: Locale): ParsedPhone | undefined {
  return parsePhone(text, REGIONS[locale]);
}
