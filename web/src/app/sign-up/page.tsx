import type { Metadata } from 'next';
import { Link } from '../../components/ui/link';
import { SignUpForm } from '../../components/auth/sign-up-form';

export const metadata: Metadata = { title: 'Sign up' };

/** Create an account; an invite code (typed, or from an invite link's ?invite=) makes you a citizen of its region. */
export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ invite?: string }> }) {
  const { invite } = await searchParams;
  return (
    <div className="narrow">
      <h1 className="page__title">Sign up</h1>
      <section className="card">
        <SignUpForm invite={invite ?? ''} />
      </section>
      <p className="muted">
        Already have an account? <Link href="/sign-in">Sign in</Link>
      </p>
    </div>
  );
}
