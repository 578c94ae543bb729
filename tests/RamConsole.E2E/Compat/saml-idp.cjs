// A SAML 2.0 identity provider on samlify for the tests: it publishes its metadata, answers SP-initiated sign-ins
// (HTTP-Redirect AuthnRequest in, signed Response posted back to the ACS by an auto-submitting form), starts
// IdP-initiated ones, signs people in to the console as a role (/role-initiated), and — for role SSO through the API — makes a role assertion and exchanges it with the official
// @alicloud/sts20150401 SDK (AssumeRoleWithSAML, anonymous), then uses the credentials with the RAM SDK.
// Env: SAML_PORT, SAML_KEY_FILE, SAML_CERT_FILE, RAMCONSOLE_URL (http://host:port), SAML_USER (the NameID it signs in),
// SAML_AUTHN_CONTEXT. Prints {"ready":true} when listening; every request is logged as a JSON line.
const http = require('node:http');
const fs = require('node:fs');
const saml = require('samlify');
const Sts = require('@alicloud/sts20150401');
const Ram = require('@alicloud/ram20150501');
const { $OpenApiUtil } = require('@alicloud/openapi-core');

// RamConsole validates what the IdP receives; the IdP's own schema check of AuthnRequests is not under test here.
saml.setSchemaValidator({ validate: () => Promise.resolve('skipped') });

