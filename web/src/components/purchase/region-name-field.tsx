'use client';

import { useEffect, useState } from 'react';
import { useClient } from 'urql';
import { RegionNameAvailabilityQuery } from '../../graphql/operations/billing';
import { TextField } from '../ui/field';

/** Where the name check stands; `available` carries the slug the region will get. */
export type NameCheck =
  | { state: 'empty' }
  | { state: 'checking' }
  | { state: 'available'; slug: string }
  | { state: 'unavailable'; message: string }
  | { state: 'error'; message: string };

const DEBOUNCE_MS = 250;

/**
 * The region name input, checked against the server's one validator and the taken rule as the buyer types
 * (debounced; a slower answer for an older value is dropped, so the message always matches the text shown).
 */
export function RegionNameField({
  value,
  onChange,
  onCheck,
  serverError,
}: {
  value: string;
  onChange: (v: string) => void;
  onCheck: (c: NameCheck) => void;
  serverError?: string | undefined;
}) {
  const client = useClient();
  const [check, setCheck] = useState<NameCheck>({ state: 'empty' });

  useEffect(() => {
    const name = value.trim();
    const update = (c: NameCheck) => {
      setCheck(c);
      onCheck(c);
    };
    if (name === '') return update({ state: 'empty' });
    update({ state: 'checking' });
    let stale = false;
    const timer = setTimeout(() => {
      void client
        .query(RegionNameAvailabilityQuery, { name }, { requestPolicy: 'network-only' })
        .toPromise()
        .then((r) => {
          if (stale) return;
          const a = r.data?.regionNameAvailability;
          if (!a) return update({ state: 'error', message: r.error?.message ?? 'The name could not be checked.' });
          if (a.available) return update({ state: 'available', slug: a.slug });
          const why = a.issues.map((i) => i.message).join(' ') || (a.reason === 'TAKEN' ? 'Another region already has that name.' : 'That name is not allowed.');
          update({ state: 'unavailable', message: why });
        });
    }, DEBOUNCE_MS);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
    // onCheck is the parent's setter; re-checking only when the text changes.
  }, [value, client]);

  const error = serverError ?? (check.state === 'unavailable' || check.state === 'error' ? check.message : undefined);
  const hint =
    check.state === 'available' ? (
      <span className="field__ok" data-testid="region-name-available">
        Available — the region will be called “{check.slug}”.
      </span>
    ) : check.state === 'checking' ? (
      <span aria-live="polite">Checking…</span>
    ) : (
      '3–50 characters: letters, digits and hyphens.'
    );
  return <TextField id="region-name" label="Region name" value={value} onChange={onChange} error={error} hint={hint} autoComplete="off" maxLength={60} required />;
}
