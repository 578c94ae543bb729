using System.Text.Json;
using RamConsole.Core.Audit;

namespace RamConsole.Core.Sts;

/// <summary>One STS session of a role that is still honoured (from its audited issuance; the token itself is not stored).</summary>
public sealed record RoleSessionView(string SessionName, string AccessKeyId, string IssuedBy, string? SourceIp, DateTimeOffset IssuedAt, DateTimeOffset Expiration, bool MfaPresent);

/// <summary>
/// The role page's "active sessions": tokens are self-contained, so the list is read from the audit trail's successful
/// sts:AssumeRole events for the role (and the federated AssumeRoleWithSAML / AssumeRoleWithOIDC) — issued after the role was created and after every cut-off (the role's and the
/// issuer's, and those of every session it was chained from), and not yet expired. The newest <see cref="MaxListed"/>
/// issuances are considered.
/// </summary>
public sealed class RoleSessions(UseCaseServices services, StsCutOffs cutOffs, StsRevocations revocations)
{
    public const int MaxListed = 500;

    public async Task<IReadOnlyList<RoleSessionView>> ListAsync(Caller caller, string roleName, CancellationToken cancellationToken = default)
    {
        var name = RamNames.RoleName(roleName);
        var resource = services.Resource("role", name);
        await using var db = await services.BeginReadAsync(caller, RamActions.ListRoleSessions, resource, cancellationToken);
        var role = await db.Roles.AsNoTracking().SingleOrDefaultAsync(r => r.Name == name, cancellationToken) ?? throw RamErrors.NotFound("Role", name);

        var roleArn = Account.Arns.Role(services.Account.AccountId, role.Name); // as AssumeRole audits it (the stored spelling)
        var now = services.Time.GetUtcNow();
        var since = new[] { now.AddSeconds(-Roles.SessionDurations.RoleMaximumSeconds), role.CreatedAt, role.SessionsRevokedAt?.AddMilliseconds(1) ?? default }.Max();
        var events = await db.AuditEvents.AsNoTracking()
            .Where(e => StsIssuance.Actions.Contains(e.Action) && e.Time >= since && e.ResourceArn == roleArn && e.Result == AuditResult.Success)
            .OrderByDescending(e => e.Time).Take(MaxListed)
            .Select(e => new { e.Time, e.PrincipalArn, e.SourceIp, e.After })
            .ToListAsync(cancellationToken);

        var sessions = new List<RoleSessionView>();
        foreach (var e in events)
        {
            if (e.After is null) continue;
            using var after = JsonDocument.Parse(e.After);
            var root = after.RootElement;
            var expiration = root.GetProperty("Expiration").GetDateTimeOffset();
            if (expiration <= now) continue;
            if (await cutOffs.ForAsync(e.PrincipalArn, cancellationToken) is { } cutOff && e.Time < cutOff.AddMilliseconds(1)) continue;
            if (root.TryGetProperty("Chain", out var chain) && chain.ValueKind == JsonValueKind.Array
                && !await revocations.IsChainHonouredAsync(chain.Deserialize<List<StsChainLink>>(), cancellationToken)) continue;
            var arn = root.GetProperty("Arn").GetString() ?? "";
            sessions.Add(new RoleSessionView(arn[(arn.LastIndexOf('/') + 1)..], root.GetProperty("AccessKeyId").GetString() ?? "", e.PrincipalArn, e.SourceIp,
                e.Time, expiration, root.TryGetProperty("MfaPresent", out var mfa) && mfa.GetBoolean()));
        }
        return sessions;
    }
}
