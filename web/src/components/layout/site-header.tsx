'use client';

import { Link } from '../ui/link';
import { usePathname, useRouter } from 'next/navigation';
import { useState } from 'react';
import { useSession } from '../../auth/session-provider';
import { isAdminUser } from '../../auth/session-claims';
import { LiveIndicator } from './live-indicator';

interface NavItem {
  href: string;
  label: string;
  admin?: boolean;
}

const NAV: NavItem[] = [
  { href: '/', label: 'Galaxy' },
  { href: '/regions', label: 'Regions' },
  { href: '/travel', label: 'Travel' },
  { href: '/governance', label: 'Governance' },
  { href: '/buy', label: 'Buy a region' },
  { href: '/admin/nexus', label: 'Nexus', admin: true },
  { href: '/admin/fleet', label: 'Fleet', admin: true },
];

function isCurrent(pathname: string, href: string): boolean {
  return href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(`${href}/`);
}

/** The top bar on every page: brand, navigation (a menu button below 720 px), live status, and the account. */
export function SiteHeader() {
  const pathname = usePathname();
  const router = useRouter();
  const { user, signOut } = useSession();
  const [open, setOpen] = useState(false);
  const items = NAV.filter((i) => !i.admin || isAdminUser(user));

  return (
    <header className="site-header">
      <Link className="site-header__brand" href="/">
        SectorWars <span className="site-header__year">2102</span>
      </Link>
      <button
        type="button"
        className="site-header__menu button button--ghost"
        aria-expanded={open}
        aria-controls="site-nav"
        onClick={() => setOpen((o) => !o)}
      >
        Menu
      </button>
      <nav id="site-nav" aria-label="Main" className={`site-nav${open ? ' site-nav--open' : ''}`}>
        <ul>
          {items.map((item) => (
            <li key={item.href}>
              <Link href={item.href} aria-current={isCurrent(pathname, item.href) ? 'page' : undefined} onClick={() => setOpen(false)}>
                {item.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <div className="site-header__account">
        <LiveIndicator />
        {user ? (
          <>
            <span className="site-header__user" data-testid="signed-in-as">
              {user.username}
            </span>
            <button
              type="button"
              className="button button--ghost"
              onClick={() =>
                void signOut().then(() => {
                  router.push('/');
                  router.refresh();
                })
              }
            >
              Sign out
            </button>
          </>
        ) : (
          <Link className="button" href={`/sign-in?next=${encodeURIComponent(pathname)}`}>
            Sign in
          </Link>
        )}
      </div>
    </header>
  );
}
