/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type GovernanceType =
  | 'AUTOCRACY'
  | 'COUNCIL'
  | 'DEMOCRACY';

export type NexusGenerationStatus =
  | 'ACTIVE'
  | 'FAILED'
  | 'GENERATING'
  | 'NOT_GENERATED';

/** Business lifecycle of a region (billing and access). The orchestrator's runtime state is Region.runtime. */
export type RegionStatus =
  | 'ACTIVE'
  | 'ATTACHMENT_PENDING'
  | 'GENERATION_CORRUPT'
  | 'GRACE'
  | 'PENDING'
  | 'SUSPENDED'
  | 'TERMINATED';

export type RegionType =
  | 'CENTRAL_NEXUS'
  | 'PLAYER_OWNED'
  | 'TERRAN_SPACE';

export type HomeNexusStatusQueryVariables = Exact<{ [key: string]: never; }>;


export type HomeNexusStatusQuery = { nexusStatus: { exists: boolean, status: NexusGenerationStatus, totalSectors: number, totalPorts: number, totalPlanets: number, capitalSectorNumber: number | null } };

export type RegionListItemFragment = { id: string, name: string, displayName: string, regionType: RegionType, status: RegionStatus, totalSectors: number, owner: { id: string, name: string } | null, governance: { governanceType: GovernanceType } };

export type HomeRegionsQueryVariables = Exact<{
  first: number;
}>;


export type HomeRegionsQuery = { regions: Array<{ id: string, name: string, displayName: string, regionType: RegionType, status: RegionStatus, totalSectors: number, owner: { id: string, name: string } | null, governance: { governanceType: GovernanceType } }> };

export const RegionListItemFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"RegionListItem"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Region"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"regionType"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"totalSectors"}},{"kind":"Field","name":{"kind":"Name","value":"owner"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"governance"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"governanceType"}}]}}]}}]} as unknown as DocumentNode<RegionListItemFragment, unknown>;
export const HomeNexusStatusDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"HomeNexusStatus"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nexusStatus"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"exists"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"totalSectors"}},{"kind":"Field","name":{"kind":"Name","value":"totalPorts"}},{"kind":"Field","name":{"kind":"Name","value":"totalPlanets"}},{"kind":"Field","name":{"kind":"Name","value":"capitalSectorNumber"}}]}}]}}]} as unknown as DocumentNode<HomeNexusStatusQuery, HomeNexusStatusQueryVariables>;
export const HomeRegionsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"HomeRegions"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"regions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"RegionListItem"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"RegionListItem"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Region"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"regionType"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"totalSectors"}},{"kind":"Field","name":{"kind":"Name","value":"owner"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"governance"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"governanceType"}}]}}]}}]} as unknown as DocumentNode<HomeRegionsQuery, HomeRegionsQueryVariables>;