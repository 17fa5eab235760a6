import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { Redirect, Route, Switch, useLocation, useSearch } from 'wouter';
import { AccessNote } from './components/AccessNote';
import { Layout } from './components/Layout';
import { ErrorState, Loading } from './components/States';
import { useT } from './i18n/useT';
import { canOpen, PAGE_NAME, pageOf } from './lib/access';
import { LoginPage } from './pages/login/LoginPage';
import { homeFor, meQuery } from './queries/auth';

// Each page is its own chunk: the shell (router, query cache, sign-in) loads first and
// the charts only with the pages that draw them.
const OverviewPage = lazy(() => import('./pages/overview/OverviewPage'));
const SegmentsPage = lazy(() => import('./pages/segments/SegmentsPage'));
const ScorecardPage = lazy(() => import('./pages/scorecard/ScorecardPage'));
const HrPage = lazy(() => import('./pages/hr/HrPage'));
const AdminPage = lazy(() => import('./pages/admin/AdminPage'));
const DrilldownPage = lazy(() => import('./pages/drilldown/DrilldownPage'));
const AccountPage = lazy(() => import('./pages/account/AccountPage'));
const SignalsPage = lazy(() => import('./pages/signals/SignalsPage'));
// closed loop (issue 13)
const CasesPage = lazy(() => import('./pages/cases/CasesPage'));
const CasePage = lazy(() => import('./pages/cases/CasePage'));
const CustomerPage = lazy(() => import('./pages/customer/CustomerPage'));
const RecoveryPage = lazy(() => import('./pages/recovery/RecoveryPage'));

export function App() {
  const t = useT();
  const me = useQuery(meQuery());
  const [location] = useLocation();
  const search = useSearch();
  if (me.isPending) return <Loading label={t('app.signingIn')} />;
  if (me.isError) return <ErrorState error={me.error} onRetry={() => me.refetch()} />;
  const session = me.data;
  if (!session) {
    return location === '/login' ? <LoginPage /> : <Redirect to="/login" replace />;
  }
  const home = homeFor(session.user);
  // a page the role cannot use leads home with a note (lib/access.ts), not to refusals
  const page = pageOf(location);
  if (PAGE_NAME[page] && !canOpen(session.user.role, location, search)) {
    return <Redirect to={home} replace state={{ denied: page }} />;
  }
  return (
    <Layout user={session.user}>
      <AccessNote />
      <Suspense fallback={<Loading />}>
        <Switch>
          <Route path="/login">
            <Redirect to={home} replace />
          </Route>
          <Route path="/overview" component={OverviewPage} />
          <Route path="/segments" component={SegmentsPage} />
          <Route path="/scorecard" component={ScorecardPage} />
          <Route path="/hr" component={HrPage} />
          <Route path="/admin" component={AdminPage} />
          <Route path="/drilldown" component={DrilldownPage} />
          <Route path="/account">
            <AccountPage user={session.user} />
          </Route>
          <Route path="/signals" component={SignalsPage} />
          <Route path="/cases" component={CasesPage} />
          <Route path="/cases/:id" component={CasePage} />
          <Route path="/customers/:id" component={CustomerPage} />
          <Route path="/recovery" component={RecoveryPage} />
          <Route>
            <Redirect to={home} replace />
          </Route>
        </Switch>
      </Suspense>
    </Layout>
  );
}
