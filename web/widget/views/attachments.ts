import { h } from '../../shared/dom';
import type { AttachmentView } from '../../shared/contract';
import type { Translate } from '../i18n';

/** Fetches a file of the conversation (with the visitor token) and gives a blob: URL for it. */
export type FileLoader = (url: string) => Promise<string>;

const sizeLabel = (n?: number) => (n === undefined ? '' : n < 1048576 ? `${Math.max(1, Math.round(n / 1024))} KB` : `${(n / 1048576).toFixed(1)} MB`);

/** Opens the whole file: a picture in a new tab, anything else as a download with its name. */
function openFile(load: FileLoader, url: string, name?: string, download = false): void {
  void load(url).then((href) => h('a', { href, target: '_blank', rel: 'noopener', download: download ? (name ?? true) : undefined }).click());
}

/**
 * What a picture or file shows in its bubble: a picture inline (its thumbnail in a plain <img>; a
 * click opens the whole picture), any other file as a button that downloads it.
 */
export function attachmentNode(a: AttachmentView, t: Translate, load: FileLoader): HTMLElement {
  const label = a.name ?? t(a.kind === 'image' ? 'image' : 'file');
  const url = a.url;
  // Not stored (never the case for the widget's own uploads and agents' files): its name only.
  if (!url) return h('div', { class: 'kf-file', text: label });
  if (a.kind === 'image') {
    const img = h('img', { class: 'kf-img', alt: label });
    load(a.thumbnailUrl ?? url).then((src) => (img.src = src), () => undefined);
    return h('button', { type: 'button', class: 'kf-pic', on: { click: () => openFile(load, url) } }, img);
  }
  return h('button', { type: 'button', class: 'kf-file', on: { click: () => openFile(load, url, a.name, true) } }, '📄', h('span', { text: label }), h('small', { text: sizeLabel(a.size) }));
}

/** Why the widget will not send a file (its type or size against the server's rules), or undefined. */
export function refusalOf(file: Blob, rules: { maxBytes: number; types: string[] } | undefined, t: Translate): string | undefined {
  if (!rules) return undefined;
  if (file.size > rules.maxBytes) return t('fileTooLarge', { size: Math.floor(rules.maxBytes / 1048576) || 1 });
  // The browser's guess of the type; the server reads the real one from the bytes.
  if (file.type && !rules.types.includes(file.type)) return t('fileType');
  return undefined;
}
