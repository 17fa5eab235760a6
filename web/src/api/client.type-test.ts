// Type tests of the typed client, checked by `tsc -p web` (pnpm lint): if a route's
// answer stops being what the dashboard reads, or a write loses its typed body, this
// file no longer compiles. Nothing here runs.
import type { InferRequestType, InferResponseType } from 'hono/client';
import type { ImportAnswer, PlanSaved } from '../queries/admin';
import type { WebhookSource } from '../queries/webhooks';
import type { api } from './client';

type Equal<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const expectType = <T extends true>(_proof?: T) => undefined;

// GET /api/health: exactly the contract's `{ status: 'ok', db }`
expectType<
  Equal<InferResponseType<typeof api.health.$get, 200>, { status: 'ok'; db: 'pglite' | 'postgres' }>
>();
// POST /api/import: the counts per file the import form shows
expectType<Equal<ImportAnswer['imported'], { [x: string]: number }>>();
// PUT /api/plans/{key}/{validFrom}: the path parameters are typed and required
expectType<
  Equal<
    InferRequestType<(typeof api.plans)[':key'][':validFrom']['$put']>['param'],
    { key: string; validFrom: string }
  >
>();
// saving a plan answers the plan as GET /api/plans lists it
expectType<
  Equal<PlanSaved['plan'], InferResponseType<typeof api.plans.$get, 200>['plans'][number]>
>();
// the webhook sources never carry a secret
expectType<Equal<'secret' extends keyof WebhookSource ? true : false, false>>();
// POST /api/auth/password: a wrong body does not compile
type PasswordBody = InferRequestType<typeof api.auth.password.$post>['json'];
expectType<Equal<PasswordBody, { current_password: string; new_password: string }>>();
