import type { Metadata } from 'next';
import { SignInPanel } from '../../components/auth/sign-in-panel';
import { Link } from '../../components/ui/link';
import { safeNextPath } from '../../auth/safe-next';

export const metadata: Metadata = { title: 'Sign in' };

/** Sign in, then go back to where the user came from (`next`, same-site paths only); new players are sent to sign up. */
export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const { next } = await searchParams;
  const target = safeNextPath(next, '/sign-in', '/sign-up');
  return (
    <div className="narrow">
      <h1 className="page__title">Sign in</h1>
      <section className="card">
        <SignInPanel next={target} />
      </section>
      <p className="muted">
        New to SectorWars? <Link href={target === '/' ? '/sign-up' : `/sign-up?next=${encodeURIComponent(target)}`}>Create an account</Link>
      </p>
    </div>
  );
}
