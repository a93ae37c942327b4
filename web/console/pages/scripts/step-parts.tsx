import type { BotProblem } from '../../../../src/http/contract/bot-content';
import { t } from '../../i18n';
import { Button } from '../../components/ui';
import { Choice, Row, Text, TextKeyField, type WordingAccess } from './fields';

/** A step of a flow as stored (YAML data): its kind and whatever fields that kind has. */
export type StepData = Record<string, unknown> & { kind: string };

/** What a step's form needs besides the step. */
export interface StepContext {
  flowId: string;
  steps: string[];
  flows: string[];
  actions: string[];
  slots: string[];
  access: WordingAccess;
  problems: BotProblem[];
}

/** The check's message for a field of the step (or one of its items). */
export function problemFor(ctx: StepContext, field: string): string | undefined {
  const p = ctx.problems.find((x) => x.field === field || x.field?.startsWith(`${field}.`));
  return p?.message.replace(/^.*?step "[^"]+": /, '');
}

/** The steps a step may lead to. */
export function StepSelect({ label, value, onChange, ctx, field, optional }: { label: string; value: unknown; onChange(v: string | undefined): void; ctx: StepContext; field: string; optional?: boolean }) {
  return (
    <Row label={label} problem={problemFor(ctx, field)}>
      <Choice name={field} value={typeof value === 'string' ? value : undefined} options={ctx.steps} optional={optional} onChange={onChange} />
    </Row>
  );
}

/** One text key or several (say and end steps may say more than one text). */
export function TextKeys({ label, value, onChange, ctx, field }: { label: string; value: unknown; onChange(v: string | string[] | undefined): void; ctx: StepContext; field: string }) {
  const keys = value === undefined ? [] : Array.isArray(value) ? (value as string[]) : [String(value)];
  const set = (next: string[]) => onChange(next.length === 0 ? undefined : next.length === 1 ? next[0] : next);
  return (
    <div class="sc-text-keys">
      {keys.map((k, i) => (
        <div key={i} class="sc-item">
          <TextKeyField
            label={keys.length > 1 ? `${label} ${i + 1}` : label}
            name={`${field}-${i}`}
            value={k}
            access={ctx.access}
            problem={problemFor(ctx, keys.length > 1 ? `${field}.${i}` : field)}
            onChange={(v) => set(keys.map((x, j) => (j === i ? v : x)))}
          />
          {keys.length > 1 ? <Button small kind="danger" onClick={() => set(keys.filter((_, j) => j !== i))}>{t('scripts.removeText')}</Button> : null}
        </div>
      ))}
      <Button small class="add-text" onClick={() => set([...keys, `${ctx.flowId}:`])}>{t('scripts.addText')}</Button>
    </div>
  );
}

type Option = { value: string; label: string };

/** Buttons or choices: a value the flow stores and a text key the customer sees. */
export function OptionsEditor({ label, value, onChange, ctx, field }: { label: string; value: unknown; onChange(v: Option[] | undefined): void; ctx: StepContext; field: string }) {
  const options = Array.isArray(value) ? (value as Option[]) : [];
  const set = (next: Option[]) => onChange(next.length ? next : undefined);
  return (
    <fieldset class="sc-options">
      <legend>{label}</legend>
      {options.map((o, i) => (
        <div key={i} class="sc-item">
          <Row label={t('scripts.optionValue')} problem={problemFor(ctx, `${field}.${i}.value`)}>
            <Text mono name={`${field}-${i}-value`} value={o.value} onChange={(v) => set(options.map((x, j) => (j === i ? { ...x, value: v } : x)))} />
          </Row>
          <TextKeyField label={t('scripts.optionLabel')} value={o.label} access={ctx.access} problem={problemFor(ctx, `${field}.${i}.label`)} onChange={(v) => set(options.map((x, j) => (j === i ? { ...x, label: v } : x)))} />
          <Button small kind="danger" onClick={() => set(options.filter((_, j) => j !== i))}>{t('action.delete')}</Button>
        </div>
      ))}
      <Button small onClick={() => set([...options, { value: '', label: `${ctx.flowId}:` }])}>{t('scripts.addOption')}</Button>
    </fieldset>
  );
}
