/** WCAG relative luminance of `#rgb`, `#rgba`, `#rrggbb` or `#rrggbbaa` (alpha ignored); undefined otherwise. */
function luminance(color: string): number | undefined {
  if (!/^#([0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i.test(color)) return undefined;
  const hex = color.length <= 5 ? Array.from(color.slice(1, 4), (c) => c + c).join('') : color.slice(1, 7);
  const [r, g, b] = [0, 2, 4].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/**
 * The CSS variables for a host-chosen accent (`data-color`): text on the accent is white when
 * that reaches 4.5:1, else black (one of the two always does); accent-coloured text on white
 * (quick replies) falls back to the body colour when the accent is too light. Undefined for a
 * value that is not a hex colour.
 */
export function accentVariables(color: string): Record<string, string> | undefined {
  const l = luminance(color);
  if (l === undefined) return undefined;
  const readableOnWhite = 1.05 / (l + 0.05) >= 4.5;
  return {
    '--kf-accent': color,
    '--kf-accent-dark': color,
    '--kf-on-accent': readableOnWhite ? '#fff' : '#000',
    '--kf-accent-ink': readableOnWhite ? color : '#1f2329',
  };
}
