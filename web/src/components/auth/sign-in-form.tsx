'use client';

import { useState, type FormEvent } from 'react';
import { useSession, type SignInFailure } from '../../auth/session-provider';
import { FormError, TextField } from '../ui/field';

/** Username (and password, once the accounts service's login is live) form; calls `onSignedIn` after success. */
export function SignInForm({ onSignedIn, idPrefix = 'sign-in' }: { onSignedIn: () => void; idPrefix?: string }) {
  const { signIn } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [failure, setFailure] = useState<SignInFailure | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    const outcome = await signIn(username, password);
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
        label="Username or e-mail"
        value={username}
        onChange={setUsername}
        autoComplete="username"
        error={fieldError('username') ?? fieldError('login')}
        required
      />
      <TextField
        id={`${idPrefix}-password`}
        label="Password"
        type="password"
        value={password}
        onChange={setPassword}
        autoComplete="current-password"
        error={fieldError('password')}
        hint="On a local platform the seeded accounts (admin, alice, bob, carol) sign in without a password."
      />
      <button type="submit" className="button button--primary" disabled={busy}>
        {busy ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
