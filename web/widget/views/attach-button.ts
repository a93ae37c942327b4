import { h } from '../../shared/dom';
import type { Translate } from '../i18n';
import { widgetIcon } from './icons';

/** The composer's attachment tool: a button that opens the file chooser (its input hidden beside it). */
export interface AttachButton {
  el: HTMLElement;
  button: HTMLButtonElement;
  /** The types the server takes, offered first by the file chooser. */
  accept(types: string[]): void;
}

/**
 * The paper-clip button; files chosen go to `onFiles`, as do files pasted into `input` and files
 * dropped on `dropZone` (the whole chat window).
 */
export function createAttachButton(t: Translate, input: HTMLElement, dropZone: HTMLElement, onFiles: (files: File[]) => void): AttachButton {
  const chooser = h('input', { type: 'file', accept: 'image/*', hidden: true, tabindex: '-1', 'aria-hidden': 'true' });
  const button = h('button', { type: 'button', class: 'kf-attach', 'aria-label': t('attach'), title: t('attach'), on: { click: () => chooser.click() } }, widgetIcon('attach'));
  const take = (list: FileList | null | undefined) => {
    const files = Array.from(list ?? []);
    if (files.length && !button.disabled) onFiles(files);
    return files.length > 0;
  };
  chooser.addEventListener('change', () => {
    take(chooser.files);
    chooser.value = '';
  });
  input.addEventListener('paste', (ev) => {
    if (take(ev.clipboardData?.files)) ev.preventDefault();
  });
  const carriesFiles = (ev: DragEvent) => !!ev.dataTransfer && Array.from(ev.dataTransfer.types).includes('Files');
  dropZone.addEventListener('dragover', (ev) => {
    if (carriesFiles(ev)) ev.preventDefault();
  });
  dropZone.addEventListener('drop', (ev) => {
    if (!carriesFiles(ev)) return;
    ev.preventDefault();
    take(ev.dataTransfer?.files);
  });
  return {
    el: h('span', null, button, chooser),
    button,
    accept: (types) => chooser.setAttribute('accept', types.join(',')),
  };
}
