'use client';

import { REGION_SCALE_BOUNDS, validateRegionScale, type RegionScaleField } from '@sw/domain/region-scale';
import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { ScaleRegionMutation } from '../../graphql/operations/runtime';
import type { RuntimeFieldsFragment } from '../../graphql/generated/graphql';
import { describeMutationError, issueAt, type MutationFailure } from '../../graphql/describe-error';
import { FormError, NumberField } from '../ui/field';

const FIELDS: Array<{ key: RegionScaleField; label: string; step: number }> = [
  { key: 'cpu', label: 'CPU (vCPU)', step: 0.5 },
  { key: 'memoryGb', label: 'Memory (GB)', step: 1 },
  { key: 'storageGb', label: 'Storage (GB)', step: 1 },
  { key: 'maxPlayers', label: 'Max players', step: 1 },
];

/**
 * Scales a region within its bounds. The bounds and the check are the platform's own rule (@sw/domain), run here
 * before sending so the user sees every problem at its field at once; the server runs the same rule again.
 */
export function ScaleForm({ regionId, spec }: { regionId: string; spec: RuntimeFieldsFragment['spec'] }) {
  const [values, setValues] = useState<Record<RegionScaleField, string>>({
    cpu: String(spec.cpu),
    memoryGb: String(spec.memoryGb),
    storageGb: String(spec.storageGb),
    maxPlayers: String(spec.maxPlayers),
  });
  const [failure, setFailure] = useState<MutationFailure | null>(null);
  const [saved, setSaved] = useState(false);
  const [{ fetching }, scale] = useMutation(ScaleRegionMutation);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    const input = Object.fromEntries(FIELDS.map((f) => [f.key, Number(values[f.key])])) as Record<RegionScaleField, number>;
    const issues = validateRegionScale(input);
    if (issues.length > 0) {
      setFailure({ code: 'ERR_SCALE_OUT_OF_RANGE', message: 'Some values are out of range.', issues });
      return;
    }
    const result = await scale({ regionId, input });
    if (result.error) {
      setFailure(describeMutationError(result.error));
      return;
    }
    setFailure(null);
    setSaved(true);
  }

  return (
    <form className="card form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="scale-heading" data-testid="scale-form">
      <h2 id="scale-heading" style={{ margin: 0 }}>
        Scale
      </h2>
      {failure && failure.issues.length === 0 && <FormError code={failure.code} message={failure.message} />}
      <div className="grid-2">
        {FIELDS.map((f) => {
          const b = REGION_SCALE_BOUNDS[f.key];
          return (
            <NumberField
              key={f.key}
              id={`scale-${f.key}`}
              label={f.label}
              value={values[f.key]}
              onChange={(v) => setValues((cur) => ({ ...cur, [f.key]: v }))}
              min={b.min}
              max={b.max}
              step={f.step}
              hint={`${b.min}–${b.max} ${b.unit}`}
              error={issueAt(failure, f.key)}
            />
          );
        })}
      </div>
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={fetching}>
          {fetching ? 'Scaling…' : 'Apply'}
        </button>
        {saved && (
          <span className="field__ok" role="status" data-testid="scale-saved">
            Scale requested; the reconciler applies it and the state above follows live.
          </span>
        )}
      </div>
    </form>
  );
}
