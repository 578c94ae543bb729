using RamConsole.Core;
using RamConsole.Core.Account;
using RamConsole.Core.Authorization;
using RamConsole.Core.Roles;
using RamConsole.Core.Sts;
using RamConsole.Policy.Catalog;
using static RamConsole.Web.Api.Rpc;

namespace RamConsole.Web.Api.Operations;

/// <summary>STS 2015-04-01: AssumeRole and GetCallerIdentity.</summary>
internal static class StsOperations
{
    public static IReadOnlyDictionary<string, ApiOperation> All { get; } = new Dictionary<string, ApiOperation>
    {
        ["AssumeRole"] = Op(StsActions.AssumeRole, async c =>
        {
            var result = await c.Use<AssumeRole>().RunAsync(c.Caller, new(c.Required("RoleArn"), c.Required("RoleSessionName"),
                c.Optional("DurationSeconds") is null ? null : c.Int("DurationSeconds", SessionDurations.TokenDefaultSeconds, 1, SessionDurations.RoleMaximumSeconds), c.Optional("Policy"), c.Optional("ExternalId")), c.CancellationToken);
            var s = result.Session;
            return new
            {
                Credentials = new { s.AccessKeyId, s.AccessKeySecret, SecurityToken = result.SecurityToken, Expiration = ApiCall.Date(s.Expiration) },
                AssumedRoleUser = new { s.Arn, s.AssumedRoleId },
            };
        }),
        ["GetCallerIdentity"] = Op(StsActions.GetCallerIdentity, c => Task.FromResult(CallerIdentity(c))) with { GateFree = GateFreeStep.CallerIdentity },
    };

    private static object CallerIdentity(ApiCall c)
    {
        var accountId = c.Use<RamAccount>().AccountId;
        if (c.Caller.Type != PrincipalKind.AssumedRole)
            return new { AccountId = accountId, c.Caller.Arn, IdentityType = "RAMUser", PrincipalId = c.Caller.Name, UserId = c.Caller.Name };
        // DisplayName is "<role>/<session>"; PrincipalId is Alibaba's AssumedRoleId form.
        return new { AccountId = accountId, c.Caller.Arn, IdentityType = "AssumedRoleUser", PrincipalId = c.Caller.DisplayName.Replace('/', ':'), RoleId = c.Caller.Name };
    }
}
