import { useQuery } from '@tanstack/react-query';
import { useT } from '../i18n/useT';
import { type MoneyFigure, moneyQuery } from '../queries/money';
import { MoneyCard } from './MoneyCard';
import { QueryView } from './States';

/** A row of money cards of one scope, each with its "how is this computed". */
export function MoneyCards({
  period,
  scope,
  figures,
}: {
  period: string;
  scope: string;
  figures: readonly MoneyFigure[];
}) {
  const t = useT();
  const money = useQuery(moneyQuery(period, scope));
  return (
    <QueryView query={money} loadingLabel={t('money.loading')}>
      {(m) => (
        <div className="cards" data-testid="money-cards">
          {figures.map((f) => (
            <MoneyCard
              key={f}
              figure={f}
              amount={m.figures[f]}
              currency={m.currency}
              period={period}
              scope={scope}
            />
          ))}
        </div>
      )}
    </QueryView>
  );
}
