'use client';

import { useState, type FormEvent } from 'react';
import { useSession, type SignInFailure } from '../../auth/session-provider';
import { FormError, TextField } from '../ui/field';

/** Username (and password, once the accounts service's login is live) form; calls `onSignedIn` after success. */
export function SignInForm({ onSignedIn, idPrefix = 'sign-in' }: { onSignedIn: () => void; idPrefix?: string }) {
  const { signIn } = useSession();
  const [username, setUsername] = useState('');
  const [failure, setFailure] = useState<SignInFailure | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    const outcome = await signIn(username);
    setBusy(false);
    setFailure(outcome);
    if (!outcome) onSignedIn();
  }

  const fieldError = (path: string) => failure?.issues.find((i) => i.path === path)?.message;
  return (
    <form className="form" onSubmit={(e) => void submit(e)} noValidate data-testid="sign-in-form">
      {failure && failure.issues.length === 0 && <FormError code={failure.code} message={failure.message} />}
      <TextField
        id={`${idPrefix}-username`}
        label="Username"
        value={username}
        onChange={setUsername}
        autoComplete="username"
        error={fieldError('username')}
        hint="Seeded accounts on a local platform: admin, alice, bob, carol."
        required
      />
      <button type="submit" className="button button--primary" disabled={busy}>
        {busy ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
