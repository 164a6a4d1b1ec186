'use client';

import { useRouter } from 'next/navigation';
import { useTransition } from 'react';

/** Re-renders the current page on the server (fresh snapshot) without losing client state elsewhere on it. */
export function RefreshButton({ label = 'Refresh' }: { label?: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  return (
    <button type="button" className="button" onClick={() => start(() => router.refresh())} disabled={pending}>
      {pending ? 'Refreshing…' : label}
    </button>
  );
}
