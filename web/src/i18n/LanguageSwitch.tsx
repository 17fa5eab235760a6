import { useId } from 'react';
import { useLocale } from './I18nProvider';
import { endonym, isLocale, LOCALES, PSEUDO_LOCALE } from './locales';
import { useT } from './useT';

/** The header's language switch: each language named in itself ("latviešu"). */
export function LanguageSwitch() {
  const t = useT();
  const id = useId();
  const { locale, choose } = useLocale();
  return (
    <span className="language-switch">
      <label htmlFor={id} className="sr-only">
        {t('layout.language')}
      </label>
      <select
        id={id}
        data-testid="language-select"
        value={locale}
        translate="no"
        onChange={(e) => {
          if (isLocale(e.target.value)) choose(e.target.value);
        }}
      >
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {endonym(l)}
          </option>
        ))}
        {locale === PSEUDO_LOCALE && <option value={PSEUDO_LOCALE}>{PSEUDO_LOCALE}</option>}
      </select>
    </span>
  );
}
