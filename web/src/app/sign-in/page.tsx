import type { Metadata } from 'next';
import { SignInPanel } from '../../components/auth/sign-in-panel';

export const metadata: Metadata = { title: 'Sign in' };

/** Sign in, then go back to where the user came from (`next`, same-site paths only). */
export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const { next } = await searchParams;
  const target = next && next.startsWith('/') && !next.startsWith('//') && next !== '/sign-in' ? next : '/';
  return (
    <div className="narrow">
      <h1 className="page__title">Sign in</h1>
      <section className="card">
        <SignInPanel next={target} />
      </section>
    </div>
  );
}
