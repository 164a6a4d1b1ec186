import type { Metadata } from 'next';
import { Link } from '../../../../../components/ui/link';
import { ClusterDetailQuery } from '../../../../../graphql/operations/nexus';
import { runQuery } from '../../../../../graphql/run-query';
import { AdminGate } from '../../../../../components/auth/admin-gate';
import { ErrorBanner } from '../../../../../components/ui/error-banner';
import { ClusterDetail } from '../../../../../components/nexus/cluster-detail';

export const metadata: Metadata = { title: 'Cluster' };
export const dynamic = 'force-dynamic';

/** One Nexus cluster: its figures, sample sectors, stations and planets, and regeneration. */
export default async function ClusterPage({ params }: { params: Promise<{ clusterNumber: string }> }) {
  const { clusterNumber } = await params;
  return (
    <AdminGate title="Cluster" next={`/admin/nexus/clusters/${clusterNumber}`}>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link href="/admin/nexus">Nexus manager</Link> / Cluster {clusterNumber}
      </nav>
      <ClusterBody clusterNumber={Number(clusterNumber)} />
    </AdminGate>
  );
}

async function ClusterBody({ clusterNumber }: { clusterNumber: number }) {
  if (!Number.isInteger(clusterNumber)) {
    return <ErrorBanner title="Cluster not found" failure={{ code: 'ERR_UNKNOWN_CLUSTER', message: 'Cluster numbers are whole numbers 1-20.' }} />;
  }
  const result = await runQuery(ClusterDetailQuery, { clusterNumber });
  if (result.kind !== 'ok') return <ErrorBanner title="Cluster not found" failure={result.failure} />;
  return <ClusterDetail cluster={result.data.cluster} />;
}
