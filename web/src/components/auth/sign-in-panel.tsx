'use client';

import { useRouter } from 'next/navigation';
import { SignInForm } from './sign-in-form';

/** The sign-in page's form: on success, back to `next` with the server render refreshed for the new session. */
export function SignInPanel({ next }: { next: string }) {
  const router = useRouter();
  return (
    <SignInForm
      onSignedIn={() => {
        router.replace(next);
        router.refresh();
      }}
    />
  );
}
