// A real OpenID Connect provider (the certified oidc-provider package) for Firstline's SSO
// tests: one client, the users the test names, and small login and consent pages that a
// browser (or httpx) fills in. Started by tests/sso/provider.py with `node server.js`.
//
// Environment:
//   OIDC_PORT           port on 127.0.0.1 to listen on
//   OIDC_CLIENT_ID      the relying party's client id
//   OIDC_CLIENT_SECRET  its secret (client_secret_basic)
//   OIDC_REDIRECT_URI   its redirect URI
//   OIDC_USERS          JSON: login -> {"email", "email_verified", "name", "amr"}
//   OIDC_KEY_ID         kid of the signing key, made fresh (RSA) at every start; a restart
//                       with the same kid signs with another key under the same name
//   OIDC_ID_TOKEN_ALG   the client's ID token algorithm (RS256; HS256 signs with its secret)
import { generateKeyPairSync } from 'node:crypto';
import http from 'node:http';

import Provider from 'oidc-provider';

const port = Number(process.env.OIDC_PORT);
const issuer = `http://127.0.0.1:${port}`;
const users = JSON.parse(process.env.OIDC_USERS || '{}');

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingKey = {
  ...privateKey.export({ format: 'jwk' }),
  kid: process.env.OIDC_KEY_ID || 'test-key',
  use: 'sig',
  alg: 'RS256',
};

const provider = new Provider(issuer, {
  clients: [{
    client_id: process.env.OIDC_CLIENT_ID,
    client_secret: process.env.OIDC_CLIENT_SECRET,
    redirect_uris: [process.env.OIDC_REDIRECT_URI],
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_basic',
    id_token_signed_response_alg: process.env.OIDC_ID_TOKEN_ALG || 'RS256',
  }],
  jwks: { keys: [signingKey] },
  cookies: { keys: ['firstline-test-provider-cookies'] },
  pkce: { required: () => true },
  // amr and acr in every ID token (as most IdPs send them): how the person signed in.
  claims: {
    openid: ['sub', 'amr', 'acr', 'auth_time'],
    email: ['email', 'email_verified'],
    profile: ['name'],
  },
  features: { devInteractions: { enabled: false } },
  enabledJWA: { idTokenSigningAlgValues: ['RS256', 'HS256'] },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  async findAccount(ctx, id) {
    const user = users[id];
    if (!user) return undefined;
    return {
      accountId: id,
      async claims() {
        return {
          sub: id,
          email: user.email,
          email_verified: user.email_verified ?? true,
          name: user.name ?? id,
        };
      },
    };
  },
});

const escape = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(res, title, body) {
  res.statusCode = 200;
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>`
    + `</head><body><h1>${title}</h1>${body}</body></html>`);
}

function form(res, uid, error) {
  page(res, 'Test provider sign-in', `${error ? `<p role="alert">${escape(error)}</p>` : ''}
<form method="post" action="/interaction/${uid}/login">
<label>User <input name="login" data-testid="provider-login" autofocus></label>
<button type="submit" data-testid="provider-submit">Sign in</button>
</form>`);
}

async function readForm(req) {
  let body = '';
  for await (const chunk of req) body += chunk;
  return new URLSearchParams(body);
}

async function interaction(req, res, uid, action) {
  const details = await provider.interactionDetails(req, res);
  const { prompt, params, session } = details;
  if (action === undefined && prompt.name === 'login') return form(res, uid);
  if (action === undefined && prompt.name === 'consent') {
    return page(res, 'Test provider consent', `<p>Share your e-mail with ${escape(params.client_id)}?</p>
<form method="post" action="/interaction/${uid}/consent">
<button type="submit" data-testid="provider-consent">Continue</button></form>`);
  }
  if (action === 'login') {
    const login = (await readForm(req)).get('login') || '';
    const user = users[login];
    if (!user) return form(res, uid, `No user ${login}`);
    const result = { login: { accountId: login, ...(user.amr ? { amr: user.amr } : {}) } };
    return provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
  }
  if (action === 'consent') {
    await readForm(req);
    const grant = new provider.Grant({ accountId: session.accountId, clientId: params.client_id });
    const missing = prompt.details.missingOIDCScope;
    if (missing) grant.addOIDCScope(missing.join(' '));
    if (prompt.details.missingOIDCClaims) grant.addOIDCClaims(prompt.details.missingOIDCClaims);
    const result = { consent: { grantId: await grant.save() } };
    return provider.interactionFinished(req, res, result, { mergeWithLastSubmission: true });
  }
  res.statusCode = 404;
  return res.end();
}

const handle = provider.callback();
const server = http.createServer((req, res) => {
  const match = /^\/interaction\/([\w-]+)(?:\/(login|consent))?$/.exec(req.url.split('?')[0]);
  if (!match) return handle(req, res);
  const [, uid, action] = match;
  if ((action === undefined) !== (req.method === 'GET')) {
    res.statusCode = 405;
    return res.end();
  }
  return interaction(req, res, uid, action).catch((err) => {
    res.statusCode = 400;
    res.end(String(err));
  });
});

server.listen(port, '127.0.0.1', () => {
  process.stdout.write(`listening ${issuer}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
