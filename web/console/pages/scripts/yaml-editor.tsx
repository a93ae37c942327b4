import { useEffect, useState } from 'preact/hooks';
import type { BotSection } from '../../../../src/http/contract/bot-content';
import { t } from '../../i18n';
import { go } from '../../router';
import { failed, reason, toast } from '../../state/notify';
import { Button, Chip } from '../../components/ui';
import { TextArea } from '../../components/text-field';
import { draft, problemsOf, removePart, saveYaml } from './draft-store';
import { scriptsApi } from './scripts-api';
import { ProblemList } from './problem-list';
import { Text } from './fields';

/** One part as YAML text: loaded from the server, saved back (it parses and checks it). */
function YamlPart({ section, name }: { section: BotSection; name?: string }) {
  const [text, setText] = useState<string | undefined>(undefined);
  const [error, setError] = useState('');
  const [dirty, setDirty] = useState(false);
  useEffect(() => {
    scriptsApi.part({ section, name }).then((p) => setText(p.yaml), (err: unknown) => setError(reason(err)));
  }, [section, name]);
  const save = async () => {
    try {
      await saveYaml({ section, name }, text ?? '');
      setDirty(false);
      toast(t('scripts.saved'));
    } catch (err) {
      failed(err);
    }
  };
  if (error) return <p class="form-error">{error}</p>;
  if (text === undefined) return <p class="muted">{t('app.loading')}</p>;
  return (
    <div class="sc-yaml" data-part={`${section}:${name ?? ''}`}>
      <ProblemList problems={problemsOf({ section, ...(name ? { name } : {}) })} />
      <TextArea
        class="mono sc-yaml-text"
        name="yaml"
        rows={28}
        spellcheck={false}
        value={text}
        onValue={(v) => {
          setText(v);
          setDirty(true);
        }}
      />
      <div class="row-actions">
        {dirty ? <Chip kind="warn">{t('scripts.unsaved')}</Chip> : null}
        <Button kind="primary" class="save-yaml" disabled={!dirty} onClick={() => void save()}>{t('action.save')}</Button>
      </div>
    </div>
  );
}

/** 对话测试: the conversation tests (flows/tests/*.yaml) that run against the draft before every publish. */
export function TestsEditor({ params }: { params: string[] }) {
  const d = draft.value!;
  const files = Object.keys(d.bundle.tests).sort();
  const file = params[0] && d.bundle.tests[params[0]] ? params[0] : files[0];
  const [newName, setNewName] = useState('');
  const add = async () => {
    const n = newName.trim();
    if (!/^[a-z0-9][a-z0-9-]*$/.test(n) || d.bundle.tests[n]) return toast(t('scripts.badFlowId'), 'error');
    try {
      await saveYaml({ section: 'tests', name: n }, `profile: ${d.profile}\ntests:\n  - name: ${t('scripts.newTestName')}\n    turns:\n      - customer: 你好\n        bot: 您好\n`);
      setNewName('');
      go('scripts', 'tests', n);
    } catch (err) {
      failed(err);
    }
  };
  return (
    <div class="sc-split">
      <nav class="sc-list" aria-label={t('scripts.tab.tests')}>
        <p class="muted small">{t('scripts.testsHint', { count: d.testCount })}</p>
        {files.map((f) => (
          <a key={f} href={`#/scripts/tests/${f}`} class={`sc-list-item${f === file ? ' is-active' : ''}`}>
            <span class="mono">{f}.yaml</span>
          </a>
        ))}
        <div class="sc-add">
          <Text mono value={newName} onChange={setNewName} placeholder={t('scripts.newTestFile')} />
          <Button small onClick={() => void add()}>{t('scripts.addTestFile')}</Button>
        </div>
        {file ? <Button small kind="danger" onClick={() => void removePart({ section: 'tests', name: file }).then(() => go('scripts', 'tests'), failed)}>{t('scripts.deleteTestFile')}</Button> : null}
      </nav>
      {file ? <YamlPart key={file} section="tests" name={file} /> : null}
    </div>
  );
}

/** Small talk and shared synonyms, and the company profile (menu, flows), as YAML. */
export function MoreEditor({ params }: { params: string[] }) {
  const part = params[0] === 'profile' ? 'profile' : 'commonKnowledge';
  return (
    <div class="sc-split">
      <nav class="sc-list">
        <a href="#/scripts/more/commonKnowledge" class={`sc-list-item${part === 'commonKnowledge' ? ' is-active' : ''}`}>{t('scripts.smallTalk')}</a>
        <a href="#/scripts/more/profile" class={`sc-list-item${part === 'profile' ? ' is-active' : ''}`}>{t('scripts.profile')}</a>
      </nav>
      <YamlPart key={part} section={part} />
    </div>
  );
}
