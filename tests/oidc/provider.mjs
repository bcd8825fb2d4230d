// A real OpenID Connect provider on loopback, set up the way Microsoft Entra ID looks to the
// platform, for the end-to-end sign-in tests in tests/test_oidc_sign_in.py.
//
// It uses panva's `oidc-provider` (a certified OpenID Provider) with its development login and
// consent pages, so a real browser can sign in. Like Entra:
//   - the issuer is http://127.0.0.1:PORT/TENANT/v2.0 (Entra: https://login.microsoftonline.com/TENANT/v2.0),
//     with the discovery document at ISSUER/.well-known/openid-configuration;
//   - one confidential web client that sends its secret in the token request body
//     (client_secret_post), authorization code flow, scopes openid, profile and email;
//   - ID tokens signed with RS256 and carrying sub, oid, tid, name, preferred_username and email;
//   - `sub` is pairwise: an opaque value for this person and this app, base64url of
//     SHA-256("LOGIN:CLIENT_ID"), while `oid` is the same for every app.
// Unlike Entra, it insists on PKCE, to prove the platform sends it.
//
// Configuration from the environment:
//   OIDC_TEST_REDIRECT_URI  the platform's callback URL (required)
//   OIDC_TEST_CLIENT_ID, OIDC_TEST_CLIENT_SECRET, OIDC_TEST_TENANT_ID  (defaults below)
// When it is listening it prints one line of JSON to stdout: {"issuer": ..., "port": ...}.
// It stops when stdin closes, so it never outlives the test process that started it.

import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';

import Provider from 'oidc-provider';

const redirectUri = process.env.OIDC_TEST_REDIRECT_URI;
if (!redirectUri) {
  console.error('OIDC_TEST_REDIRECT_URI is required');
  process.exit(2);
}
const clientId = process.env.OIDC_TEST_CLIENT_ID || 'civic-talent-test-client';
const clientSecret = process.env.OIDC_TEST_CLIENT_SECRET || 'not-a-real-secret-only-for-tests';
const tenantId = process.env.OIDC_TEST_TENANT_ID || '3f2504e0-4f89-41d3-9a0c-0305e82c3301';

// People who can sign in. The login name typed on the provider's page is the key.
// `amara` has a verified address, as a provider that checks addresses would say.
// `sam` has no `email_verified` claim, which is what Entra ID normally sends.
const ACCOUNTS = {
  amara: {
    oid: '6f1b0c3e-2a4d-4e8f-9b7a-1c2d3e4f5a6b',
    name: 'Okafor, Amara', // Entra's display name, which need not be given + family name
    given_name: 'Amara',
    family_name: 'Okafor',
    preferred_username: 'amara.okafor@hackney.gov.uk',
    email: 'amara.okafor@hackney.gov.uk',
    email_verified: true,
  },
  sam: {
    oid: '0a9b8c7d-6e5f-4a3b-8c1d-2e3f4a5b6c7d',
    name: 'Sam Patel',
    given_name: 'Sam',
    family_name: 'Patel',
    preferred_username: 'sam.patel@hackney.gov.uk',
    email: 'sam.patel@hackney.gov.uk',
  },
};

function findAccount(_ctx, id) {
  const person = ACCOUNTS[id];
  if (!person) return undefined; // unknown names are sent back to the login page
  return {
    accountId: id,
    async claims() {
      return { ...person, tid: tenantId };
    },
  };
}

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingKey = { ...privateKey.export({ format: 'jwk' }), kid: 'test-key-1', use: 'sig', alg: 'RS256' };

const server = createServer();
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  const mountPath = `/${tenantId}/v2.0`;
  const issuer = `http://127.0.0.1:${port}${mountPath}`;

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [redirectUri],
        response_types: ['code'],
        grant_types: ['authorization_code'],
        token_endpoint_auth_method: 'client_secret_post',
        id_token_signed_response_alg: 'RS256',
        subject_type: 'pairwise',
      },
    ],
    jwks: { keys: [signingKey] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    findAccount,
    subjectTypes: ['pairwise'],
    pairwiseIdentifier(_ctx, accountId, client) {
      return createHash('sha256').update(`${accountId}:${client.clientId}`).digest('base64url');
    },
    scopes: ['openid', 'profile', 'email'],
    claims: {
      openid: ['sub'],
      profile: ['name', 'given_name', 'family_name', 'preferred_username', 'oid', 'tid'],
      email: ['email', 'email_verified'],
    },
    // Entra puts the profile claims in the ID token as well as in userinfo.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    features: { devInteractions: { enabled: true } },
    renderError(ctx, out) {
      ctx.type = 'html';
      ctx.body = `<!DOCTYPE html><title>Provider error</title><h1>Provider error</h1><p>${
        String(out.error).replace(/[<>&"]/g, '')}</p>`;
    },
  });
  // Plain http on loopback: mark requests as not behind a proxy; cookies are then not `Secure`,
  // which oidc-provider decides per request from ctx.secure.
  provider.proxy = false;

  const handle = provider.callback();
  server.on('request', (req, res) => {
    // Mounted under the issuer's path, the way oidc-provider's docs mount it in express:
    // originalUrl keeps the full path, url is relative to the mount point.
    if (req.url === mountPath || req.url.startsWith(`${mountPath}/`)) {
      req.originalUrl = req.url;
      req.url = req.url.slice(mountPath.length) || '/';
      handle(req, res);
      return;
    }
    res.statusCode = 404;
    res.end('Not found');
  });

  process.stdout.write(`${JSON.stringify({ issuer, port, clientId, tenantId })}\n`);
});

process.stdin.resume();
process.stdin.on('end', () => process.exit(0));
process.on('SIGTERM', () => process.exit(0));
