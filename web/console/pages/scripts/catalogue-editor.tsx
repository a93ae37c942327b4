import { useState } from 'preact/hooks';
import { t } from '../../i18n';
import { failed, toast } from '../../state/notify';
import { Button, Chip } from '../../components/ui';
import { ListField, NumberField, Row, Text } from './fields';
import { BOT_LOCALES, draft, problemsOf, savePart } from './draft-store';
import { ProblemList } from './problem-list';

type Localized = Record<string, string>;
type Pack = { unit: Localized; size: number; words: string[] };
type Product = { sku: string; name: Localized; unit: Localized; priceFen: number; unitWords?: string[]; synonyms?: string[]; packs?: Pack[] } & Record<string, unknown>;

/** Three fields, one per locale, side by side. */
export function LocalizedFields({ label, value, onChange, name }: { label: string; value: Localized | undefined; onChange(v: Localized): void; name: string }) {
  return (
    <fieldset class="sc-localized">
      <legend>{label}</legend>
      <div class="sc-locales">
        {BOT_LOCALES.map((l) => (
          <label key={l} class={`sc-locale${value?.[l] ? '' : ' is-missing'}`} data-locale={l}>
            <span class="sc-locale-name">
              {t(`locale.${l}`)}
              {value?.[l] ? null : <span class="chip warn">{t('scripts.missing')}</span>}
            </span>
            <Text name={`${name}-${l}`} value={value?.[l] ?? ''} onChange={(v) => onChange({ ...(value ?? {}), [l]: v })} />
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** 产品目录: products with their names, units, prices (yuan), the words for them and larger packs. */
export function CatalogueEditor() {
  const d = draft.value!;
  const [catalogue, setCatalogue] = useState(() => structuredClone(d.bundle.catalogue) as { products: Product[] } & Record<string, unknown>);
  const [dirty, setDirty] = useState(false);
  const products = catalogue.products ?? [];
  const setProducts = (next: Product[]) => {
    setCatalogue({ ...catalogue, products: next });
    setDirty(true);
  };
  const setProduct = (i: number, p: Partial<Product>) => setProducts(products.map((x, j) => (j === i ? { ...x, ...p } : x)));
  const save = async () => {
    try {
      await savePart({ section: 'catalogue' }, catalogue);
      setDirty(false);
      toast(t('scripts.saved'));
    } catch (err) {
      failed(err);
    }
  };
  return (
    <section class="sc-catalogue">
      <div class="page-head">
        <h2>{t('scripts.tab.catalogue')}</h2>
        <div class="row-actions">
          {dirty ? <Chip kind="warn">{t('scripts.unsaved')}</Chip> : null}
          <Button kind="primary" disabled={!dirty} onClick={() => void save()}>{t('action.save')}</Button>
        </div>
      </div>
      <ProblemList problems={problemsOf({ section: 'catalogue' })} />
      {products.map((p, i) => (
        <fieldset key={i} class="card sc-product" data-sku={p.sku}>
          <legend class="mono">{p.sku || t('scripts.newProduct')}</legend>
          <div class="sc-grid">
            <Row label={t('scripts.field.sku')}><Text mono name="sku" value={p.sku} onChange={(v) => setProduct(i, { sku: v })} /></Row>
            <Row label={t('scripts.field.price')}><NumberField name="price" min={0} step={0.01} value={p.priceFen === undefined ? undefined : p.priceFen / 100} onChange={(v) => setProduct(i, { priceFen: Math.round((v ?? 0) * 100) })} /></Row>
          </div>
          <LocalizedFields label={t('scripts.field.productName')} name="name" value={p.name} onChange={(v) => setProduct(i, { name: v })} />
          <LocalizedFields label={t('scripts.field.unit')} name="unit" value={p.unit} onChange={(v) => setProduct(i, { unit: v })} />
          <div class="sc-grid">
            <Row label={t('scripts.field.synonyms')} wide><ListField name="synonyms" value={p.synonyms ?? []} onChange={(v) => setProduct(i, { synonyms: v })} /></Row>
            <Row label={t('scripts.field.unitWords')} wide><ListField name="unitWords" value={p.unitWords ?? []} onChange={(v) => setProduct(i, { unitWords: v })} /></Row>
          </div>
          {(p.packs ?? []).map((pack, k) => (
            <div key={k} class="sc-item">
              <LocalizedFields label={t('scripts.field.packUnit')} name={`pack-${k}`} value={pack.unit} onChange={(v) => setProduct(i, { packs: (p.packs ?? []).map((x, j) => (j === k ? { ...x, unit: v } : x)) })} />
              <div class="sc-grid">
                <Row label={t('scripts.field.packSize')}><NumberField min={2} value={pack.size} onChange={(v) => setProduct(i, { packs: (p.packs ?? []).map((x, j) => (j === k ? { ...x, size: v ?? 2 } : x)) })} /></Row>
                <Row label={t('scripts.field.unitWords')} wide><ListField value={pack.words} onChange={(v) => setProduct(i, { packs: (p.packs ?? []).map((x, j) => (j === k ? { ...x, words: v } : x)) })} /></Row>
              </div>
              <Button small kind="danger" onClick={() => setProduct(i, { packs: (p.packs ?? []).filter((_, j) => j !== k) })}>{t('action.delete')}</Button>
            </div>
          ))}
          <div class="row-actions">
            <Button small onClick={() => setProduct(i, { packs: [...(p.packs ?? []), { unit: {}, size: 6, words: [] }] })}>{t('scripts.addPack')}</Button>
            <Button small kind="danger" onClick={() => setProducts(products.filter((_, j) => j !== i))}>{t('scripts.deleteProduct')}</Button>
          </div>
        </fieldset>
      ))}
      <Button onClick={() => setProducts([...products, { sku: '', name: {}, unit: {}, priceFen: 100 }])}>{t('scripts.addProduct')}</Button>
    </section>
  );
}
