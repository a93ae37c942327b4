import fs from 'node:fs';
import path from 'node:path';
import { parse, YAMLParseError } from 'yaml';
import { LOCALES } from '../core/message';
import { hasKey, type Resources } from '../i18n/i18n';
import { flowSchema, type FlowDefinition, type Step } from './flow-schema';

/** A flow that failed to load; the message names the file, the flow and the step; `field` the step's field at fault. */
export class FlowError extends Error {
  constructor(readonly file: string, readonly flowId: string | undefined, readonly stepId: string | undefined, readonly detail: string, readonly field?: string) {
    super(`${file}${flowId ? ` flow "${flowId}"` : ''}${stepId ? ` step "${stepId}"` : ''}: ${detail}`);
    this.name = 'FlowError';
  }
}

/** Files in flows/ that are not flows. */
export const RESERVED_FILES = new Set(['catalogue.yaml', 'intents.yaml']);

export interface LoadedFlows {
  flows: Map<string, FlowDefinition>;
  /** Which file each flow came from (for messages). */
  files: Map<string, string>;
}

/** Step names a step can lead to, each with the field that names it. */
function targets(step: Step): [string, string][] {
  switch (step.kind) {
    case 'say':
      return step.next ? [['next', step.next]] : [];
    case 'ask':
      return [['next', step.next], ...(step.onGiveUp ? [['onGiveUp', step.onGiveUp] as [string, string]] : [])];
    case 'confirm':
      return [['yes', step.yes], ...step.fields.map((f, i) => [`fields.${i}.step`, f.step] as [string, string]), ...(step.onGiveUp ? [['onGiveUp', step.onGiveUp] as [string, string]] : [])];
    case 'branch':
      return [...step.cases.map((c, i) => [`cases.${i}.next`, c.next] as [string, string]), ['else', step.else]];
    case 'action':
      return [...(step.next ? [['next', step.next] as [string, string]] : []), ...(step.onError ? [['onError', step.onError] as [string, string]] : [])];
    case 'goto':
      return step.flow ? [] : [['step', step.step!]];
    case 'end':
      return [];
  }
}

/** i18n keys a step uses, each with the field that names it. */
function textKeys(step: Step): [string, string][] {
  const list = (field: string, v: string | string[] | undefined): [string, string][] =>
    v === undefined ? [] : Array.isArray(v) ? v.map((k, i) => [`${field}.${i}`, k]) : [[field, v]];
  const labels = (field: string, options: { label: string }[] | undefined): [string, string][] => (options ?? []).map((o, i) => [`${field}.${i}.label`, o.label]);
  switch (step.kind) {
    case 'say':
      return [...list('text', step.text), ...labels('quickReplies', step.quickReplies)];
    case 'ask':
      return [['prompt', step.prompt], ...list('invalid', step.invalid), ...labels('options', step.options)];
    case 'confirm':
      return [['prompt', step.prompt], ...labels('fields', step.fields)];
    case 'end':
      return list('text', step.text);
    default:
      return [];
  }
}

/** A flow file as parsed YAML, with the name it is reported under (a file, or a published version). */
export interface FlowSource {
  file: string;
  data: unknown;
}

/** Reads every flows/*.yaml once; YAML errors name the file and line. */
export function readFlowFiles(dir: string): FlowSource[] {
  const entries = fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f) && !RESERVED_FILES.has(f)).sort();
  return entries.map((name) => {
    try {
      return { file: name, data: parse(fs.readFileSync(path.join(dir, name), 'utf8'), { prettyErrors: true }) as unknown };
    } catch (err) {
      const where = err instanceof YAMLParseError && err.linePos ? ` (line ${err.linePos[0].line})` : '';
      throw new FlowError(name, undefined, undefined, `not valid YAML${where}: ${(err as Error).message.split('\n')[0]}`);
    }
  });
}

/** Reads and checks every flows/*.yaml (see parseFlows). */
export function loadFlows(dir: string, resources: Resources, actionNames: ReadonlySet<string>): LoadedFlows {
  return parseFlows(readFlowFiles(dir), resources, actionNames);
}

/**
 * Validates flows given as parsed data against the schema, then checks what a schema cannot:
 * step references, goto targets, action names, and that each text exists in every locale.
 */
export function parseFlows(sources: FlowSource[], resources: Resources, actionNames: ReadonlySet<string>): LoadedFlows {
  const flows = new Map<string, FlowDefinition>();
  const files = new Map<string, string>();
  for (const { file: name, data: raw } of sources) {
    const flowId = typeof (raw as { id?: unknown })?.id === 'string' ? (raw as { id: string }).id : undefined;
    const parsed = flowSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const stepId = issue.path[0] === 'steps' ? String(issue.path[1]) : undefined;
      const field = issue.path.slice(stepId ? 2 : 0).join('.');
      throw new FlowError(name, flowId, stepId, `${field ? `${field}: ` : ''}${issue.message}`, field || undefined);
    }
    const flow = parsed.data;
    if (flows.has(flow.id)) throw new FlowError(name, flow.id, undefined, `the id is already used by ${files.get(flow.id)}`);
    flows.set(flow.id, flow);
    files.set(flow.id, name);
  }
  for (const flow of flows.values()) {
    const file = files.get(flow.id)!;
    if (!flow.steps[flow.start]) throw new FlowError(file, flow.id, undefined, `start step "${flow.start}" does not exist`, 'start');
    for (const [stepId, step] of Object.entries(flow.steps)) {
      for (const [field, target] of targets(step)) {
        if (!flow.steps[target]) throw new FlowError(file, flow.id, stepId, `leads to step "${target}", which does not exist`, field);
      }
      if (step.kind === 'goto' && step.flow) {
        const other = flows.get(step.flow);
        if (!other) throw new FlowError(file, flow.id, stepId, `goes to flow "${step.flow}", which does not exist`, 'flow');
        if (step.step && !other.steps[step.step]) throw new FlowError(file, flow.id, stepId, `goes to step "${step.step}" of flow "${step.flow}", which does not exist`, 'step');
      }
      if (step.kind === 'action' && !actionNames.has(step.action)) {
        throw new FlowError(file, flow.id, stepId, `unknown action "${step.action}" (known: ${[...actionNames].sort().join(', ')})`, 'action');
      }
      for (const [field, key] of textKeys(step)) {
        const missing = LOCALES.filter((l) => !hasKey(resources, l, key));
        if (missing.length) throw new FlowError(file, flow.id, stepId, `text "${key}" is missing in locale ${missing.join(', ')}`, field);
      }
    }
    if (flow.title) {
      const missing = LOCALES.filter((l) => !hasKey(resources, l, flow.title!));
      if (missing.length) throw new FlowError(file, flow.id, undefined, `title "${flow.title}" is missing in locale ${missing.join(', ')}`, 'title');
    }
  }
  return { flows, files };
}
