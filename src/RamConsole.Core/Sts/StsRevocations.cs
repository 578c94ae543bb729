using RamConsole.Core.Roles;

namespace RamConsole.Core.Sts;

/// <summary>
/// Whether a role session's token is still honoured: the role must exist (the same role, not one re-created under its
/// name), the token must have been issued after the role's "revoke active sessions" cut-off, and after the cut-off of
/// the principal that assumed it ("revoke STS sessions" on a user, or the user's deletion) — and the same holds for
/// every session it was chained from. Uses the cached <see cref="RoleDirectory"/> and <see cref="StsCutOffs"/>, so
/// checking a token needs no database read on the hot path.
/// </summary>
public sealed class StsRevocations(RoleDirectory roles, StsCutOffs cutOffs)
{
    public async Task<bool> IsHonouredAsync(StsSession session, CancellationToken cancellationToken = default) =>
        await IsHonouredAsync(session.AsLink(), cancellationToken) && await IsChainHonouredAsync(session.Chain, cancellationToken);

    /// <summary>Whether every session of a chain (outermost first; null for an unchained session) is still honoured.</summary>
    public async Task<bool> IsChainHonouredAsync(IReadOnlyList<StsChainLink>? chain, CancellationToken cancellationToken = default)
    {
        foreach (var link in chain ?? [])
        {
            if (!await IsHonouredAsync(link, cancellationToken)) return false;
        }
        return true;
    }

    private async Task<bool> IsHonouredAsync(StsChainLink link, CancellationToken cancellationToken)
    {
        var role = await roles.FindAsync(link.RoleName, cancellationToken);
        return role is not null && role.Id == link.RoleId
            && IssuedAfter(link.IssuedAt, role.SessionsRevokedAt)
            && IssuedAfter(link.IssuedAt, await cutOffs.ForAsync(link.SourceArn, cancellationToken));
    }

    /// <summary>Cut-offs are stored to the millisecond; one covers its whole millisecond so that nothing issued before it slips through.</summary>
    public static bool IssuedAfter(DateTimeOffset issuedAt, DateTimeOffset? cutOff) => cutOff is not { } at || issuedAt >= at.AddMilliseconds(1);
}
