import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { GraphqlProvider } from '../graphql/client';
import { SiteHeader } from '../components/layout/site-header';
import './globals.css';

export const metadata: Metadata = {
  title: 'SectorWars 2102',
  description: 'SectorWars 2102 multi-regional platform',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <SiteHeader />
        <GraphqlProvider>
          <main className="page">{children}</main>
        </GraphqlProvider>
      </body>
    </html>
  );
}
