import { t } from '../../i18n';
import { Button } from '../../components/ui';
import { Choice, Row, Text } from './fields';
import { problemFor, StepSelect, type StepContext, type StepData } from './step-parts';

type Condition = Record<string, unknown>;
type Case = { if: Condition; next: string };

const OPERATORS = ['equals', 'in', 'lte', 'gte', 'exists'] as const;
const CUSTOMER_FIELDS = ['gender', 'locale', 'phone', 'name', 'updatesVia'];

/** A typed operand: true/false and numbers as such, a list for `in`. */
function operand(op: string, text: string): unknown {
  const one = (v: string) => (v === 'true' ? true : v === 'false' ? false : v !== '' && !Number.isNaN(Number(v)) ? Number(v) : v);
  if (op === 'in') return text.split(/[,，]/).map((x) => x.trim()).filter(Boolean).map(one);
  if (op === 'exists') return text !== 'false';
  if (op === 'lte' || op === 'gte') return Number(text);
  return one(text.trim());
}

const show = (raw: unknown) => (Array.isArray(raw) ? raw.join(', ') : raw === undefined ? '' : String(raw));

function ConditionFields({ cond, onChange, index, ctx }: { cond: Condition; onChange(c: Condition): void; index: number; ctx: StepContext }) {
  const subject = cond.customer !== undefined ? 'customer' : 'value';
  const op = OPERATORS.find((o) => cond[o] !== undefined) ?? 'equals';
  const shown = show(cond[op]);
  const build = (s: string, name: string, o: string, text: string): Condition => ({ [s]: name, [o]: operand(o, text) });
  const name = String(cond[subject] ?? '');
  return (
    <div class="sc-grid sc-condition">
      <Row label={t('scripts.field.subject')}>
        <Choice value={subject} options={['value', 'customer']} onChange={(s) => onChange(build(s ?? 'value', name, op, shown))} />
      </Row>
      <Row label={t('scripts.field.name')} problem={problemFor(ctx, `cases.${index}.if`)}>
        {subject === 'customer' ? (
          <Choice value={name} options={CUSTOMER_FIELDS} onChange={(v) => onChange(build(subject, v ?? '', op, shown))} />
        ) : (
          <Text mono value={name} onChange={(v) => onChange(build(subject, v, op, shown))} />
        )}
      </Row>
      <Row label={t('scripts.field.operator')}>
        <Choice value={op} options={OPERATORS} onChange={(o) => onChange(build(subject, name, o ?? 'equals', shown))} />
      </Row>
      <Row label={t('scripts.field.operand')}>
        <Text name={`operand-${index}`} value={shown} same={(typed, v) => show(operand(op, typed)) === v} onChange={(v) => onChange(build(subject, name, op, v))} />
      </Row>
    </div>
  );
}

/** A branch: conditions in order, the first that holds picks the next step; else the fallback. */
export function BranchForm({ step, onChange, ctx }: { step: StepData; onChange(s: StepData): void; ctx: StepContext }) {
  const cases = Array.isArray(step.cases) ? (step.cases as Case[]) : [];
  const setCases = (next: Case[]) => onChange({ ...step, cases: next });
  return (
    <>
      <fieldset class="sc-options">
        <legend>{t('scripts.field.cases')}</legend>
        {cases.map((c, i) => (
          <div key={i} class="sc-item">
            <ConditionFields cond={c.if ?? {}} index={i} ctx={ctx} onChange={(cond) => setCases(cases.map((x, j) => (j === i ? { ...x, if: cond } : x)))} />
            <StepSelect label={t('scripts.field.next')} field={`cases.${i}.next`} value={c.next} ctx={ctx} onChange={(v) => setCases(cases.map((x, j) => (j === i ? { ...x, next: v ?? '' } : x)))} />
            <Button small kind="danger" onClick={() => setCases(cases.filter((_, j) => j !== i))}>{t('action.delete')}</Button>
          </div>
        ))}
        <Button small onClick={() => setCases([...cases, { if: { value: '', equals: true }, next: ctx.steps[0] ?? '' }])}>{t('scripts.addCase')}</Button>
      </fieldset>
      <StepSelect label={t('scripts.field.else')} field="else" value={step.else} ctx={ctx} onChange={(v) => onChange({ ...step, else: v ?? '' })} />
    </>
  );
}
