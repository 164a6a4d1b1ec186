import type { NextRequest } from 'next/server';
import { register } from '../../../../auth/identity-provider';
import { outcomeResponse } from '../../../../auth/session-response';

/** Sign-up from the browser: creates the account (redeeming an invite code if given) and starts its session. */
export const dynamic = 'force-dynamic';

export async function POST(req: NextRequest) {
  const body = ((await req.json().catch(() => null)) ?? {}) as Record<string, unknown>;
  const text = (k: string) => (typeof body[k] === 'string' ? (body[k] as string) : '');
  return outcomeResponse(
    req,
    await register({ username: text('username').trim(), email: text('email').trim(), password: text('password'), inviteCode: text('inviteCode').trim() || undefined }),
  );
}
