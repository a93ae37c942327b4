import { h } from '../../shared/dom';
import { locale, setLocale } from '../i18n';

/** 中文 | EN: switches the console's language; `onChange` redraws. */
export function localeSwitch(onChange: () => void): HTMLElement {
  const option = (value: 'zh-CN' | 'en', label: string) =>
    h('button', {
      type: 'button',
      class: `locale-option${locale() === value ? ' is-active' : ''}`,
      'aria-pressed': String(locale() === value),
      lang: value,
      text: label,
      on: {
        click: () => {
          if (locale() === value) return;
          setLocale(value);
          onChange();
        },
      },
    });
  return h('div', { class: 'locale-switch', role: 'group', 'aria-label': 'Language / 语言' }, option('zh-CN', '中文'), option('en', 'EN'));
}
