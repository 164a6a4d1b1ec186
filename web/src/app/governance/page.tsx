import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { GovernancePanelQuery } from '../../graphql/operations/governance';
import { runQuery } from '../../graphql/run-query';
import { readSession } from '../../auth/session-cookie';
import { ErrorBanner } from '../../components/ui/error-banner';
import { GovernancePanel } from '../../components/governance/governance-panel';

export const metadata: Metadata = { title: 'Governance' };
export const dynamic = 'force-dynamic';

/** My memberships and voting power, and the open policies and elections of the regions I belong to. */
export default async function GovernancePage() {
  if (!(await readSession())) redirect('/sign-in?next=/governance');
  const me = await runQuery(GovernancePanelQuery, {});
  return (
    <>
      <h1 className="page__title">Governance</h1>
      {me.kind === 'ok' ? (
        <div data-testid="governance-page" style={{ display: 'grid', gap: '1.25rem' }}>
          <GovernancePanel me={me.data.me} />
        </div>
      ) : (
        <ErrorBanner title="Your governance data is unavailable" failure={me.failure} />
      )}
    </>
  );
}
