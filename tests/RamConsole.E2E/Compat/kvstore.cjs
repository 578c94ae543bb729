// Drives RamConsole's Redis plane with the official @alicloud/r-kvstore20150101 SDK (V3 signatures via openapi-core), unchanged.
// Env: RAMCONSOLE_ENDPOINT (host:port), RAMCONSOLE_AK/SK (an administrator's AccessKey), RAMCONSOLE_READER_AK/SK (a user
// with AliyunKvstoreReadOnlyAccess only). Prints one JSON line per step; exits non-zero on the first unexpected result.
const Kvstore = require('@alicloud/r-kvstore20150101');
const { $OpenApiUtil } = require('@alicloud/openapi-core');

const endpoint = process.env.RAMCONSOLE_ENDPOINT;
const client = (id, secret) => new Kvstore.default(new $OpenApiUtil.Config({ accessKeyId: id, accessKeySecret: secret, endpoint, protocol: 'http', regionId: 'cn-hangzhou' }));
const step = (name, detail) => console.log(JSON.stringify({ step: name, ...detail }));
const fail = (name, error) => { step(name, { ok: false, code: error.code, message: error.message }); process.exit(1); };

(async () => {
  const admin = client(process.env.RAMCONSOLE_AK, process.env.RAMCONSOLE_SK);
  const reader = client(process.env.RAMCONSOLE_READER_AK, process.env.RAMCONSOLE_READER_SK);
  try {
    const created = (await admin.createInstance(new Kvstore.CreateInstanceRequest({ regionId: 'cn-hangzhou', instanceName: 'sdk-cache', password: 'Sdk-Default-Passw0rd', capacity: 128 }))).body;
    step('CreateInstance', { ok: /^r-[a-z0-9]{20}$/.test(created.instanceId) && created.port > 0, instanceId: created.instanceId, host: created.connectionDomain, port: created.port, status: created.instanceStatus });

    const listed = (await admin.describeInstances(new Kvstore.DescribeInstancesRequest({ regionId: 'cn-hangzhou', pageSize: 30 }))).body;
    const found = listed.instances.KVStoreInstance.find((i) => i.instanceId === created.instanceId);
    step('DescribeInstances', { ok: !!found && found.instanceStatus === 'Normal' && listed.totalCount >= 1, totalCount: listed.totalCount });

    const attribute = (await admin.describeInstanceAttribute(new Kvstore.DescribeInstanceAttributeRequest({ instanceId: created.instanceId }))).body;
    step('DescribeInstanceAttribute', { ok: attribute.instances.DBInstanceAttribute[0].instanceName === 'sdk-cache' });

    const account = (await admin.createAccount(new Kvstore.CreateAccountRequest({
      instanceId: created.instanceId, accountName: 'sdk_app', accountPassword: 'Sdk-App-Passw0rd', accountPrivilege: 'RoleReadWrite', accountDescription: 'from the SDK',
    }))).body;
    step('CreateAccount', { ok: account.acountName === 'sdk_app' && account.instanceId === created.instanceId, acountName: account.acountName });

    const accounts = (await admin.describeAccounts(new Kvstore.DescribeAccountsRequest({ instanceId: created.instanceId }))).body;
    const app = accounts.accounts.account.find((a) => a.accountName === 'sdk_app');
    step('DescribeAccounts', {
      ok: !!app && app.databasePrivileges.databasePrivilege[0].accountPrivilege === 'RoleReadWrite' && app.accountStatus === 'Available',
      names: accounts.accounts.account.map((a) => a.accountName),
    });

    await admin.modifyInstanceConfig(new Kvstore.ModifyInstanceConfigRequest({ instanceId: created.instanceId, config: JSON.stringify({ 'maxmemory-policy': 'allkeys-lru' }) }));
    const config = JSON.parse((await admin.describeInstanceConfig(new Kvstore.DescribeInstanceConfigRequest({ instanceId: created.instanceId }))).body.config);
    step('Modify+DescribeInstanceConfig', { ok: config['maxmemory-policy'] === 'allkeys-lru' });

    const seen = (await reader.describeAccounts(new Kvstore.DescribeAccountsRequest({ instanceId: created.instanceId }))).body;
    step('DescribeAccounts as read-only', { ok: seen.accounts.account.length === accounts.accounts.account.length });
    try {
      await reader.createAccount(new Kvstore.CreateAccountRequest({ instanceId: created.instanceId, accountName: 'sneaky', accountPassword: 'Sdk-App-Passw0rd' }));
      step('CreateAccount as read-only', { ok: false, code: 'allowed' });
      process.exit(1);
    } catch (e) {
      step('CreateAccount as read-only', { ok: e.code === 'NoPermission' && e.statusCode === 403, code: e.code, statusCode: e.statusCode });
    }
    try {
      await admin.describeInstanceAttribute(new Kvstore.DescribeInstanceAttributeRequest({ instanceId: 'r-00000000000000000000' }));
      step('DescribeInstanceAttribute of a stranger', { ok: false, code: 'found' });
      process.exit(1);
    } catch (e) {
      step('DescribeInstanceAttribute of a stranger', { ok: e.code === 'InvalidInstanceId.NotFound' && e.statusCode === 404, code: e.code });
    }
  } catch (e) {
    fail('unexpected', e);
  }
})();
