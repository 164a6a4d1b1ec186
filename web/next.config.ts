import type { NextConfig } from 'next';

/**
 * Next.js configuration for the SectorWars web app. Read once by `next build` / `next start`.
 * The app must build and run with no internet access: no remote images, no Google fonts, no telemetry
 * (the scripts also export NEXT_TELEMETRY_DISABLED=1, which is the switch Next actually reads).
 */
const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The shared rules (scale bounds, the governance decision table) are TypeScript sources in the workspace.
  transpilePackages: ['@sw/domain'],
  images: { unoptimized: true, remotePatterns: [] },
  // The workspace root holds the single lockfile; pinning it avoids Next guessing and warning about it.
  turbopack: { root: new URL('..', import.meta.url).pathname },
  outputFileTracingRoot: new URL('..', import.meta.url).pathname,
};

export default nextConfig;
