// A workload's OIDC flow end to end: oidc-provider (the real IdP, over https with a certificate made by the test) issues an
// id_token through the authorization-code flow (its development login and consent forms, driven over HTTP), the official
// @alicloud/sts20150401 SDK exchanges it for STS credentials with AssumeRoleWithOIDC (anonymous), and the official RAM SDK
// uses them. Env: OIDC_PORT, OIDC_CERT_FILE (leaf + intermediate PEM), OIDC_KEY_FILE, OIDC_CLIENT_ID, OIDC_SUBJECT,
// RAMCONSOLE_ENDPOINT (host:port), ROLE_ARN, PROVIDER_ARN; NODE_EXTRA_CA_CERTS names the test CA's root for this process.
// Prints one JSON line per step; exits non-zero on the first unexpected result.
const https = require('node:https');
const fs = require('node:fs');
const crypto = require('node:crypto');
const Sts = require('@alicloud/sts20150401');
const Ram = require('@alicloud/ram20150501');
const { $OpenApiUtil } = require('@alicloud/openapi-core');

const port = Number(process.env.OIDC_PORT);
const issuer = `https://localhost:${port}`;
const clientId = process.env.OIDC_CLIENT_ID;
const clientSecret = 'test-client-secret-0123456789abcdef';
const redirectUri = 'https://workload.example/callback';
const step = (name, detail) => console.log(JSON.stringify({ step: name, ...detail }));
const config = (id, secret, token) => new $OpenApiUtil.Config({ accessKeyId: id, accessKeySecret: secret, securityToken: token, endpoint: process.env.RAMCONSOLE_ENDPOINT, protocol: 'http' });

// A minimal cookie jar: oidc-provider keeps the interaction and session in cookies.
const jar = new Map();
const keep = (response) => {
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(';');
    const at = pair.indexOf('=');
    jar.set(pair.slice(0, at), pair.slice(at + 1));
  }
};
const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
const go = async (url, init = {}) => {
  const response = await fetch(new URL(url, issuer), { ...init, redirect: 'manual', headers: { ...(init.headers || {}), cookie: cookie() } });
  keep(response);
  return response;
};

async function idToken(subject) {
  jar.clear();
  const verifier = crypto.randomBytes(32).toString('base64url');
  const challenge = crypto.createHash('sha256').update(verifier).digest('base64url');
  const auth = new URL('/auth', issuer);
  Object.entries({ client_id: clientId, response_type: 'code', scope: 'openid', redirect_uri: redirectUri, state: 's1', nonce: 'n1',
    code_challenge: challenge, code_challenge_method: 'S256' }).forEach(([k, v]) => auth.searchParams.set(k, v));
  let response = await go(auth);
  for (let hop = 0; hop < 10; hop++) {
    const location = response.headers.get('location');
    if (!location) throw new Error(`no redirect at hop ${hop}: ${response.status} ${await response.text()}`);
    if (location.startsWith(redirectUri)) {
      const code = new URL(location).searchParams.get('code');
      const token = await fetch(new URL('/token', issuer), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: 'Basic ' + Buffer.from(`${clientId}:${clientSecret}`).toString('base64') },
        body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, code_verifier: verifier }),
      });
      const body = await token.json();
      if (!body.id_token) throw new Error(JSON.stringify(body));
      return body.id_token;
    }
    if (/\/interaction\/[^/]+$/.test(new URL(location, issuer).pathname)) {
      const page = await (await go(location)).text();
      const prompt = page.includes('name="prompt" value="login"') ? { prompt: 'login', login: subject, password: 'any' } : { prompt: 'consent' };
      response = await go(location, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(prompt) });
    } else {
      response = await go(location);
    }
  }
  throw new Error('too many redirects');
}

(async () => {
  const { default: Provider } = await import('oidc-provider');
  const provider = new Provider(issuer, {
    clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: [redirectUri], grant_types: ['authorization_code'], response_types: ['code'] }],
    cookies: { keys: ['ramconsole-e2e-cookie-key'] },
    findAccount: async (ctx, id) => ({ accountId: id, claims: async () => ({ sub: id }) }),
  });
  const server = https.createServer({ cert: fs.readFileSync(process.env.OIDC_CERT_FILE), key: fs.readFileSync(process.env.OIDC_KEY_FILE) }, provider.callback());
  await new Promise((resolve) => server.listen(port, 'localhost', resolve));
  let failed = false;
  try {
    const token = await idToken(process.env.OIDC_SUBJECT);
    const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
    step('id_token from oidc-provider', { ok: claims.iss === issuer && claims.aud === clientId && claims.sub === process.env.OIDC_SUBJECT, alg: JSON.parse(Buffer.from(token.split('.')[0], 'base64url')).alg });

    const sts = new Sts.default(new $OpenApiUtil.Config({ endpoint: process.env.RAMCONSOLE_ENDPOINT, protocol: 'http' }));
    const assumed = (await sts.assumeRoleWithOIDC(new Sts.AssumeRoleWithOIDCRequest({
      OIDCProviderArn: process.env.PROVIDER_ARN, roleArn: process.env.ROLE_ARN, OIDCToken: token, roleSessionName: 'e2e-workload', durationSeconds: 900,
    }))).body;
    step('AssumeRoleWithOIDC (STS SDK)', {
      ok: assumed.credentials.accessKeyId.startsWith('STS.') && assumed.OIDCTokenInfo.subject === process.env.OIDC_SUBJECT && assumed.OIDCTokenInfo.issuer === issuer,
      arn: assumed.assumedRoleUser.arn, subject: assumed.OIDCTokenInfo.subject, clientIds: assumed.OIDCTokenInfo.clientIds,
    });

    const c = assumed.credentials;
    const ram = new Ram.default(config(c.accessKeyId, c.accessKeySecret, c.securityToken));
    const users = (await ram.listUsers(new Ram.ListUsersRequest({}))).body;
    step('ListUsers with the STS credentials (RAM SDK)', { ok: Array.isArray(users.users.user), count: users.users.user.length });
    const identity = (await new Sts.default(config(c.accessKeyId, c.accessKeySecret, c.securityToken)).getCallerIdentity()).body;
    step('GetCallerIdentity', { ok: identity.identityType === 'AssumedRoleUser' && identity.arn === assumed.assumedRoleUser.arn, arn: identity.arn });

    const intruder = await idToken('system:serviceaccount:other:intruder');
    try {
      await sts.assumeRoleWithOIDC(new Sts.AssumeRoleWithOIDCRequest({ OIDCProviderArn: process.env.PROVIDER_ARN, roleArn: process.env.ROLE_ARN, OIDCToken: intruder, roleSessionName: 'intruder' }));
      step('Another subject', { ok: false, code: 'allowed' });
      failed = true;
    } catch (e) {
      step('Another subject', { ok: e.code === 'NoPermission' && e.statusCode === 403, code: e.code, statusCode: e.statusCode });
    }
  } catch (e) {
    step('error', { ok: false, code: e.code, message: e.message, stack: e.stack });
    failed = true;
  } finally {
    server.close();
  }
  process.exit(failed ? 1 : 0);
})();
