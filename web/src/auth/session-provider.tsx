'use client';

import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import { isExpiring, type ClientSession, type SessionUser } from './session-claims';
import { SignInDialog } from '../components/auth/sign-in-dialog';

/** A failed sign-in as the form shows it: a sentence plus problems per field. */
export interface SignInFailure {
  code: string;
  message: string;
  issues: Array<{ path: string; message: string }>;
}

export interface SessionApi {
  user: SessionUser | null;
  /** A usable bearer token (refreshed when about to expire), or null when signed out. Never throws. */
  getToken(): Promise<string | null>;
  /** Signs in through the web app's /api/session; resolves to null on success. */
  signIn(username: string, password?: string): Promise<SignInFailure | null>;
  /** Creates an account through /api/session/register and signs it in; resolves to the failure or `{ notice }`. */
  register(input: { username: string; email: string; password: string; inviteCode?: string }): Promise<SignInFailure | { notice: string | null }>;
  signOut(): Promise<void>;
  /**
   * Asks the user to sign in again without leaving the page (a modal over it), when a mutation failed because the
   * session ended. Resolves true once signed in, false when dismissed; whatever the page held (a half-filled form)
   * stays mounted underneath, so the retried request carries the user's input.
   */
  requestSignIn(): Promise<boolean>;
}

const SessionContext = createContext<SessionApi | null>(null);

interface SessionJson {
  session?: ClientSession | null;
  notice?: string;
  error?: { code: string; message: string; issues?: Array<{ path: string; message: string }> };
}

/** Holds the browser's session: seeded from the server render, refreshed through /api/session. */
export function SessionProvider({ initial, children }: { initial: ClientSession | null; children: ReactNode }) {
  const [session, setSession] = useState<ClientSession | null>(initial);
  const sessionRef = useRef(session);
  sessionRef.current = session;
  const [dialogOpen, setDialogOpen] = useState(false);
  const waiters = useRef<Array<(ok: boolean) => void>>([]);
  const refreshing = useRef<Promise<string | null> | null>(null);

  const adopt = useCallback((next: ClientSession | null) => {
    sessionRef.current = next;
    setSession(next);
  }, []);

  const getToken = useCallback(async (): Promise<string | null> => {
    const current = sessionRef.current;
    if (current && !isExpiring(current.user)) return current.token;
    // One refresh in flight at a time: a page with many queries must not fire a burst of refreshes.
    refreshing.current ??= (async () => {
      try {
        const res = await fetch('/api/session', { cache: 'no-store' });
        const body = (await res.json()) as SessionJson;
        adopt(res.ok ? (body.session ?? null) : null);
        return res.ok ? (body.session?.token ?? null) : null;
      } catch {
        return current && current.user.expiresAt > Date.now() ? current.token : null;
      } finally {
        refreshing.current = null;
      }
    })();
    return refreshing.current;
  }, [adopt]);

  const signIn = useCallback(
    async (username: string, password?: string): Promise<SignInFailure | null> => {
      try {
        const res = await fetch('/api/session', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username, ...(password !== undefined ? { password } : {}) }),
        });
        const body = (await res.json()) as SessionJson;
        if (!res.ok || !body.session) {
          return { code: body.error?.code ?? 'ERR_INTERNAL', message: body.error?.message ?? 'Sign-in failed', issues: body.error?.issues ?? [] };
        }
        adopt(body.session);
        return null;
      } catch (err) {
        return { code: 'ERR_GATEWAY_UNREACHABLE', message: err instanceof Error ? err.message : String(err), issues: [] };
      }
    },
    [adopt],
  );

  const register = useCallback(
    async (input: { username: string; email: string; password: string; inviteCode?: string }): Promise<SignInFailure | { notice: string | null }> => {
      try {
        const res = await fetch('/api/session/register', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input) });
        const body = (await res.json()) as SessionJson;
        if (!res.ok || !body.session) {
          return { code: body.error?.code ?? 'ERR_INTERNAL', message: body.error?.message ?? 'Sign-up failed', issues: body.error?.issues ?? [] };
        }
        adopt(body.session);
        return { notice: body.notice ?? null };
      } catch (err) {
        return { code: 'ERR_GATEWAY_UNREACHABLE', message: err instanceof Error ? err.message : String(err), issues: [] };
      }
    },
    [adopt],
  );

  const signOut = useCallback(async () => {
    await fetch('/api/session', { method: 'DELETE' }).catch(() => null);
    adopt(null);
  }, [adopt]);

  const requestSignIn = useCallback(() => {
    setDialogOpen(true);
    return new Promise<boolean>((resolve) => waiters.current.push(resolve));
  }, []);

  const settle = useCallback((ok: boolean) => {
    setDialogOpen(false);
    const pending = waiters.current;
    waiters.current = [];
    for (const w of pending) w(ok);
  }, []);

  const api = useMemo<SessionApi>(
    () => ({ user: session?.user ?? null, getToken, signIn, register, signOut, requestSignIn }),
    [session, getToken, signIn, register, signOut, requestSignIn],
  );
  return (
    <SessionContext.Provider value={api}>
      {children}
      <SignInDialog open={dialogOpen} onSettled={settle} />
    </SessionContext.Provider>
  );
}

/** The session API; throws when used outside SessionProvider (a wiring bug, not a runtime condition). */
export function useSession(): SessionApi {
  const api = useContext(SessionContext);
  if (!api) throw new Error('useSession must be used inside <SessionProvider>');
  return api;
}
