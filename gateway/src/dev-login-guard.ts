import { isIPv4 } from 'node:net';
import type { RequestHandler } from 'express';
import { httpStatusOf } from '@sw/domain';

/** True for 127.0.0.0/8, ::1 and IPv4-mapped 127.x addresses. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.toLowerCase().startsWith('::ffff:') ? address.slice(7) : address;
  if (isIPv4(v4)) return v4.startsWith('127.');
  return address === '::1';
}

/**
 * The dev login hands out a token for any seeded user (the admin included) without a password, so it answers callers
 * on this machine only: the TCP peer address of the socket decides, never X-Forwarded-For or any other header a
 * remote caller could set. Anyone else gets 403 ERR_DEV_LOGIN_LOOPBACK_ONLY. Mounted only when the dev login is on.
 */
export function devLoginLoopbackOnly(): RequestHandler {
  return (req, res, next) => {
    if (isLoopbackAddress(req.socket.remoteAddress)) {
      next();
      return;
    }
    const code = 'ERR_DEV_LOGIN_LOOPBACK_ONLY';
    res.status(httpStatusOf(code)).json({ error: { code, message: 'The dev login answers callers on this machine (loopback) only' } });
  };
}
