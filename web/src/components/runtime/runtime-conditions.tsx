import type { RuntimeFieldsFragment } from '../../graphql/generated/graphql';

/** The six provisioning steps in the order the reconciler works through them. */
export const CONDITION_ORDER = ['SUBSCRIPTION_VALID', 'DATABASE_CREATED', 'REGION_GENERATED', 'STACK_DEPLOYED', 'NEXUS_REGISTERED', 'ROUTING_CONFIGURED'] as const;

const LABELS: Record<string, string> = {
  SUBSCRIPTION_VALID: 'Subscription valid',
  DATABASE_CREATED: 'Database created',
  REGION_GENERATED: 'Region generated',
  STACK_DEPLOYED: 'Region server deployed',
  NEXUS_REGISTERED: 'Attached to the Nexus',
  ROUTING_CONFIGURED: 'Routing configured',
};

const ICON: Record<string, string> = { true: '✓', false: '✕', unknown: '…' };

/** The provisioning conditions as a checklist; a step not reported yet shows as waiting. */
export function RuntimeConditions({ conditions }: { conditions: RuntimeFieldsFragment['conditions'] }) {
  const byType = new Map(conditions.map((c) => [c.type, c]));
  const types = [...CONDITION_ORDER, ...conditions.map((c) => c.type).filter((t) => !(CONDITION_ORDER as readonly string[]).includes(t))];
  return (
    <ol className="conditions" aria-label="Provisioning steps">
      {types.map((type) => {
        const c = byType.get(type);
        const status = (c?.status ?? 'Unknown').toLowerCase();
        return (
          <li key={type} data-testid="condition" data-condition-type={type} data-condition-status={c?.status ?? 'Unknown'}>
            <span className={`conditions__icon conditions__icon--${status}`} aria-hidden="true">
              {ICON[status] ?? '…'}
            </span>
            <span>
              <strong>{LABELS[type] ?? type}</strong>
              {c?.message && <span className="table__sub">{c.message}</span>}
            </span>
            <span className={`badge badge--${status}`}>{status === 'true' ? 'done' : status === 'false' ? (c?.reason ?? 'failed') : 'waiting'}</span>
          </li>
        );
      })}
    </ol>
  );
}
