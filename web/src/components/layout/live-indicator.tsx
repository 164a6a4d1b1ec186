'use client';

import { useLiveConnection } from '../../graphql/client';

const LABELS = { idle: 'Live updates idle', connecting: 'Connecting…', live: 'Live', reconnecting: 'Reconnecting…' } as const;

/** Shows whether live updates are flowing; announced politely when it changes. */
export function LiveIndicator() {
  const { status } = useLiveConnection();
  if (status === 'idle') return null;
  return (
    <span className={`live-indicator live-indicator--${status}`} role="status" data-testid="live-indicator" data-live-status={status}>
      {LABELS[status]}
    </span>
  );
}
