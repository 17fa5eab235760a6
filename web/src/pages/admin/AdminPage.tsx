import { AssumptionsEditor } from './AssumptionsEditor';
import { ImportForm } from './ImportForm';
import { PlansEditor } from './PlansEditor';

/** Admin: bonus plans, money assumptions, data import. */
export default function AdminPage() {
  return (
    <div className="page admin">
      <div className="page-head">
        <h1>Admin</h1>
      </div>
      <section aria-labelledby="ad-plans" className="panel">
        <h2 id="ad-plans">Bonus plans</h2>
        <PlansEditor />
      </section>
      <section aria-labelledby="ad-assumptions" className="panel">
        <h2 id="ad-assumptions">Money assumptions</h2>
        <AssumptionsEditor />
      </section>
      <section aria-labelledby="ad-import" className="panel">
        <h2 id="ad-import">Import data</h2>
        <ImportForm />
      </section>
    </div>
  );
}
