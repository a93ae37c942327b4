import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n';
import type { PageDef } from '../pages';
import { reason } from '../state/notify';

/** A page whose code loads on first visit (a chunk of its own). */
export function LazyPage({ def, params }: { def: PageDef; params: string[] }) {
  const [Page, setPage] = useState<ComponentType<{ params: string[] }> | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  useEffect(() => {
    let live = true;
    def.load().then(
      (m) => live && setPage(() => m.default),
      (err: unknown) => live && setError(reason(err)),
    );
    return () => {
      live = false;
    };
  }, [def]);
  if (error) return <p class="page-error">{t('error.load', { error })}</p>;
  return Page ? <Page params={params} /> : <div class="boot muted">{t('app.loading')}</div>;
}
