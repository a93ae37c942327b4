import type { AttachmentView } from '../../../../src/http/contract';
import { t } from '../../i18n';
import { openDialog } from '../../components/ui';
import { Icon } from '../../components/icon';

const sizeLabel = (n?: number) => (n === undefined ? '' : n < 1048576 ? `${Math.max(1, Math.round(n / 1024))} KB` : `${(n / 1048576).toFixed(1)} MB`);
const download = (url: string) => `${url}?download=1`;

/** Whether this browser plays the type (WeChat's AMR and QQ's SILK voice it does not). */
function playable(mime: string | undefined): boolean {
  return !!mime && typeof document !== 'undefined' && document.createElement('audio').canPlayType(mime) !== '';
}

/** The whole picture over the console; Escape or the button closes it. */
export function viewImage(a: AttachmentView): void {
  if (!a.url) return;
  const url = a.url;
  void openDialog((close) => (
    <div class="modal image-viewer" role="dialog" aria-modal="true" aria-label={a.name ?? t('media.image')} onKeyDown={(ev) => ev.key === 'Escape' && close()}>
      <img src={url} alt={a.name ?? t('media.image')} />
      <div class="modal-actions">
        <a class="btn" href={download(url)} download={a.name ?? true}>
          {t('media.download')}
        </a>
        {/* Focused when shown, so Escape and Enter close it from the keyboard. */}
        <button type="button" class="btn primary" ref={(el) => el?.focus()} onClick={() => close()}>
          {t('media.close')}
        </button>
      </div>
    </div>
  ));
}

function One({ a }: { a: AttachmentView }) {
  const name = a.name ?? t(`media.kind.${a.kind}`);
  if (!a.url) {
    return (
      <div class="att att-missing" role="note">
        {t(`media.error.${a.error ?? 'unavailable'}`, { kind: t(`media.kind.${a.kind}`), name })}
        {a.transcript ? <p class="att-transcript">{t('media.transcript', { text: a.transcript })}</p> : null}
      </div>
    );
  }
  if (a.kind === 'image') {
    return (
      <button type="button" class="att att-image" aria-label={t('media.view', { name })} onClick={() => viewImage(a)}>
        <img src={a.thumbnailUrl ?? a.url} alt={name} loading="lazy" />
      </button>
    );
  }
  if (a.kind === 'voice' || a.kind === 'video') {
    const plays = playable(a.mime);
    return (
      <div class={`att att-${a.kind}`}>
        {plays && a.kind === 'voice' ? <audio controls preload="none" src={a.url} aria-label={name} /> : null}
        {plays && a.kind === 'video' ? <video controls preload="metadata" src={a.url} aria-label={name} /> : null}
        {a.transcript ? <p class="att-transcript">{t('media.transcript', { text: a.transcript })}</p> : null}
        <a class="att-link" href={download(a.url)} download={a.name ?? true}>
          {plays ? t('media.download') : t('media.notPlayable', { type: a.mime ?? '?' })}
        </a>
      </div>
    );
  }
  return (
    <a class="att att-file" href={download(a.url)} download={a.name ?? true}>
      <Icon name="file" />
      <span class="att-name">{name}</span>
      <span class="att-size">{sizeLabel(a.size)}</span>
    </a>
  );
}

/**
 * A message's pictures, files, voice and video in the console: pictures inline (a click shows the
 * whole picture), files as downloads, voice playable with the platform's transcript under it (or a
 * download where the browser cannot play the format), and a note for a file that did not arrive.
 */
export function Attachments({ items }: { items: AttachmentView[] }) {
  return (
    <div class="atts">
      {items.map((a, i) => (
        <One key={i} a={a} />
      ))}
    </div>
  );
}
