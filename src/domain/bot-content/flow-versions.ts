import { hashOf, type BotBundle } from './content-bundle';

/** A flow version (`order@3`) and the fingerprint of its definition. */
export interface FlowFingerprint {
  key: string;
  hash: string;
}

/** The fingerprint of a flow's definition, whatever its version number says. */
function definitionHash(flow: Record<string, unknown>): string {
  const { version: _version, ...definition } = flow;
  return hashOf(definition);
}

/**
 * Numbers the flows of a bundle about to be published so that one flow version is one definition
 * across every version ever published: a conversation's frame ({flowId, version, stepId}) then
 * always resolves to the steps it was started on. A flow equal to a published one keeps (or gets
 * back) that number; a changed flow gets the next number of its id; a new flow keeps its own.
 */
export function assignFlowVersions(bundle: BotBundle, known: readonly FlowFingerprint[]): { bundle: BotBundle; fingerprints: FlowFingerprint[] } {
  const byId = new Map<string, Map<number, string>>();
  for (const { key, hash } of known) {
    const at = key.lastIndexOf('@');
    const id = key.slice(0, at);
    if (!byId.has(id)) byId.set(id, new Map());
    byId.get(id)!.set(Number(key.slice(at + 1)), hash);
  }
  const flows: BotBundle['flows'] = {};
  const fingerprints: FlowFingerprint[] = [];
  for (const [stem, flow] of Object.entries(bundle.flows)) {
    const id = String(flow.id);
    const hash = definitionHash(flow);
    let version = Number(flow.version);
    const versions = byId.get(id);
    if (versions && versions.get(version) !== hash) {
      const same = [...versions].find(([, h]) => h === hash);
      const highest = Math.max(...versions.keys());
      version = same ? same[0] : version > highest ? version : highest + 1;
    }
    flows[stem] = version === flow.version ? flow : { ...flow, version };
    fingerprints.push({ key: `${id}@${version}`, hash });
  }
  return { bundle: { ...bundle, flows }, fingerprints };
}
