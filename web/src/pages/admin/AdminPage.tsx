import { useT } from '../../i18n/useT';
import { AssumptionsEditor } from './AssumptionsEditor';
import { ImportForm } from './ImportForm';
import { PlansEditor } from './PlansEditor';
import { WebhookSources } from './WebhookSources';

/** Admin: bonus plans, money assumptions, data import. */
export default function AdminPage() {
  const t = useT();
  return (
    <div className="page admin">
      <div className="page-head">
        <h1>{t('admin.title')}</h1>
      </div>
      <section aria-labelledby="ad-plans" className="panel">
        <h2 id="ad-plans">{t('admin.plans')}</h2>
        <PlansEditor />
      </section>
      <section aria-labelledby="ad-assumptions" className="panel">
        <h2 id="ad-assumptions">{t('admin.assumptions')}</h2>
        <AssumptionsEditor />
      </section>
      <section aria-labelledby="ad-import" className="panel">
        <h2 id="ad-import">{t('admin.import')}</h2>
        <ImportForm />
      </section>
      <section aria-labelledby="ad-webhooks" className="panel">
        <h2 id="ad-webhooks">{t('admin.webhooks')}</h2>
        <WebhookSources />
      </section>
    </div>
  );
}
