import type http from 'node:http';
import type { WebSocketServer } from 'ws';
import type WebSocket from 'ws';
import { CloseCode, makeServer } from 'graphql-ws';
import type { ServerOptions } from 'graphql-ws';
import type { Logger } from 'pino';

/**
 * graphql-ws on a `ws` server — graphql-ws's own `useServer` (graphql-ws/use/ws) with one change: a client that goes
 * away is not an internal error (docs/decisions/subscription-fanout.md "Reset sockets").
 *
 * With the stock adapter, a write to a socket the peer reset (ECONNRESET, EPIPE: a browser tab closed, a phone
 * changed networks) rejects graphql-ws's `send`, which surfaces as "Internal error occurred during message handling"
 * on console.error and a 4500 close of an already dead socket. Here a failed write resolves (the socket is closing;
 * its `close` event ends the connection's subscriptions as for any disconnect) and is logged at debug; a genuine
 * error while handling a message is still logged — at error level, through the gateway's logger — and closes the
 * socket with 4500 as before.
 */

type Extra = { socket: WebSocket; request: http.IncomingMessage };

/** Errors that only mean the peer or the connection is gone. */
const CONNECTION_GONE = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'ETIMEDOUT', 'ERR_STREAM_DESTROYED', 'ERR_STREAM_WRITE_AFTER_END']);

export function isConnectionGone(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && CONNECTION_GONE.has(code);
}

function closeReason(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return Buffer.byteLength(message) > 123 ? 'Internal server error' : message; // a close reason holds 123 bytes at most
}

export function useGraphqlWsServer<P extends Record<string, unknown>>(
  options: ServerOptions<P, Extra>,
  wss: WebSocketServer,
  keepAliveMs: number,
  logger: Logger,
): { dispose(): Promise<void> } {
  const server = makeServer<P, Extra>(options);
  const production = process.env.NODE_ENV === 'production';
  wss.once('error', (err) => {
    logger.error({ err }, 'WebSocket server error');
    for (const client of wss.clients) {
      try {
        client.close(CloseCode.InternalServerError, production ? 'Internal server error' : closeReason(err));
      } catch {}
    }
  });
  wss.on('connection', (socket: WebSocket, request: http.IncomingMessage) => {
    // ws emits `error` on a WebSocket for protocol faults of the peer (bad frames, oversized messages).
    socket.once('error', (err) => {
      if (isConnectionGone(err)) logger.debug({ err }, 'WebSocket peer went away');
      else logger.warn({ err }, 'WebSocket protocol error from client');
      socket.close(CloseCode.InternalServerError, production ? 'Internal server error' : closeReason(err));
    });
    let pongWait: NodeJS.Timeout | null = null;
    const pingInterval =
      keepAliveMs > 0 && Number.isFinite(keepAliveMs)
        ? setInterval(() => {
            if (socket.readyState !== socket.OPEN) return;
            pongWait = setTimeout(() => socket.terminate(), keepAliveMs);
            socket.once('pong', () => {
              if (pongWait) clearTimeout(pongWait);
              pongWait = null;
            });
            socket.ping();
          }, keepAliveMs)
        : null;
    const closed = server.opened(
      {
        protocol: socket.protocol,
        send: (data) =>
          new Promise<void>((resolve) => {
            if (socket.readyState !== socket.OPEN) {
              resolve();
              return;
            }
            socket.send(data, (err) => {
              if (err) logger.debug({ err }, 'graphql-ws write to a closed connection dropped');
              resolve();
            });
          }),
        close: (code, reason) => socket.close(code, reason),
        onMessage: (cb) =>
          socket.on('message', (event: WebSocket.RawData) => {
            const text = Buffer.isBuffer(event) ? event.toString() : Array.isArray(event) ? Buffer.concat(event).toString() : Buffer.from(event).toString();
            cb(text).catch((err: unknown) => {
              if (isConnectionGone(err) || socket.readyState !== socket.OPEN) {
                logger.debug({ err }, 'graphql-ws message handling ended with the connection');
                return;
              }
              logger.error({ err }, 'graphql-ws message handling failed');
              socket.close(CloseCode.InternalServerError, production ? 'Internal server error' : closeReason(err));
            });
          }),
      },
      { socket, request },
    );
    socket.once('close', (code, reason) => {
      if (pongWait) clearTimeout(pongWait);
      if (pingInterval) clearInterval(pingInterval);
      void closed(code, String(reason));
    });
  });
  return {
    async dispose() {
      for (const client of wss.clients) client.close(1001, 'Going away');
      wss.removeAllListeners();
      await new Promise<void>((resolve, reject) => wss.close((err) => (err ? reject(err) : resolve())));
    },
  };
}
