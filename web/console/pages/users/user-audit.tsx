import { useEffect, useState } from 'preact/hooks';
import type { AuditEntry } from '../../../../src/http/contract';
import { api } from '../../api';
import { t, tOr } from '../../i18n';
import { when } from '../../format';
import { Empty } from '../../components/ui';

/** A change as a line: "role: agent → manager". */
function describe(changes: unknown): string {
  if (!changes || typeof changes !== 'object') return '';
  return Object.entries(changes as Record<string, unknown>)
    .map(([k, v]) => {
      if (v && typeof v === 'object' && 'from' in v && 'to' in v) return `${k}: ${JSON.stringify((v as { from: unknown }).from)} → ${JSON.stringify((v as { to: unknown }).to)}`;
      return `${k}: ${JSON.stringify(v)}`;
    })
    .join('; ');
}

/** What happened to a user, newest first, from the audit log. */
export function UserAudit({ userId, version }: { userId: string; version: number }) {
  const [items, setItems] = useState<AuditEntry[] | undefined>(undefined);
  useEffect(() => {
    let live = true;
    api.audit('User', userId).then((r) => live && setItems(r.items), () => live && setItems([]));
    return () => {
      live = false;
    };
  }, [userId, version]);
  if (!items) return null;
  if (!items.length) return <Empty>{t('users.noAudit')}</Empty>;
  return (
    <ol class="audit">
      {items.map((a) => (
        <li key={a.id}>
          <time dateTime={a.at}>{when(a.at)}</time> <strong>{tOr(`audit.${a.action}`, a.action)}</strong> <span class="muted">{a.actor.name ?? tOr(`audit.actor.${a.actor.type}`, a.actor.type)}</span>
          <div class="small mono">{describe(a.changes)}</div>
        </li>
      ))}
    </ol>
  );
}
