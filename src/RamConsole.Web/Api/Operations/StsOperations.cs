using RamConsole.Core.Account;

namespace RamConsole.Web.Api.Operations;

/// <summary>STS 2015-04-01. AssumeRole arrives with the STS token issue.</summary>
internal static class StsOperations
{
    public static IReadOnlyDictionary<string, Func<ApiCall, Task<object>>> All { get; } = new Dictionary<string, Func<ApiCall, Task<object>>>
    {
        ["GetCallerIdentity"] = c => Task.FromResult<object>(new
        {
            AccountId = c.Use<RamAccount>().AccountId,
            Arn = c.Caller.Arn,
            IdentityType = "RAMUser",
            PrincipalId = c.Caller.Name,
            UserId = c.Caller.Name,
        }),
    };
}
