import type { Metadata } from 'next';
import { Link } from '../../components/ui/link';
import { SignUpForm } from '../../components/auth/sign-up-form';
import { safeNextPath } from '../../auth/safe-next';

export const metadata: Metadata = { title: 'Sign up' };

/**
 * Create an account; an invite code (typed, or from an invite link's ?invite=) makes you a citizen of its region.
 * Afterwards, back to where the player came from (`next`, same-site paths only), e.g. the purchase page.
 */
export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ invite?: string; next?: string }> }) {
  const { invite, next } = await searchParams;
  const target = safeNextPath(next, '/sign-in', '/sign-up');
  return (
    <div className="narrow">
      <h1 className="page__title">Sign up</h1>
      <section className="card">
        <SignUpForm invite={invite ?? ''} next={target} />
      </section>
      <p className="muted">
        Already have an account? <Link href={target === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(target)}`}>Sign in</Link>
      </p>
    </div>
  );
}
