/** Liveness of the web app for the gateway's platform health report and the launcher. */
export const dynamic = 'force-dynamic';

export function GET() {
  return Response.json({ status: 'ok', service: 'web' });
}
