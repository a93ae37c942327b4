import { t } from '../../i18n';
import { Choice, ListField, NumberField, Row, Text, TextKeyField } from './fields';
import { OptionsEditor, problemFor, StepSelect, TextKeys, type StepContext, type StepData } from './step-parts';
import { BranchForm } from './branch-form';

export const STEP_KINDS = ['say', 'ask', 'confirm', 'branch', 'action', 'goto', 'end'] as const;
const ASK_TYPES = ['text', 'number', 'phone', 'choice', 'yesno', 'date', 'name', 'address'] as const;

type Props = { step: StepData; onChange(s: StepData): void; ctx: StepContext };

/** The synonyms with one option's words replaced (an option without words is left out). */
function withWords(all: Record<string, string[]>, value: string, words: string[]): Record<string, string[]> | undefined {
  const next = { ...all, [value]: words };
  if (!words.length) delete next[value];
  return Object.keys(next).length ? next : undefined;
}

/** A copy of the step with a field set, or removed when undefined. */
export function setField(step: StepData, field: string, value: unknown): StepData {
  const next = { ...step };
  if (value === undefined || value === '') delete next[field];
  else next[field] = value;
  return next;
}

function SayForm({ step, onChange, ctx }: Props) {
  const set = (f: string, v: unknown) => onChange(setField(step, f, v));
  return (
    <>
      <TextKeys label={t('scripts.field.text')} field="text" value={step.text} ctx={ctx} onChange={(v) => set('text', v)} />
      <OptionsEditor label={t('scripts.field.quickReplies')} field="quickReplies" value={step.quickReplies} ctx={ctx} onChange={(v) => set('quickReplies', v)} />
      <StepSelect label={t('scripts.field.next')} field="next" value={step.next} ctx={ctx} optional onChange={(v) => set('next', v)} />
    </>
  );
}

function AskForm({ step, onChange, ctx }: Props) {
  const set = (f: string, v: unknown) => onChange(setField(step, f, v));
  const options = Array.isArray(step.options) ? (step.options as { value: string }[]) : [];
  const synonyms = (step.synonyms ?? {}) as Record<string, string[]>;
  return (
    <>
      <TextKeyField label={t('scripts.field.prompt')} name="prompt" value={String(step.prompt ?? '')} access={ctx.access} problem={problemFor(ctx, 'prompt')} onChange={(v) => set('prompt', v)} />
      <div class="sc-grid">
        <Row label={t('scripts.field.type')} problem={problemFor(ctx, 'type')}><Choice name="type" value={step.type as string} options={ASK_TYPES} onChange={(v) => set('type', v)} /></Row>
        <Row label={t('scripts.field.save')} problem={problemFor(ctx, 'save')}><Text mono name="save" value={String(step.save ?? '')} onChange={(v) => set('save', v)} /></Row>
        <Row label={t('scripts.field.slot')} problem={problemFor(ctx, 'slot')}><Choice name="slot" value={step.slot as string | undefined} options={ctx.slots} optional onChange={(v) => set('slot', v)} /></Row>
        <Row label={t('scripts.field.optionsFrom')} problem={problemFor(ctx, 'optionsFrom')}><Choice name="optionsFrom" value={step.optionsFrom as string | undefined} options={['catalogue']} optional onChange={(v) => set('optionsFrom', v)} /></Row>
        <Row label={t('scripts.field.min')} problem={problemFor(ctx, 'min')}><NumberField name="min" value={step.min as number | undefined} onChange={(v) => set('min', v)} /></Row>
        <Row label={t('scripts.field.max')} problem={problemFor(ctx, 'max')}><NumberField name="max" value={step.max as number | undefined} onChange={(v) => set('max', v)} /></Row>
        <Row label={t('scripts.field.minLength')} problem={problemFor(ctx, 'minLength')}><NumberField name="minLength" min={1} value={step.minLength as number | undefined} onChange={(v) => set('minLength', v)} /></Row>
        <Row label={t('scripts.field.maxLength')} problem={problemFor(ctx, 'maxLength')}><NumberField name="maxLength" min={1} value={step.maxLength as number | undefined} onChange={(v) => set('maxLength', v)} /></Row>
        <Row label={t('scripts.field.retries')} problem={problemFor(ctx, 'retries')}><NumberField name="retries" min={1} value={step.retries as number | undefined} onChange={(v) => set('retries', v)} /></Row>
      </div>
      <OptionsEditor label={t('scripts.field.options')} field="options" value={step.options} ctx={ctx} onChange={(v) => set('options', v)} />
      {options.length ? (
        <fieldset class="sc-synonyms">
          <legend>{t('scripts.field.synonyms')}</legend>
          {options.map((o) => (
            <Row key={o.value} label={o.value} problem={problemFor(ctx, `synonyms.${o.value}`)}>
              <ListField name={`synonyms-${o.value}`} value={synonyms[o.value] ?? []} onChange={(words) => set('synonyms', withWords(synonyms, o.value, words))} />
            </Row>
          ))}
        </fieldset>
      ) : null}
      <TextKeyField label={t('scripts.field.invalid')} name="invalid" value={String(step.invalid ?? '')} access={ctx.access} problem={problemFor(ctx, 'invalid')} onChange={(v) => set('invalid', v)} />
      <StepSelect label={t('scripts.field.next')} field="next" value={step.next} ctx={ctx} onChange={(v) => set('next', v)} />
      <StepSelect label={t('scripts.field.onGiveUp')} field="onGiveUp" value={step.onGiveUp} ctx={ctx} optional onChange={(v) => set('onGiveUp', v)} />
    </>
  );
}

