import { useState } from 'preact/hooks';
import { ApiError } from '../../../shared/http';
import { api } from '../../api';
import { t } from '../../i18n';
import { applyMessage } from '../../state/conversation';
import { failed, toast } from '../../state/notify';

/** Files carried by a paste or a drop, if any. */
export function filesOf(data: { files?: FileList | null } | null | undefined): File[] {
  return Array.from(data?.files ?? []);
}

/**
 * Sends pictures and files to the customer one after the other (button, paste, drop), each shown
 * in the transcript when the server stored it; a refusal (type, size, not your chat) is a toast
 * in the agent's language.
 */
export function useFileSender(conversationId: string) {
  const [sending, setSending] = useState(false);
  const send = async (files: File[]) => {
    if (!files.length || sending) return;
    setSending(true);
    try {
      for (const file of files) {
        const { message } = await api.sendFile(conversationId, file, file.name || 'image.png');
        applyMessage(conversationId, message);
      }
    } catch (err) {
      if (err instanceof ApiError && err.code === 'FILE_TOO_LARGE') toast(t('media.tooLarge'), 'error');
      else if (err instanceof ApiError && err.code === 'FILE_TYPE_NOT_ALLOWED') toast(t('media.typeNotAllowed'), 'error');
      else failed(err);
    } finally {
      setSending(false);
    }
  };
  return { sending, send };
}
