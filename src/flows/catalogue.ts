import fs from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { LOCALES, type Locale } from '../core/message';
import { normalizeForMatching } from '../core/text/normalize';

const localized = z.object(Object.fromEntries(LOCALES.map((l) => [l, z.string().min(1)])) as Record<Locale, z.ZodString>);

const catalogueSchema = z.object({
  products: z
    .array(
      z.object({
        sku: z.string().regex(/^[A-Z0-9-]{2,50}$/),
        name: localized,
        unit: localized,
        priceFen: z.number().int().positive(),
        synonyms: z.array(z.string().min(1)).default([]),
      }),
    )
    .min(1),
});

export type Product = z.output<typeof catalogueSchema>['products'][number] & { match: string[] };

/** The product catalogue the ordering flow sells from (flows/catalogue.yaml), loaded once. */
export class Catalogue {
  private readonly bySku: Map<string, Product>;

  constructor(readonly products: Product[]) {
    this.bySku = new Map(products.map((p) => [p.sku, p]));
  }

  static load(file: string): Catalogue {
    const parsed = catalogueSchema.safeParse(parse(fs.readFileSync(file, 'utf8')));
    if (!parsed.success) {
      throw new Error(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    }
    return new Catalogue(
      parsed.data.products.map((p) => ({ ...p, match: [...Object.values(p.name), ...p.synonyms, p.sku].map(normalizeForMatching) })),
    );
  }

  get(sku: string): Product | undefined {
    return this.bySku.get(sku);
  }

  /** The product a customer's words name: an exact name/synonym first, then one contained in the text. */
  find(text: string): Product | undefined {
    const n = normalizeForMatching(text);
    if (!n) return undefined;
    return this.products.find((p) => p.match.includes(n)) ?? this.products.find((p) => p.match.some((m) => m.length >= 2 && n.includes(m)));
  }
}
