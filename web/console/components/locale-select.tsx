import { CONSOLE_LOCALES, lang, setLang, t, type ConsoleLocale } from '../i18n';

/** The language switch: 简体中文 / 繁體中文 / English. */
export function LocaleSelect() {
  return (
    <select class="locale-select" aria-label={t('app.language')} value={lang.value} onChange={(ev) => setLang((ev.currentTarget as HTMLSelectElement).value as ConsoleLocale)}>
      {CONSOLE_LOCALES.map((l) => (
        <option key={l} value={l}>
          {t(`locale.${l}`)}
        </option>
      ))}
    </select>
  );
}
