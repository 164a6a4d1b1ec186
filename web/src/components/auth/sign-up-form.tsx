'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { useSession, type SignInFailure } from '../../auth/session-provider';
import { FormError, TextField } from '../ui/field';

/** The sign-up form: every problem the server finds (username taken, weak password, …) is shown at its field. */
export function SignUpForm({ invite, next = '/' }: { invite: string; next?: string }) {
  const router = useRouter();
  const { register } = useSession();
  const [values, setValues] = useState({ username: '', email: '', password: '', inviteCode: invite });
  const [failure, setFailure] = useState<SignInFailure | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof values) => (v: string) => setValues((cur) => ({ ...cur, [k]: v }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    const outcome = await register({ ...values, ...(values.inviteCode.trim() ? {} : { inviteCode: undefined }) } as typeof values);
    setBusy(false);
    if ('code' in outcome) {
      setFailure(outcome);
      return;
    }
    setFailure(null);
    if (outcome.notice) {
      setNotice(outcome.notice);
      return;
    }
    router.replace(next);
    router.refresh();
  }

  // Field errors come as {path, message}; a code that belongs to one field lands there too.
  const byCode: Record<string, string> = { ERR_USERNAME_TAKEN: 'username', ERR_EMAIL_TAKEN: 'email', ERR_WEAK_PASSWORD: 'password' };
  const at = (path: string) => failure?.issues.find((i) => i.path === path)?.message ?? (failure && byCode[failure.code] === path && failure.issues.length === 0 ? failure.message : undefined);
  const general = failure && failure.issues.length === 0 && !byCode[failure.code] ? failure : null;

  if (notice) {
    return (
      <div className="form" data-testid="sign-up-notice">
        <p className="notice" role="status">
          Your account was created, but the invite did not apply: {notice}
        </p>
        <button type="button" className="button button--primary" onClick={() => { router.replace(next); router.refresh(); }}>
          Continue
        </button>
      </div>
    );
  }
  return (
    <form className="form" onSubmit={(e) => void submit(e)} noValidate data-testid="sign-up-form">
      {general && <FormError code={general.code} message={general.message} />}
      <TextField id="sign-up-username" label="Username" value={values.username} onChange={set('username')} autoComplete="username" error={at('username')} required />
      <TextField id="sign-up-email" label="E-mail" type="email" value={values.email} onChange={set('email')} autoComplete="email" error={at('email')} required />
      <TextField id="sign-up-password" label="Password" type="password" value={values.password} onChange={set('password')} autoComplete="new-password" error={at('password')} required />
      <TextField id="sign-up-invite" label="Invite code (optional)" value={values.inviteCode} onChange={set('inviteCode')} error={at('inviteCode')} hint="An invite makes you a citizen of the inviting region." />
      <button type="submit" className="button button--primary" disabled={busy}>
        {busy ? 'Creating your account…' : 'Create account'}
      </button>
    </form>
  );
}