const port = Number(process.env.SAML_PORT);
const base = `http://localhost:${port}`;
const ramconsole = process.env.RAMCONSOLE_URL;
const log = (detail) => console.log(JSON.stringify(detail));
const escape = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const idp = saml.IdentityProvider({
  entityID: `${base}/metadata`,
  privateKey: fs.readFileSync(process.env.SAML_KEY_FILE),
  signingCert: fs.readFileSync(process.env.SAML_CERT_FILE),
  nameIDFormat: ['urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified'],
  singleSignOnService: [{ Binding: 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect', Location: `${base}/sso` }],
});

const spCache = {};
async function sp(kind) {
  if (!spCache[kind]) {
    const path = kind === 'role' ? '/saml-role/SpMetadata.xml' : '/saml/SpMetadata.xml';
    spCache[kind] = saml.ServiceProvider({ metadata: await (await fetch(ramconsole + path)).text() });
  }
  return spCache[kind];
}

// The response: the template's tags filled by samlify's values, plus an AuthnStatement and the attributes we send.
function replacement(attributes) {
  return (template) => {
    const authn = `<saml:AuthnStatement AuthnInstant="${new Date().toISOString()}"><saml:AuthnContext><saml:AuthnContextClassRef>${escape(process.env.SAML_AUTHN_CONTEXT || 'urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport')}</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>`;
    const attrs = Object.keys(attributes).length === 0 ? '' : '<saml:AttributeStatement>' + Object.entries(attributes).map(([name, values]) =>
      `<saml:Attribute Name="${escape(name)}">${values.map((v) => `<saml:AttributeValue>${escape(v)}</saml:AttributeValue>`).join('')}</saml:Attribute>`).join('') + '</saml:AttributeStatement>';
    return { context: template.replace('{AuthnStatement}', authn).replace('{AttributeStatement}', attrs) };
  };
}

async function response(kind, requestInfo, nameId, attributes) {
  const target = await sp(kind);
  const now = new Date();
  const later = new Date(now.getTime() + 5 * 60 * 1000);
  const values = {
    ID: '_' + require('node:crypto').randomUUID(), AssertionID: '_' + require('node:crypto').randomUUID(),
    Destination: target.entityMeta.getAssertionConsumerService('post'), Audience: target.entityMeta.getEntityID(), EntityID: target.entityMeta.getEntityID(),
    SubjectRecipient: target.entityMeta.getAssertionConsumerService('post'), Issuer: idp.entityMeta.getEntityID(), IssueInstant: now.toISOString(),
    StatusCode: 'urn:oasis:names:tc:SAML:2.0:status:Success', ConditionsNotBefore: now.toISOString(), ConditionsNotOnOrAfter: later.toISOString(),
    SubjectConfirmationDataNotOnOrAfter: later.toISOString(), NameIDFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified', NameID: nameId,
    InResponseTo: requestInfo?.extract?.request?.id || '',
  };
  const fill = replacement(attributes);
  const result = await idp.createLoginResponse(target, requestInfo, 'post', { email: nameId }, {
    customTagReplacement: (template) => ({ id: values.ID, context: saml.SamlLib.replaceTagsByValue(fill(template).context, values) }),
  });
  return { samlResponse: result.context, acs: result.entityEndpoint };
}

const autoPost = (acs, samlResponse, relayState) => `<!DOCTYPE html><html lang="en"><head><title>Signing in</title></head><body onload="document.forms[0].submit()"><main><h1>Signing in…</h1>
<form method="post" action="${escape(acs)}"><input type="hidden" name="SAMLResponse" value="${escape(samlResponse)}"><input type="hidden" name="RelayState" value="${escape(relayState || '')}"></form></main></body></html>`;

const server = http.createServer(async (req, res) => {
  const url = new URL(req.url, base);
  log({ request: req.method + ' ' + url.pathname });
  try {
    if (url.pathname === '/metadata') {
      res.writeHead(200, { 'content-type': 'application/xml' }).end(idp.getMetadata());
    } else if (url.pathname === '/sso') {
      const request = await idp.parseLoginRequest(await sp('user'), 'redirect', { query: Object.fromEntries(url.searchParams), octetString: '' });
      const { samlResponse, acs } = await response('user', request, process.env.SAML_USER, {});
      res.writeHead(200, { 'content-type': 'text/html' }).end(autoPost(acs, samlResponse, url.searchParams.get('RelayState')));
    } else if (url.pathname === '/idp-initiated') {
      const { samlResponse, acs } = await response('user', null, process.env.SAML_USER, {});
      res.writeHead(200, { 'content-type': 'text/html' }).end(autoPost(acs, samlResponse, url.searchParams.get('relay') || '/'));
    } else if (url.pathname === '/role-initiated') {
      // Role SSO to the console: the assertion offers each role with the provider; RamConsole shows a picker for several.
      const providerArn = url.searchParams.get('providerArn');
      const { samlResponse, acs } = await response('role', null, process.env.SAML_USER, {
        'https://www.aliyun.com/SAML-Role/Attributes/Role': url.searchParams.get('roles').split(' ').map((role) => `${role},${providerArn}`),
        'https://www.aliyun.com/SAML-Role/Attributes/RoleSessionName': ['console-e2e'],
      });
      res.writeHead(200, { 'content-type': 'text/html' }).end(autoPost(acs, samlResponse, '/'));
    } else if (url.pathname === '/sts-role') {
      // Role SSO through the API, with the official SDKs: the assertion offers the role with the provider.
      const roleArn = url.searchParams.get('roleArn'), providerArn = url.searchParams.get('providerArn');
      const { samlResponse } = await response('role', null, process.env.SAML_USER, {
        'https://www.aliyun.com/SAML-Role/Attributes/Role': [`${roleArn},${providerArn}`],
        'https://www.aliyun.com/SAML-Role/Attributes/RoleSessionName': ['saml-e2e'],
      });
      const endpoint = new URL(ramconsole).host;
      const sts = new Sts.default(new $OpenApiUtil.Config({ endpoint, protocol: 'http' }));
      const assumed = (await sts.assumeRoleWithSAML(new Sts.AssumeRoleWithSAMLRequest({ SAMLProviderArn: providerArn, roleArn, SAMLAssertion: samlResponse, durationSeconds: 900 }))).body;
      const c = assumed.credentials;
      const ram = new Ram.default(new $OpenApiUtil.Config({ accessKeyId: c.accessKeyId, accessKeySecret: c.accessKeySecret, securityToken: c.securityToken, endpoint, protocol: 'http' }));
      const users = (await ram.listUsers(new Ram.ListUsersRequest({}))).body;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({
        accessKeyId: c.accessKeyId, arn: assumed.assumedRoleUser.arn, info: assumed.SAMLAssertionInfo, users: users.users.user.map((u) => u.userName),
      }));
    } else {
      res.writeHead(404).end();
    }
  } catch (e) {
    log({ error: e.message, code: e.code, stack: e.stack });
    res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: e.message, code: e.code }));
  }
});
server.listen(port, 'localhost', () => log({ ready: true }));
