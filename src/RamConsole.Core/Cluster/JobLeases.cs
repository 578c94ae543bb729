namespace RamConsole.Core.Cluster;

/// <summary>
/// Runs a cluster-wide job on one node at a time (<see cref="JobLease"/>). Rules: a node takes a lease only when it is
/// free, expired or already its own — one conditional UPDATE, or the first INSERT of that job's row (the primary key
/// refuses a second) — so two nodes never both hold it; a holder that dies loses it when it expires.
/// </summary>
[Authorization.GateFree(Authorization.GateFreeStep.Background)]
public sealed class JobLeases(UseCaseServices services, ClusterNode node)
{
    public const string AuditPurge = "audit-purge";
    public const string CredentialReport = "credential-report";
    public const string RedisSupervisor = "redis-supervisor";

    public string Holder => node.Id;

    /// <summary>Takes or renews <paramref name="job"/> for <paramref name="duration"/>; false while another node holds it.</summary>
    public async Task<bool> TryTakeAsync(string job, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        var now = services.Time.GetUtcNow();
        var until = now + duration;
        var holder = node.Id;
        await using var db = await services.OpenGateFreeAsync(Authorization.GateFreeStep.Background, cancellationToken);
        var taken = await db.JobLeases.Where(l => l.Name == job && (l.Holder == holder || l.ExpiresAt <= now))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, holder).SetProperty(l => l.ExpiresAt, until), cancellationToken);
        if (taken == 1) return true;
        if (await db.JobLeases.AnyAsync(l => l.Name == job, cancellationToken)) return false;
        db.JobLeases.Add(new JobLease { Name = job, Holder = holder, ExpiresAt = until });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            return false; // another node inserted it first
        }
    }

    /// <summary>Gives the lease up early (the job finished), so another node need not wait for it to expire.</summary>
    public async Task ReleaseAsync(string job, CancellationToken cancellationToken = default)
    {
        var holder = node.Id;
        await using var db = await services.OpenGateFreeAsync(Authorization.GateFreeStep.Background, cancellationToken);
        await db.JobLeases.Where(l => l.Name == job && l.Holder == holder).ExecuteDeleteAsync(cancellationToken);
    }
}
