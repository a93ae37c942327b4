import fs from 'node:fs';
import path from 'node:path';
import { parse, YAMLParseError } from 'yaml';
import { LOCALES } from '../core/message';
import { hasKey, type Resources } from '../i18n/i18n';
import { flowSchema, type FlowDefinition, type Step } from './flow-schema';

/** A flow that failed to load; the message names the file, the flow and the step. */
export class FlowError extends Error {
  constructor(readonly file: string, readonly flowId: string | undefined, readonly stepId: string | undefined, detail: string) {
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

/** Step names a step can lead to. */
function targets(step: Step): string[] {
  switch (step.kind) {
    case 'say':
      return step.next ? [step.next] : [];
    case 'ask':
      return [step.next, ...(step.onGiveUp ? [step.onGiveUp] : [])];
    case 'confirm':
      return [step.yes, ...step.fields.map((f) => f.step), ...(step.onGiveUp ? [step.onGiveUp] : [])];
    case 'branch':
      return [...step.cases.map((c) => c.next), step.else];
    case 'action':
      return [...(step.next ? [step.next] : []), ...(step.onError ? [step.onError] : [])];
    case 'goto':
      return step.flow ? [] : [step.step!];
    case 'end':
      return [];
  }
}

/** i18n keys a step uses. */
function textKeys(step: Step): string[] {
  const list = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
  switch (step.kind) {
    case 'say':
      return [...list(step.text), ...(step.quickReplies ?? []).map((o) => o.label)];
    case 'ask':
      return [step.prompt, ...(step.invalid ? [step.invalid] : []), ...(step.options ?? []).map((o) => o.label)];
    case 'confirm':
      return [step.prompt, ...step.fields.map((f) => f.label)];
    case 'end':
      return list(step.text);
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
      throw new FlowError(name, flowId, stepId, `${field ? `${field}: ` : ''}${issue.message}`);
    }
    const flow = parsed.data;
    if (flows.has(flow.id)) throw new FlowError(name, flow.id, undefined, `the id is already used by ${files.get(flow.id)}`);
    flows.set(flow.id, flow);
    files.set(flow.id, name);
  }
  for (const flow of flows.values()) {
    const file = files.get(flow.id)!;
    if (!flow.steps[flow.start]) throw new FlowError(file, flow.id, undefined, `start step "${flow.start}" does not exist`);
    for (const [stepId, step] of Object.entries(flow.steps)) {
      for (const target of targets(step)) {
        if (!flow.steps[target]) throw new FlowError(file, flow.id, stepId, `leads to step "${target}", which does not exist`);
      }
      if (step.kind === 'goto' && step.flow) {
        const other = flows.get(step.flow);
        if (!other) throw new FlowError(file, flow.id, stepId, `goes to flow "${step.flow}", which does not exist`);
        if (step.step && !other.steps[step.step]) throw new FlowError(file, flow.id, stepId, `goes to step "${step.step}" of flow "${step.flow}", which does not exist`);
      }
      if (step.kind === 'action' && !actionNames.has(step.action)) {
        throw new FlowError(file, flow.id, stepId, `unknown action "${step.action}" (known: ${[...actionNames].sort().join(', ')})`);
      }
      for (const key of textKeys(step)) {
        const missing = LOCALES.filter((l) => !hasKey(resources, l, key));
        if (missing.length) throw new FlowError(file, flow.id, stepId, `text "${key}" is missing in locale ${missing.join(', ')}`);
      }
    }
    if (flow.title) {
      const missing = LOCALES.filter((l) => !hasKey(resources, l, flow.title!));
      if (missing.length) throw new FlowError(file, flow.id, undefined, `title "${flow.title}" is missing in locale ${missing.join(', ')}`);
    }
  }
  return { flows, files };
}
