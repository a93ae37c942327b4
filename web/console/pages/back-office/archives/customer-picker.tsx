import { useEffect, useState } from 'preact/hooks';
import { TextInput } from '../../../components/text-field';
import { bo, type CustomerArchive } from '../api';
import { tb } from '../i18n';

/** Finds a customer by name, phone (or its last four digits) or ID number and picks one. */
export function CustomerPicker({ value, onPick, exclude }: { value?: CustomerArchive; onPick(c: CustomerArchive | undefined): void; exclude?: string }) {
  const [q, setQ] = useState('');
  const [found, setFound] = useState<CustomerArchive[]>([]);
  useEffect(() => {
    if (q.trim().length < 2) return setFound([]);
    let live = true;
    const timer = setTimeout(() => bo.customers(q).then((x) => live && setFound(x.filter((c) => c.id !== exclude).slice(0, 8)), () => undefined), 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [q]);
  if (value)
    return (
      <div class="bo-picked">
        <strong>{value.name ?? '—'}</strong> <span class="muted">{value.phone}</span>
        <button type="button" class="link" onClick={() => onPick(undefined)}>{tb('change')}</button>
      </div>
    );
  return (
    <div class="bo-picker">
      <TextInput name="customerSearch" type="search" maxLength={100} placeholder={tb('archive.customerSearch')} value={q} onValue={(v, composing) => !composing && setQ(v)} />
      {found.length ? (
        <ul class="bo-picks">
          {found.map((c) => (
            <li key={c.id}>
              <button type="button" class="link" data-id={c.id} onClick={() => onPick(c)}>{`${c.name ?? '—'} · ${c.phone ?? ''}`}</button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
