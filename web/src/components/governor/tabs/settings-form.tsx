'use client';

import type { ChangeRoute } from '@sw/domain/governance-authority';
import { useState, type FormEvent, type ReactNode } from 'react';
import type { MutationFailure } from '../../../graphql/describe-error';
import { describeRoute } from '../region-actor';
import type { RegionConfigApi } from '../use-region-config';
import { FormError } from '../../ui/field';

/**
 * A settings group's form: the decision table's route on top (who may change it, and why not when a policy is
 * needed), the fields, and a save button only when this viewer can change it directly. Server problems land at
 * their fields (the caller reads `failure`); a version conflict offers to reload without losing the draft.
 */
export function SettingsForm({
  testId,
  route,
  api,
  onSave,
  children,
}: {
  testId: string;
  route: ChangeRoute;
  api: RegionConfigApi;
  onSave: () => Promise<MutationFailure | null>;
  children: (failure: MutationFailure | null) => ReactNode;
}) {
  const [failure, setFailure] = useState<MutationFailure | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setSaved(false);
    const f = await onSave();
    setBusy(false);
    setFailure(f);
    setSaved(!f);
  }

  const direct = route.route === 'direct';
  return (
    <form className="form" onSubmit={(e) => void submit(e)} noValidate data-testid={testId}>
      <p className={direct ? 'notice notice--ok' : 'notice'} data-testid={`${testId}-route`} data-route={route.route}>
        {describeRoute(route)}
      </p>
      {failure && failure.issues.length === 0 && <FormError code={failure.code} message={failure.message} />}
      <fieldset disabled={!direct} style={{ border: 0, padding: 0, margin: 0, display: 'grid', gap: '0.9rem' }}>
        {children(failure)}
      </fieldset>
      {direct && (
        <div className="form-actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? 'Saving…' : 'Save'}
          </button>
          {failure?.code === 'ERR_VERSION_CONFLICT' && (
            <button type="button" className="button" onClick={() => void api.reload()}>
              Reload current settings
            </button>
          )}
          {saved && (
            <span className="field__ok" role="status" data-testid={`${testId}-saved`}>
              Saved as version {api.config.configVersion}.
            </span>
          )}
        </div>
      )}
    </form>
  );
}

/** A number field's text → number, or undefined when left empty (not sent). */
export const numberOrUndefined = (text: string): number | undefined => (text.trim() === '' ? undefined : Number(text));
