'use client';

import { useCallback, useState } from 'react';
import { useClient, type AnyVariables, type TypedDocumentNode } from 'urql';
import { RegionConfigQuery } from '../../graphql/operations/region-config';
import type { RegionConfigFragment } from '../../graphql/generated/graphql';
import { describeMutationError, type MutationFailure } from '../../graphql/describe-error';

/** What every config mutation answers: the new version and the region's settings after it. */
type ConfigResult = { version: { version: number }; region: RegionConfigFragment };

export interface RegionConfigApi {
  config: RegionConfigFragment;
  /** Runs one config mutation based on the version shown; on success the shown settings become the server's. */
  save<Vars extends AnyVariables, Data>(
    doc: TypedDocumentNode<Data, Vars>,
    variables: Omit<Vars, 'regionId' | 'expectedVersion'>,
    pick: (data: Data) => ConfigResult,
  ): Promise<MutationFailure | null>;
  /** Re-reads the settings (after a version conflict); drafts held by the forms are untouched. */
  reload(): Promise<void>;
}

/**
 * The region's settings as the dashboard shows them, with the configuration version every change is based on
 * (optimistic concurrency: ERR_VERSION_CONFLICT when someone else changed them first).
 */
export function useRegionConfig(initial: RegionConfigFragment): RegionConfigApi {
  const client = useClient();
  const [config, setConfig] = useState(initial);

  const save = useCallback(
    async <Vars extends AnyVariables, Data>(doc: TypedDocumentNode<Data, Vars>, variables: Omit<Vars, 'regionId' | 'expectedVersion'>, pick: (data: Data) => ConfigResult) => {
      // The version the user saw goes with the change; the server refuses it if someone changed the settings since.
      const vars = { ...variables, regionId: config.id, expectedVersion: config.configVersion } as unknown as Vars;
      const result = await client.mutation(doc, vars).toPromise();
      if (result.error || !result.data) {
        return result.error ? describeMutationError(result.error) : ({ code: 'ERR_EMPTY_RESPONSE', message: 'No answer', issues: [] } satisfies MutationFailure);
      }
      setConfig(pick(result.data).region);
      return null;
    },
    [client, config.id, config.configVersion],
  );

  const reload = useCallback(async () => {
    const r = await client.query(RegionConfigQuery, { id: config.id }, { requestPolicy: 'network-only' }).toPromise();
    if (r.data) setConfig(r.data.region);
  }, [client, config.id]);

  return { config, save, reload };
}
