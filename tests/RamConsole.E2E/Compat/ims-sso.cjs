// The IMS identity-provider and user-SSO operations through the official @alicloud/ims20190815 SDK (unchanged): the
// SDK must read RamConsole's responses into its own models. Env: RAMCONSOLE_ENDPOINT, RAMCONSOLE_AK/SK (an administrator),
// SAML_METADATA_B64 (an IdP's metadata, base64), OIDC_ISSUER, OIDC_FINGERPRINT.
// Prints one JSON line per step; exits non-zero on the first unexpected result.
const Ims = require('@alicloud/ims20190815');
const { $OpenApiUtil } = require('@alicloud/openapi-core');

const ims = new Ims.default(new $OpenApiUtil.Config({
  accessKeyId: process.env.RAMCONSOLE_AK, accessKeySecret: process.env.RAMCONSOLE_SK, endpoint: process.env.RAMCONSOLE_ENDPOINT, protocol: 'http' }));
const step = (name, detail) => console.log(JSON.stringify({ step: name, ...detail }));

(async () => {
  try {
    const created = (await ims.createSAMLProvider(new Ims.CreateSAMLProviderRequest({
      SAMLProviderName: 'sdk-idp', encodedSAMLMetadataDocument: process.env.SAML_METADATA_B64, description: 'from the IMS SDK' }))).body.SAMLProvider;
    step('CreateSAMLProvider', { ok: created.SAMLProviderName === 'sdk-idp' && created.arn.endsWith(':saml-provider/sdk-idp'), arn: created.arn });

    const read = (await ims.getSAMLProvider(new Ims.GetSAMLProviderRequest({ SAMLProviderName: 'sdk-idp' }))).body.SAMLProvider;
    step('GetSAMLProvider', { ok: read.encodedSAMLMetadataDocument === process.env.SAML_METADATA_B64 && read.description === 'from the IMS SDK' });

    const listed = (await ims.listSAMLProviders(new Ims.ListSAMLProvidersRequest({ maxItems: 10 }))).body;
    step('ListSAMLProviders', { ok: listed.SAMLProviders.SAMLProvider.some((p) => p.SAMLProviderName === 'sdk-idp') && listed.isTruncated === false });

    const oidc = (await ims.createOIDCProvider(new Ims.CreateOIDCProviderRequest({
      OIDCProviderName: 'sdk-oidc', issuerUrl: process.env.OIDC_ISSUER, fingerprints: process.env.OIDC_FINGERPRINT, clientIds: 'app-1', issuanceLimitTime: 6 }))).body.OIDCProvider;
    step('CreateOIDCProvider', { ok: oidc.OIDCProviderName === 'sdk-oidc' && oidc.issuanceLimitTime === 6 && oidc.clientIds === 'app-1' });

    const added = (await ims.addClientIdToOIDCProvider(new Ims.AddClientIdToOIDCProviderRequest({ OIDCProviderName: 'sdk-oidc', clientId: 'app-2' }))).body.OIDCProvider;
    step('AddClientIdToOIDCProvider', { ok: added.clientIds === 'app-1,app-2' });

    const providers = (await ims.listOIDCProviders(new Ims.ListOIDCProvidersRequest({}))).body;
    step('ListOIDCProviders', { ok: providers.OIDCProviders.OIDCProvider.some((p) => p.issuerUrl === process.env.OIDC_ISSUER) });

    const set = (await ims.setUserSsoSettings(new Ims.SetUserSsoSettingsRequest({
      metadataDocument: process.env.SAML_METADATA_B64, ssoEnabled: false, auxiliaryDomain: 'corp.example', ssoLoginWithDomain: true }))).body.userSsoSettings;
    const got = (await ims.getUserSsoSettings()).body.userSsoSettings;
    step('Set+GetUserSsoSettings', { ok: set.auxiliaryDomain === 'corp.example' && got.ssoEnabled === false && got.metadataDocument === process.env.SAML_METADATA_B64 });

    try {
      await ims.getSAMLProvider(new Ims.GetSAMLProviderRequest({ SAMLProviderName: 'missing' }));
      step('GetSAMLProvider (missing)', { ok: false, code: 'found' });
      process.exit(1);
    } catch (e) {
      step('GetSAMLProvider (missing)', { ok: e.code === 'EntityNotExist.SAMLProvider' && e.statusCode === 404, code: e.code });
    }

    await ims.deleteSAMLProvider(new Ims.DeleteSAMLProviderRequest({ SAMLProviderName: 'sdk-idp' }));
    await ims.deleteOIDCProvider(new Ims.DeleteOIDCProviderRequest({ OIDCProviderName: 'sdk-oidc' }));
    const left = (await ims.listSAMLProviders(new Ims.ListSAMLProvidersRequest({}))).body;
    step('Delete providers', { ok: left.SAMLProviders.SAMLProvider.length === 0 });
  } catch (e) {
    step('error', { ok: false, code: e.code, message: e.message });
    process.exit(1);
  }
})();
