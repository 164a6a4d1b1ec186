import { redirect } from 'next/navigation';

export const dynamic = 'force-dynamic';

/** PayPal's default return address (PAYPAL_RETURN_URL): forwards to the live progress view with the same query. */
export default async function BillingReturn({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(await searchParams)) if (v !== undefined) params.set(k, v);
  redirect(`/buy/progress?${params.toString()}`);
}
