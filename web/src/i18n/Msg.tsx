import type { ReactNode } from 'react';
import { FormattedMessage } from 'react-intl';
import type { MessageId } from './catalogs';

/**
 * A message with markup or React values: `<Msg id="account.signedInAs" values={{ name }} />`.
 * `<b>…</b>` in a message renders as <strong> (the provider's default rich elements).
 */
export function Msg({
  id,
  values,
}: {
  id: MessageId;
  values?: Record<string, ReactNode | ((chunks: ReactNode[]) => ReactNode)>;
}) {
  return <FormattedMessage id={id} {...(values ? { values } : {})} />;
}
