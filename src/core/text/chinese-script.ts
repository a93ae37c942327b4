import { Converter } from 'opencc-js';

/*
 * The OpenCC converters, built once: building one reads the bundled dictionaries (~20 ms), while a
 * conversion of a chat message takes microseconds.
 *
 * Towards simplified we chain the Taiwan and the Hong Kong presets: 'tw' folds Taiwan's variants
 * (看著 → 看着) and 'hk' then catches the few Hong Kong-only glyphs 'tw' leaves alone (衞, 枱, 粧…).
 * Towards traditional we use Taiwan's standard, the script most of our traditional users write.
 */
const taiwanToSimplified = Converter({ from: 'tw', to: 'cn' });
const hongKongToSimplified = Converter({ from: 'hk', to: 'cn' });
const simplifiedToTaiwan = Converter({ from: 'cn', to: 'tw' });

/** Traditional Chinese (Taiwan or Hong Kong variants) → simplified; other text passes unchanged. */
export function toSimplified(text: string): string {
  return hongKongToSimplified(taiwanToSimplified(text));
}

/** Simplified Chinese → traditional (Taiwan standard); other text passes unchanged. */
export function toTraditional(text: string): string {
  return simplifiedToTaiwan(text);
}
