using System.Collections.Concurrent;

namespace RamConsole.Core.Overview;

/// <summary>
/// Counts API calls in memory and adds them to <see cref="ApiCallCount"/> rows in one transaction every flush (the
/// host flushes every 30 s and at shutdown), so the hot path never writes to the database. Each node adds what it
/// counted (an upsert that adds, never overwrites), so the counts of several nodes merge. The SQL quotes its names and
/// runs unchanged on SQLite and PostgreSQL.
/// </summary>
[Authorization.GateFree(Authorization.GateFreeStep.Background)]
public sealed class ApiUsage(UseCaseServices services)
{
    private readonly ConcurrentDictionary<(long Day, string Action), long> _pending = new();

    public void Record(string action) => _pending.AddOrUpdate((services.Time.GetUtcNow().ToUnixTimeMilliseconds() / 86_400_000, action), 1, (_, n) => n + 1);

    public async Task<int> FlushAsync(CancellationToken cancellationToken = default)
    {
        var batch = new List<(long Day, string Action, long Count)>();
        foreach (var key in _pending.Keys)
        {
            if (_pending.TryRemove(key, out var count)) batch.Add((key.Day, key.Action, count));
        }
        if (batch.Count == 0) return 0;
        try
        {
            await using var db = await services.OpenGateFreeAsync(Authorization.GateFreeStep.Background, cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            foreach (var (day, action, count) in batch)
            {
                await db.Database.ExecuteSqlAsync(
                    $"INSERT INTO \"ApiCallCounts\" (\"Day\", \"Action\", \"Count\") VALUES ({day}, {action}, {count}) ON CONFLICT (\"Day\", \"Action\") DO UPDATE SET \"Count\" = \"ApiCallCounts\".\"Count\" + excluded.\"Count\"",
                    cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
            return batch.Count;
        }
        catch
        {
            foreach (var (day, action, count) in batch) _pending.AddOrUpdate((day, action), count, (_, n) => n + count); // kept for the next flush
            throw;
        }
    }
}