type ConfirmField = { value: string; label: string; step: string };

function ConfirmForm({ step, onChange, ctx }: Props) {
  const set = (f: string, v: unknown) => onChange(setField(step, f, v));
  const fields = Array.isArray(step.fields) ? (step.fields as ConfirmField[]) : [];
  const setFields = (next: ConfirmField[]) => set('fields', next);
  return (
    <>
      <TextKeyField label={t('scripts.field.prompt')} name="prompt" value={String(step.prompt ?? '')} access={ctx.access} problem={problemFor(ctx, 'prompt')} onChange={(v) => set('prompt', v)} />
      <fieldset class="sc-options">
        <legend>{t('scripts.field.fields')}</legend>
        {fields.map((f, i) => (
          <div key={i} class="sc-item">
            <Row label={t('scripts.field.value')} problem={problemFor(ctx, `fields.${i}.value`)}><Text mono value={f.value} onChange={(v) => setFields(fields.map((x, j) => (j === i ? { ...x, value: v } : x)))} /></Row>
            <TextKeyField label={t('scripts.optionLabel')} value={f.label} access={ctx.access} problem={problemFor(ctx, `fields.${i}.label`)} onChange={(v) => setFields(fields.map((x, j) => (j === i ? { ...x, label: v } : x)))} />
            <StepSelect label={t('scripts.field.askAgain')} field={`fields.${i}.step`} value={f.step} ctx={ctx} onChange={(v) => setFields(fields.map((x, j) => (j === i ? { ...x, step: v ?? '' } : x)))} />
          </div>
        ))}
      </fieldset>
      <StepSelect label={t('scripts.field.yes')} field="yes" value={step.yes} ctx={ctx} onChange={(v) => set('yes', v)} />
      <StepSelect label={t('scripts.field.onGiveUp')} field="onGiveUp" value={step.onGiveUp} ctx={ctx} optional onChange={(v) => set('onGiveUp', v)} />
    </>
  );
}

/** "key=value" lines of an action's parameters. */
const paramsText = (w: unknown) => Object.entries((w ?? {}) as Record<string, unknown>).map(([k, v]) => `${k}=${String(v)}`).join('\n');
function parseParams(text: string): Record<string, string | number | boolean> | undefined {
  const out: Record<string, string | number | boolean> = {};
  for (const line of text.split('\n').map((l) => l.trim()).filter(Boolean)) {
    const [k, ...rest] = line.split('=');
    const v = rest.join('=').trim();
    out[k.trim()] = v === 'true' ? true : v === 'false' ? false : v !== '' && !Number.isNaN(Number(v)) ? Number(v) : v;
  }
  return Object.keys(out).length ? out : undefined;
}

function ActionForm({ step, onChange, ctx }: Props) {
  const set = (f: string, v: unknown) => onChange(setField(step, f, v));
  return (
    <>
      <Row label={t('scripts.field.action')} problem={problemFor(ctx, 'action')}><Choice name="action" value={step.action as string} options={ctx.actions} onChange={(v) => set('action', v)} /></Row>
      <Row label={t('scripts.field.with')} problem={problemFor(ctx, 'with')}><Text multiline mono name="with" value={paramsText(step.with)} same={(typed, v) => paramsText(parseParams(typed)) === v} onChange={(v) => set('with', parseParams(v))} /></Row>
      <StepSelect label={t('scripts.field.next')} field="next" value={step.next} ctx={ctx} optional onChange={(v) => set('next', v)} />
      <StepSelect label={t('scripts.field.onError')} field="onError" value={step.onError} ctx={ctx} optional onChange={(v) => set('onError', v)} />
    </>
  );
}

function GotoForm({ step, onChange, ctx }: Props) {
  const set = (f: string, v: unknown) => onChange(setField(step, f, v));
  return (
    <>
      <Row label={t('scripts.field.flow')} problem={problemFor(ctx, 'flow')}><Choice name="flow" value={step.flow as string | undefined} options={ctx.flows} optional onChange={(v) => set('flow', v)} /></Row>
      <Row label={t('scripts.field.step')} problem={problemFor(ctx, 'step')}><Text mono name="step" value={String(step.step ?? '')} onChange={(v) => set('step', v)} /></Row>
    </>
  );
}

function EndForm({ step, onChange, ctx }: Props) {
  const set = (f: string, v: unknown) => onChange(setField(step, f, v));
  return (
    <>
      <TextKeys label={t('scripts.field.text')} field="text" value={step.text} ctx={ctx} onChange={(v) => set('text', v)} />
      <label class="check">
        <input type="checkbox" name="menu" checked={step.menu === true} onChange={(ev) => set('menu', (ev.currentTarget as HTMLInputElement).checked || undefined)} />
        {t('scripts.field.menu')}
      </label>
    </>
  );
}

/** The form of a step, by its kind. */
export function StepForm(props: Props) {
  switch (props.step.kind) {
    case 'say':
      return <SayForm {...props} />;
    case 'ask':
      return <AskForm {...props} />;
    case 'confirm':
      return <ConfirmForm {...props} />;
    case 'branch':
      return <BranchForm {...props} />;
    case 'action':
      return <ActionForm {...props} />;
    case 'goto':
      return <GotoForm {...props} />;
    default:
      return <EndForm {...props} />;
  }
}
