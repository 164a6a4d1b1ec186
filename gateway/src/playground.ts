import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Express, Request, Response } from 'express';

const require = createRequire(import.meta.url);
const pkgDir = (name: string) => dirname(require.resolve(`${name}/package.json`));

/** Static assets of the playground, served from node_modules (never a CDN) so it works offline. */
const ASSETS: Record<string, { file: string; type: string }> = {
  'react.production.min.js': { file: join(pkgDir('react'), 'umd', 'react.production.min.js'), type: 'text/javascript' },
  'react-dom.production.min.js': {
    file: join(pkgDir('react-dom'), 'umd', 'react-dom.production.min.js'),
    type: 'text/javascript',
  },
  'graphiql.min.js': { file: join(pkgDir('graphiql'), 'graphiql.min.js'), type: 'text/javascript' },
  'graphiql.min.css': { file: join(pkgDir('graphiql'), 'graphiql.min.css'), type: 'text/css' },
};

export const PLAYGROUND_ASSET_PREFIX = '/playground/assets/';

/**
 * The playground page: GraphiQL 3 (UMD) on React 18, all assets same-origin. A small bar signs in through the dev login
 * (when enabled) and keeps the token in localStorage; every request then carries `Authorization: Bearer <token>` unless
 * the headers editor sets its own Authorization.
 */
export function playgroundHtml(graphqlPath: string): string {
  const a = PLAYGROUND_ASSET_PREFIX;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>SectorWars 2102 — GraphQL playground</title>
<link rel="icon" href="data:," />
<link rel="stylesheet" href="${a}graphiql.min.css" />
<style>
  html, body { height: 100%; margin: 0; font-family: system-ui, sans-serif; }
  #bar { display: flex; gap: 8px; align-items: center; padding: 6px 10px; background: #0b1a2b; color: #e6edf3; font-size: 13px; }
  #bar input { width: 120px; }
  #graphiql { height: calc(100vh - 38px); }
</style>
</head>
<body>
<div id="bar">
  <strong>SectorWars 2102</strong>
  <span id="who">anonymous</span>
  <input id="user" placeholder="username" value="alice" />
  <button id="login" type="button">Dev login</button>
  <button id="logout" type="button">Sign out</button>
  <span id="msg"></span>
</div>
<div id="graphiql">Loading…</div>
<script src="${a}react.production.min.js"></script>
<script src="${a}react-dom.production.min.js"></script>
<script src="${a}graphiql.min.js"></script>
<script>
(function () {
  var KEY = 'sw.devToken';
  var endpoint = ${JSON.stringify(graphqlPath)};
  function token() { try { return localStorage.getItem(KEY); } catch (e) { return null; } }
  function show() {
    var t = token();
    var who = 'anonymous';
    if (t) { try { who = JSON.parse(atob(t.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))).username || 'signed in'; } catch (e) { who = 'signed in'; } }
    document.getElementById('who').textContent = who;
  }
  document.getElementById('login').onclick = function () {
    var username = document.getElementById('user').value;
    fetch('/api/v1/auth/dev-login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: username }) })
      .then(function (r) { return r.json(); })
      .then(function (body) {
        if (body.token) { localStorage.setItem(KEY, body.token); document.getElementById('msg').textContent = ''; }
        else { document.getElementById('msg').textContent = (body.error && body.error.code) || 'login failed'; }
        show();
      });
  };
  document.getElementById('logout').onclick = function () { localStorage.removeItem(KEY); show(); };
  show();
  function fetcher(params, opts) {
    var headers = { 'content-type': 'application/json', accept: 'application/json' };
    var t = token();
    if (t) headers.authorization = 'Bearer ' + t;
    var extra = (opts && opts.headers) || {};
    Object.keys(extra).forEach(function (k) { headers[k.toLowerCase()] = extra[k]; });
    return fetch(endpoint, { method: 'POST', headers: headers, body: JSON.stringify(params) }).then(function (r) { return r.json(); });
  }
  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  root.render(React.createElement(GraphiQL, { fetcher: fetcher, defaultEditorToolsVisibility: true }));
})();
</script>
</body>
</html>
`;
}

/** True for a browser navigation (HTML preferred over JSON) — used to show the playground on GET /graphql. */
export function wantsHtml(req: Request): boolean {
  const accept = req.headers.accept ?? '';
  return accept.includes('text/html') && !req.query.query;
}

/** Mounts GET /playground and the asset routes (long-cached: the files are versioned by the lockfile). */
export function mountPlayground(app: Express, graphqlPath: string): void {
  const html = playgroundHtml(graphqlPath);
  app.get('/playground', (_req: Request, res: Response) => {
    res.type('html').send(html);
  });
  app.get(`${PLAYGROUND_ASSET_PREFIX}:name`, (req: Request, res: Response) => {
    const asset = ASSETS[String(req.params.name)];
    if (!asset) {
      res.status(404).json({ error: { code: 'ERR_NOT_FOUND', message: 'No such playground asset' } });
      return;
    }
    res.type(asset.type);
    res.sendFile(asset.file, { maxAge: '1d', dotfiles: 'allow' }); // pnpm keeps packages under node_modules/.pnpm
  });
}

/** The playground HTML for GET /graphql from a browser. */
export function sendPlayground(res: Response, graphqlPath: string): void {
  res.type('html').send(playgroundHtml(graphqlPath));
}
