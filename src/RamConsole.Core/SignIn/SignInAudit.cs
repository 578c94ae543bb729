using RamConsole.Core.Account;
using RamConsole.Core.Audit;
using RamConsole.Core.Users;

namespace RamConsole.Core.SignIn;

/// <summary>Records console sign-in steps as <c>ram:ConsoleSignIn</c> events, with the factor types used.</summary>
public sealed class SignInAudit(AuditTrail audit, RamAccount account)
{
    public Task RecordAsync(RamUser? user, string? sourceIp, AuditResult result, string? code, IReadOnlyCollection<string> factors,
        CancellationToken cancellationToken) =>
        audit.RecordAsync(new AuditEntry
        {
            Action = Policy.Catalog.SystemEvents.ConsoleSignIn,
            // An unknown name is not recorded: people type passwords into the user name box.
            PrincipalArn = user is null ? "anonymous" : ArnOf(user),
            PrincipalType = user is null ? "Anonymous" : user.Kind == PrincipalKind.Root ? "Root" : "User",
            Channel = AuditChannel.Console,
            SourceIp = sourceIp,
            ResourceArn = user is null ? null : ArnOf(user),
            Result = result,
            ErrorCode = code,
            RequestId = Guid.NewGuid().ToString(),
            Detail = new { Factors = factors },
        }, cancellationToken);

    public string ArnOf(RamUser user) =>
        user.Kind == PrincipalKind.Root ? Arns.Root(account.AccountId) : Arns.User(account.AccountId, user.UserName!);
}
