import { Link } from '../ui/link';
import type { ReactNode } from 'react';
import { readSession } from '../../auth/session-cookie';
import { isAdminUser } from '../../auth/session-claims';

/**
 * Renders operator pages for administrators only; everyone else gets a short explanation instead of an error wall.
 * (The gateway refuses the data anyway: this only spares non-admins a page of ERR_ADMIN_REQUIRED banners.)
 */
export async function AdminGate({ title, next, children }: { title: string; next: string; children: ReactNode }) {
  const session = await readSession();
  if (isAdminUser(session?.user ?? null)) return <>{children}</>;
  return (
    <div className="narrow">
      <h1 className="page__title">{title}</h1>
      <section className="card" data-testid="admin-only">
        <p>This page is for platform administrators.</p>
        {!session && (
          <p>
            <Link className="button button--primary" href={`/sign-in?next=${encodeURIComponent(next)}`}>
              Sign in
            </Link>
          </p>
        )}
      </section>
    </div>
  );
}
