import fs from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { LOCALES, type Locale } from '../core/message';
import { normalizeForMatching } from '../core/text/normalize';

const localized = z.object(Object.fromEntries(LOCALES.map((l) => [l, z.string().min(1)])) as Record<Locale, z.ZodString>);

/** A larger unit a product is also sold in: 1 箱 of 天朝上品 is 6 瓶. */
const pack = z.object({ unit: localized, size: z.number().int().min(2), words: z.array(z.string().min(1)).min(1) }).strict();

export const catalogueSchema = z.object({
  products: z
    .array(
      z
        .object({
          sku: z.string().regex(/^[A-Z0-9-]{2,50}$/),
          name: localized,
          unit: localized,
          priceFen: z.number().int().positive(),
          /** Words for the unit itself ("瓶", "bottle"): the customer's unit is kept if it is this one. */
          unitWords: z.array(z.string().min(1)).default([]),
          synonyms: z.array(z.string().min(1)).default([]),
          packs: z.array(pack).default([]),
        })
        .strict(),
    )
    .min(1),
});

type ProductData = z.output<typeof catalogueSchema>['products'][number];
export type Product = ProductData & { match: string[] };
export type CatalogueData = z.input<typeof catalogueSchema>;

/** How many base units a quantity in the customer's unit is, and the pack it names (if any). */
export interface Counted {
  units: number;
  pack?: ProductData['packs'][number];
}

/** The products (goods or services) a company sells, from parsed data; built once per version. */
export class Catalogue {
  private readonly bySku: Map<string, Product>;

  constructor(readonly products: Product[]) {
    this.bySku = new Map(products.map((p) => [p.sku, p]));
  }

  /** Validates parsed data (a file, or a published version from the database); errors name `source`. */
  static fromData(raw: unknown, source: string): Catalogue {
    const parsed = catalogueSchema.safeParse(raw);
    if (!parsed.success) throw new Error(`${source}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    const skus = new Set<string>();
    for (const p of parsed.data.products) {
      if (skus.has(p.sku)) throw new Error(`${source}: sku ${p.sku} is used twice`);
      skus.add(p.sku);
    }
    return new Catalogue(parsed.data.products.map((p) => ({ ...p, match: [...Object.values(p.name), ...p.synonyms, p.sku].map(normalizeForMatching) })));
  }

  static load(file: string): Catalogue {
    return Catalogue.fromData(parse(fs.readFileSync(file, 'utf8')), file);
  }

  get(sku: string): Product | undefined {
    return this.bySku.get(sku);
  }

  /** The product a customer's words name: an exact name or synonym, else the longest one contained in the text. */
  find(text: string): Product | undefined {
    const n = normalizeForMatching(text);
    if (!n) return undefined;
    const exact = this.products.find((p) => p.match.includes(n));
    if (exact) return exact;
    let best: { product: Product; length: number } | undefined;
    for (const product of this.products) {
      for (const m of product.match) {
        if (m.length >= 2 && n.includes(m) && (!best || m.length > best.length)) best = { product, length: m.length };
      }
    }
    return best?.product;
  }

  /** A quantity in the customer's unit as base units: 2 箱 of a product sold by the 瓶 in 6s is 12. */
  count(product: Product, quantity: number, unit: string | undefined): Counted {
    if (!unit) return { units: quantity };
    const u = normalizeForMatching(unit);
    const pack = product.packs.find((p) => p.words.some((w) => normalizeForMatching(w) === u));
    return pack ? { units: quantity * pack.size, pack } : { units: quantity };
  }
}
