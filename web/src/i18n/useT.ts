import { useCallback } from 'react';
import { useIntl } from 'react-intl';
import type { MessageId } from './catalogs';

export type MessageValues = Record<string, string | number | Date>;
export type Translate = (id: MessageId, values?: MessageValues) => string;

/**
 * The one way a component gets text: `const t = useT()`, then t with a literal id and its values.
 * Ids are typed (a key English lacks does not compile) and written as literals, so
 * the catalog test can find every id the code uses. For text with markup use
 * Msg (web/src/i18n/Msg.tsx) (react-intl's FormattedMessage, ids typed the same).
 */
export function useT(): Translate {
  const intl = useIntl();
  return useCallback<Translate>((id, values) => intl.formatMessage({ id }, values), [intl]);
}
