import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { GraphqlProvider } from '../graphql/client';
import { SessionProvider } from '../auth/session-provider';
import { readSession } from '../auth/session-cookie';
import { serverEnv } from '../env';
import { SiteHeader } from '../components/layout/site-header';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'SectorWars 2102', template: '%s · SectorWars 2102' },
  description: 'SectorWars 2102 multi-regional platform',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

/**
 * Every page: the session (read from its cookie, so the first paint already knows who is signed in), the gateway's
 * location for the browser (from the server's environment, per request), and the header with navigation.
 */
export default async function RootLayout({ children }: { children: ReactNode }) {
  const session = await readSession();
  const env = serverEnv();
  const gateway = { publicUrl: env.GATEWAY_PUBLIC_URL, port: env.GATEWAY_PORT };
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#content">
          Skip to content
        </a>
        <SessionProvider initial={session}>
          <GraphqlProvider gateway={gateway}>
            <SiteHeader />
            <main className="page" id="content" tabIndex={-1}>
              {children}
            </main>
          </GraphqlProvider>
        </SessionProvider>
      </body>
    </html>
  );
}
