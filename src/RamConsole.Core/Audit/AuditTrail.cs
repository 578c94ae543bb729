using Microsoft.EntityFrameworkCore;
using RamConsole.Core.Persistence;

namespace RamConsole.Core.Audit;

/// <summary>
/// Writes audit events. A write use case <see cref="Stage"/>s its event in the same DbContext as its change, so both
/// commit or neither does; denials and sign-ins, which change nothing else, are <see cref="RecordAsync"/>ed alone.
/// </summary>
public sealed class AuditTrail(IDbContextFactory<RamDbContext> dbFactory, TimeProvider time)
{
    public void Stage(RamDbContext db, AuditEntry entry) => db.AuditEvents.Add(ToEvent(entry));

    public async Task RecordAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.AuditEvents.Add(ToEvent(entry));
        await db.SaveChangesAsync(cancellationToken);
    }

    private AuditEvent ToEvent(AuditEntry e) => new()
    {
        Time = time.GetUtcNow(),
        Action = e.Action,
        PrincipalArn = e.PrincipalArn,
        PrincipalType = e.PrincipalType,
        Channel = e.Channel,
        SourceIp = e.SourceIp,
        ResourceArn = e.ResourceArn,
        Result = e.Result,
        ErrorCode = e.ErrorCode,
        RequestId = e.RequestId,
        Before = AuditSnapshot.Of(e.Before),
        After = AuditSnapshot.Of(e.After),
        Detail = AuditSnapshot.Of(e.Detail),
    };
}
