namespace RamConsole.Core.Sts;

/// <summary>"Revoke active sessions" on a role: every STS token issued for it until now stops working at its next use.</summary>
public sealed class RevokeRoleSessions(UseCaseServices services)
{
    public async Task<DateTimeOffset> RunAsync(Caller caller, string roleName, CancellationToken cancellationToken = default)
    {
        var name = RamNames.RoleName(roleName);
        var (change, role) = await services.BeginChangeOfAsync(caller, RamActions.RevokeRoleSessions, services.Resource("role", name),
            async db => await db.Roles.SingleOrDefaultAsync(r => r.Name == name, cancellationToken) ?? throw RamErrors.NotFound("Role", name), cancellationToken);
        await using (change)
        {
            var before = new { role.SessionsRevokedAt };
            role.SessionsRevokedAt = services.Time.GetUtcNow();
            await change.CommitAsync(before, new { role.SessionsRevokedAt }, cancellationToken);
            return role.SessionsRevokedAt.Value;
        }
    }
}
