import { useState } from 'preact/hooks';
import { QA_ITEMS } from '../../../../../src/domain/qa/qa-kinds';
import { href } from '../../../router';
import { Button, Chip, Empty } from '../../../components/ui';
import { TextInput } from '../../../components/text-field';
import { bo, type QaItem } from '../api';
import { tb } from '../i18n';
import { FormError, useAction, useLoad } from '../ui';
import { when } from '../format';

function Scorecard({ item, onDone }: { item: QaItem; onDone(): void }) {
  const [scores, setScores] = useState<Record<string, string>>(Object.fromEntries(QA_ITEMS.map((i) => [i, String(item.scores[i] ?? '')])));
  const [comment, setComment] = useState(item.comment ?? '');
  const action = useAction();
  const complete = QA_ITEMS.every((i) => scores[i]);
  return (
    <form class="bo-scorecard" onSubmit={(ev) => (ev.preventDefault(), void action.run(() => bo.scoreQa(item.id, Object.fromEntries(QA_ITEMS.map((i) => [i, Number(scores[i])])), comment || undefined), onDone))}>
      {QA_ITEMS.map((i) => (
        <label key={i} class="bo-score">
          <span>{tb(`qa.item.${i}`)}</span>
          <select name={i} value={scores[i]} onChange={(ev) => setScores({ ...scores, [i]: (ev.currentTarget as HTMLSelectElement).value })}>
            <option value="">—</option>
            {[5, 4, 3, 2, 1].map((s) => (
              <option key={s} value={String(s)}>{s}</option>
            ))}
          </select>
        </label>
      ))}
      <TextInput name="comment" maxLength={2000} placeholder={tb('qa.comment')} value={comment} onValue={(v) => setComment(v)} />
      <Button small kind="primary" type="submit" disabled={!complete || action.busy}>
        {tb('qa.save')}
      </Button>
      <FormError error={action.error} />
    </form>
  );
}

/** 质检抽查: each agent's sampled chats of last week, scored on the scorecard. */
export function QaTab() {
  const { data, error, reload } = useLoad(() => bo.qa({}), []);
  const sample = useAction();
  return (
    <div class="bo-qa">
      <div class="bo-toolbar">
        <Button small onClick={() => void sample.run(() => bo.sampleQa(), reload)} disabled={sample.busy}>
          {tb('qa.sampleNow')}
        </Button>
        <span class="muted small">{tb('qa.hint')}</span>
      </div>
      <FormError error={sample.error || error} />
      {data && !data.length ? <Empty>{tb('empty')}</Empty> : null}
      <ul class="bo-rows">
        {(data ?? []).map((r) => (
          <li key={r.id} class="qa-row" data-id={r.id}>
            <div class="bo-row">
              <span class="mono">{r.week}</span>
              <strong>{r.agent.name}</strong>
              <a href={href('inbox', r.conversationId)}>{tb('link.conversation')}</a>
              <span class="muted small">{when(r.closedAt)}</span>
              {r.status === 'scored' ? <Chip kind="ok">{tb('qa.scored', { total: r.total ?? '' })}</Chip> : <Chip>{tb('qa.pending')}</Chip>}
            </div>
            <Scorecard item={r} onDone={reload} />
          </li>
        ))}
      </ul>
    </div>
  );
}
