'use client';

import { useEffect, useState } from 'react';
import { useClient } from 'urql';
import { ConfigHistoryQuery } from '../../graphql/operations/region-config';
import type { ConfigHistoryQuery as HistoryData } from '../../graphql/generated/graphql';
import { enumLabel } from '../../graphql/reshape';
import { EmptyState, Skeleton } from '../ui/states';

type Version = HistoryData['region']['configHistory'][number];
const show = (v: unknown) => (v === null || v === undefined ? '—' : typeof v === 'object' ? JSON.stringify(v) : String(v));

/** Every configuration version, newest first: who, how (decree, owner, admin, policy), what changed, when. */
export function ConfigHistory({ regionId, version }: { regionId: string; version: number }) {
  const client = useClient();
  const [versions, setVersions] = useState<Version[] | null>(null);

  // Re-read whenever the shown version moves (a save here, or a reload after a conflict).
  useEffect(() => {
    void client
      .query(ConfigHistoryQuery, { id: regionId, first: 20 }, { requestPolicy: 'network-only' })
      .toPromise()
      .then((r) => setVersions(r.data?.region.configHistory ?? []));
  }, [client, regionId, version]);

  return (
    <section className="tabs__content" aria-labelledby="history-heading" data-testid="config-history">
      <h2 id="history-heading" style={{ margin: 0, fontSize: '1.1rem' }}>
        Configuration history
      </h2>
      {versions === null ? (
        <Skeleton lines={3} label="Loading the history" />
      ) : versions.length === 0 ? (
        <EmptyState title="No changes yet" />
      ) : (
        <div className="table-wrap" tabIndex={0}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Version</th>
                <th scope="col">How</th>
                <th scope="col">By</th>
                <th scope="col">Changes</th>
                <th scope="col">When</th>
              </tr>
            </thead>
            <tbody>
              {versions.map((v) => (
                <tr key={v.version} data-testid="config-version" data-version={v.version}>
                  <td className="num">{v.version}</td>
                  <td>{enumLabel(v.via)}</td>
                  <td>{v.actorName ?? '—'}</td>
                  <td>
                    {v.changes.map((c) => (
                      <span key={c.field} className="table__sub">
                        {c.field}: {show(c.from)} → {show(c.to)}
                      </span>
                    ))}
                  </td>
                  <td>{v.at.slice(0, 16).replace('T', ' ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
