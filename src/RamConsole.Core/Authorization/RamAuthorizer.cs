using RamConsole.Core.Audit;
using RamConsole.Core.Errors;

namespace RamConsole.Core.Authorization;

/// <summary>
/// The one gate (STYLE: "one gate for authorization"). Every use case asks it before touching data, whether called
/// from a page or the API; a denial is audited here so no caller can forget to.
/// </summary>
public sealed class RamAuthorizer(AuditTrail audit)
{
    public GateDecision Decide(Caller caller, string action, string resourceArn)
    {
        // Root is not restricted by policies (DESIGN §2). Until the policy engine is wired in, nobody else is allowed
        // anything: failing closed is the only safe default.
        return caller.Type == PrincipalType.Root
            ? GateDecision.Allow("Root is not restricted by policies.")
            : GateDecision.ImplicitDeny("No policy allows this action.");
    }

    /// <summary>Throws <c>NoPermission</c> (403) and records the denial unless <paramref name="caller"/> may do it.</summary>
    public async Task DemandAsync(Caller caller, string action, string resourceArn, CancellationToken cancellationToken = default)
    {
        var decision = Decide(caller, action, resourceArn);
        if (decision.Allowed) return;

        await audit.RecordAsync(new AuditEntry
        {
            Action = action,
            PrincipalArn = caller.Arn,
            PrincipalType = caller.Type.ToString(),
            Channel = caller.Channel == CallChannel.Api ? AuditChannel.Api : AuditChannel.Console,
            SourceIp = caller.SourceIp,
            ResourceArn = resourceArn,
            Result = AuditResult.Denied,
            ErrorCode = "NoPermission",
            RequestId = caller.RequestId,
            Detail = new { decision.NoPermissionType, decision.PolicyType, decision.Reason },
        }, cancellationToken);

        throw new RamException("NoPermission", $"You are not authorized to do action: {action} on resource: {resourceArn}.", 403)
        {
            AccessDenied = new AccessDeniedDetail(action, caller.Type == PrincipalType.AssumedRole ? "AssumedRoleUser" : "SubUser",
                caller.DisplayName, decision.PolicyType, decision.NoPermissionType),
        };
    }
}
