import { dismiss, toasts } from '../state/notify';
import { t } from '../i18n';

/** Toasts at the bottom right; an alert's button (open the chat) dismisses it. */
export function Toasts() {
  return (
    <div class="toasts" role="status" aria-live="polite">
      {toasts.value.map((x) => (
        <div key={x.id} class={`toast ${x.kind}`}>
          <span class="toast-text">{x.text}</span>
          {x.action ? (
            <button
              type="button"
              class="btn small primary"
              onClick={() => {
                x.action!.run();
                dismiss(x.id);
              }}
            >
              {x.action.label}
            </button>
          ) : null}
          <button type="button" class="toast-close" aria-label={t('action.dismiss')} onClick={() => dismiss(x.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
