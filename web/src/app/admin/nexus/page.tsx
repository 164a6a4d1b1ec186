import type { Metadata } from 'next';
import { NexusManagerQuery, NexusWarpGatesQuery } from '../../../graphql/operations/nexus';
import { runQuery } from '../../../graphql/run-query';
import { AdminGate } from '../../../components/auth/admin-gate';
import { ErrorBanner } from '../../../components/ui/error-banner';
import { NexusOverview } from '../../../components/nexus/nexus-overview';
import { ClustersTable } from '../../../components/nexus/clusters-table';
import { GenerationPanel } from '../../../components/nexus/generation-panel';

export const metadata: Metadata = { title: 'Nexus manager' };
export const dynamic = 'force-dynamic';

/** Nexus manager: status, headline stats, generate / regenerate with live progress, and the 20 clusters. */
export default async function NexusManagerPage() {
  return (
    <AdminGate title="Nexus manager" next="/admin/nexus">
      <NexusManager />
    </AdminGate>
  );
}

async function NexusManager() {
  const [manager, gates] = await Promise.all([runQuery(NexusManagerQuery, {}), runQuery(NexusWarpGatesQuery, {})]);
  if (manager.kind !== 'ok') return <ErrorBanner title="Nexus unavailable" failure={manager.failure} />;
  const { nexusStatus, clusters } = manager.data;
  return (
    <>
      <h1 className="page__title">Nexus manager</h1>
      <NexusOverview status={nexusStatus} warpGates={gates.kind === 'ok' ? gates.data.nexusStats.totalWarpGates : null} />
      <GenerationPanel exists={nexusStatus.exists} />
      <ClustersTable clusters={clusters} canRegenerate={nexusStatus.exists} />
    </>
  );
}
