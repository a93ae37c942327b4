import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readLocaleFiles } from '../../src/i18n/i18n';
import { loadFlows } from '../../src/flows/flow-loader';
import { ACTION_NAMES } from '../../src/conversation/actions/registry';

const root = path.resolve(__dirname, '..', '..');
const resources = readLocaleFiles(path.join(root, 'locales'));

/** Loads a flows folder holding just this one file. */
function loadOne(yaml: string): unknown {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flows-'));
  fs.writeFileSync(path.join(dir, 'broken.yaml'), yaml);
  try {
    return loadFlows(dir, resources, ACTION_NAMES);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const header = 'id: broken\nversion: 1\nstart: hello\nsteps:\n';

describe('loading flows', () => {
  it('loads every shipped flow', () => {
    const { flows } = loadFlows(path.join(root, 'flows'), resources, ACTION_NAMES);
    expect(flows.get('greeting')?.steps.opening?.kind).toBe('say');
    expect(flows.has('leave-message')).toBe(true);
  });

  it('refuses a step of an unknown kind, naming the file, the flow and the step', () => {
    expect(() => loadOne(`${header}  hello:\n    kind: shout\n    text: common:yes\n`)).toThrow(
      /^broken\.yaml flow "broken" step "hello": kind: Invalid discriminator value\. Expected 'say' \| 'ask'/,
    );
  });

  it('refuses a step that leads to a step that does not exist', () => {
    expect(() => loadOne(`${header}  hello:\n    kind: say\n    text: common:yes\n    next: nowhere\n`)).toThrow('broken.yaml flow "broken" step "hello": leads to step "nowhere", which does not exist');
  });

  it('refuses a text missing from a locale and an unknown action', () => {
    expect(() => loadOne(`${header}  hello:\n    kind: say\n    text: common:no_such_text\n`)).toThrow('step "hello": text "common:no_such_text" is missing in locale zh-CN, zh-TW, en');
    expect(() => loadOne(`${header}  hello:\n    kind: action\n    action: launchRocket\n`)).toThrow(/step "hello": unknown action "launchRocket"/);
  });

  it('refuses an ask step without what its type needs, and YAML that does not parse', () => {
    expect(() => loadOne(`${header}  hello:\n    kind: ask\n    prompt: common:yes\n    type: choice\n    save: x\n    next: hello\n`)).toThrow(/step "hello": a choice needs options or optionsFrom/);
    expect(() => loadOne(`${header}  hello: [unclosed\n`)).toThrow(/broken.yaml: not valid YAML \(line \d+\)/);
  });
});
