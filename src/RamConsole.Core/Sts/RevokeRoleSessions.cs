using Microsoft.EntityFrameworkCore;
using RamConsole.Core.Authorization;
using RamConsole.Core.Errors;
using RamConsole.Core.Naming;

namespace RamConsole.Core.Sts;

/// <summary>"Revoke active sessions" on a role: every STS token issued for it until now stops working at its next use.</summary>
public sealed class RevokeRoleSessions(UseCaseServices services, Roles.RoleDirectory roles)
{
    public const string Action = "ram:UpdateRole";

    public async Task<DateTimeOffset> RunAsync(Caller caller, string roleName, CancellationToken cancellationToken = default)
    {
        var name = RamNames.RoleName(roleName);
        var resource = services.Resource("role", name);
        await services.Gate.DemandAsync(caller, Action, resource, cancellationToken);
        await using var db = await services.OpenForChangeAsync(cancellationToken);
        var role = await db.Roles.SingleOrDefaultAsync(r => r.Name == name, cancellationToken) ?? throw RamErrors.NotFound("Role", name);
        var before = new { role.SessionsRevokedAt };
        role.SessionsRevokedAt = services.Time.GetUtcNow();
        await services.CommitAsync(db, caller, "sts:RevokeRoleSessions", resource, before, new { role.SessionsRevokedAt }, policiesChanged: false, cancellationToken);
        roles.Invalidate();
        return role.SessionsRevokedAt.Value;
    }
}
