// Drives RamConsole with the official Alibaba Cloud SDKs (RAM, STS and IMS), unchanged: only the endpoint and protocol point at it.
// Env: RAMCONSOLE_ENDPOINT (host:port), RAMCONSOLE_AK, RAMCONSOLE_SK (an administrator's AccessKey), RAMCONSOLE_ACCOUNT.
// Prints one JSON line per step; exits non-zero on the first unexpected result.
const Ram = require('@alicloud/ram20150501');
const Sts = require('@alicloud/sts20150401');
const Ims = require('@alicloud/ims20190815');
const { $OpenApiUtil } = require('@alicloud/openapi-core');
const PopCore = require('@alicloud/pop-core');

const endpoint = process.env.RAMCONSOLE_ENDPOINT;
const account = process.env.RAMCONSOLE_ACCOUNT;
const config = (id, secret, token) => new $OpenApiUtil.Config({ accessKeyId: id, accessKeySecret: secret, securityToken: token, endpoint, protocol: 'http' });
const step = (name, detail) => console.log(JSON.stringify({ step: name, ...detail }));
const fail = (name, error) => { step(name, { ok: false, code: error.code, message: error.message }); process.exit(1); };

(async () => {
  const admin = new Ram.default(config(process.env.RAMCONSOLE_AK, process.env.RAMCONSOLE_SK));
  try {
    await admin.createUser(new Ram.CreateUserRequest({ userName: 'sdk-deployer' }));
    const key = (await admin.createAccessKey(new Ram.CreateAccessKeyRequest({ userName: 'sdk-deployer' }))).body.accessKey;
    step('CreateUser+CreateAccessKey', { ok: true, accessKeyId: key.accessKeyId });
    const trust = JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: [`acs:ram::${account}:root`] } }] });
    const role = (await admin.createRole(new Ram.CreateRoleRequest({ roleName: 'sdk-readers', assumeRolePolicyDocument: trust }))).body.role;
    await admin.attachPolicyToRole(new Ram.AttachPolicyToRoleRequest({ policyType: 'System', policyName: 'AliyunRAMReadOnlyAccess', roleName: 'sdk-readers' }));
    await admin.attachPolicyToUser(new Ram.AttachPolicyToUserRequest({ policyType: 'System', policyName: 'AliyunSTSAssumeRoleAccess', userName: 'sdk-deployer' }));
    step('CreateRole+Attach', { ok: true, roleArn: role.arn });

    const sts = new Sts.default(config(key.accessKeyId, key.accessKeySecret));
    const assumed = (await sts.assumeRole(new Sts.AssumeRoleRequest({ roleArn: role.arn, roleSessionName: 'sdk-session', durationSeconds: 900 }))).body;
    step('AssumeRole', { ok: true, arn: assumed.assumedRoleUser.arn });

    const c = assumed.credentials;
    const asRole = new Sts.default(config(c.accessKeyId, c.accessKeySecret, c.securityToken));
    const identity = (await asRole.getCallerIdentity()).body;
    step('GetCallerIdentity', { ok: identity.identityType === 'AssumedRoleUser', identityType: identity.identityType, arn: identity.arn });

    const roleRam = new Ram.default(config(c.accessKeyId, c.accessKeySecret, c.securityToken));
    try {
      await roleRam.createUser(new Ram.CreateUserRequest({ userName: 'should-not-exist' }));
      step('CreateUser as role', { ok: false, code: 'allowed' });
      process.exit(1);
    } catch (e) {
      step('CreateUser as role', { ok: e.code === 'NoPermission' && e.statusCode === 403, code: e.code, statusCode: e.statusCode });
    }

    const pop = new PopCore({ accessKeyId: process.env.RAMCONSOLE_AK, accessKeySecret: process.env.RAMCONSOLE_SK, endpoint: `http://${endpoint}`, apiVersion: '2015-05-01' });
    const user = await pop.request('GetUser', { UserName: 'sdk-deployer' }, { method: 'POST' });
    step('GetUser (V1, pop-core)', { ok: user.User.UserName === 'sdk-deployer', userName: user.User.UserName });

    const ims = new Ims.default(config(process.env.RAMCONSOLE_AK, process.env.RAMCONSOLE_SK));
    const generated = (await ims.generateCredentialReport()).body;
    let report;
    for (let attempt = 0; !report && attempt < 100; attempt++) {
      try {
        report = (await ims.getCredentialReport(new Ims.GetCredentialReportRequest({ maxItems: '1000' }))).body;
      } catch (e) {
        if (e.code !== 'EntityNotExist.CredentialReport') throw e; // still being written
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    const csv = Buffer.from(report.content, 'base64').toString('utf8');
    step('Generate+GetCredentialReport (IMS)', {
      ok: generated.state === 'STARTED' && csv.startsWith('user,arn,') && csv.includes('\nsdk-deployer,') && String(report.isTruncated) === 'false', // the SDK's model types it as a string
      state: generated.state, generatedTime: report.generatedTime, lines: csv.split('\n').length - 1,
    });
  } catch (e) {
    fail('unexpected', e);
  }
})();
