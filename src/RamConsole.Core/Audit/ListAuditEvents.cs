using System.Globalization;
using System.Runtime.CompilerServices;

namespace RamConsole.Core.Audit;

/// <summary>
/// One page of matching events, newest first; <see cref="Next"/> continues after its last event (keyset paging, so
/// page 1,000 costs what page 1 does). <see cref="Matching"/> counts up to <see cref="ListAuditEvents.CountCap"/>.
/// </summary>
public sealed record AuditPage(IReadOnlyList<AuditEvent> Items, string? Next, int Matching, bool MoreThanCounted);

/// <summary>
/// Reads the audit trail: filtered pages for the audit page (<c>ram:ListAuditEvents</c>), and every matching event in
/// order for an export (<c>ram:ExportAuditEvents</c>), read in keyset chunks so that neither holds more than a chunk in
/// memory nor keeps a read transaction open for a whole download.
/// </summary>
public sealed class ListAuditEvents(UseCaseServices services)
{
    public const int MaxPageSize = 200;
    public const int CountCap = 10_000;
    private const int ExportChunk = 1_000;

    public string ResourceArn => services.AccountResource;

    public Task<bool> IsAllowedAsync(Caller caller, CancellationToken cancellationToken = default) =>
        services.MayAsync(caller, RamActions.ListAuditEvents, ResourceArn, cancellationToken);

    public async Task<AuditPage> RunAsync(Caller caller, AuditFilter filter, string? after, int pageSize, CancellationToken cancellationToken = default)
    {
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        await using var db = await services.BeginReadAsync(caller, RamActions.ListAuditEvents, ResourceArn, cancellationToken);
        var matching = filter.ApplyTo(db.AuditEvents.AsNoTracking());
        var counted = await matching.Select(e => e.Id).Take(CountCap + 1).CountAsync(cancellationToken);
        var items = await After(matching, Cursor.Parse(after)).OrderByDescending(e => e.Time).ThenByDescending(e => e.Id).Take(pageSize).ToListAsync(cancellationToken);
        var next = items.Count == pageSize ? Cursor.Of(items[^1]) : null;
        return new AuditPage(items, next, Math.Min(counted, CountCap), counted > CountCap);
    }

    /// <summary>How many events an export would write, uncapped (for its progress: one pass over the matching index range).</summary>
    public async Task<int> CountAsync(Caller caller, AuditFilter filter, CancellationToken cancellationToken = default)
    {
        await using var db = await services.BeginReadAsync(caller, RamActions.ExportAuditEvents, ResourceArn, cancellationToken);
        return await filter.ApplyTo(db.AuditEvents.AsNoTracking()).CountAsync(cancellationToken);
    }

    /// <summary>Every matching event for an export, newest first, fetched a chunk at a time (a context a chunk).</summary>
    public async IAsyncEnumerable<AuditEvent> StreamAsync(Caller caller, AuditFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        (DateTimeOffset Time, long Id)? cursor = null;
        while (true)
        {
            List<AuditEvent> chunk;
            await using (var db = await services.BeginReadAsync(caller, RamActions.ExportAuditEvents, ResourceArn, cancellationToken))
            {
                chunk = await After(filter.ApplyTo(db.AuditEvents.AsNoTracking()), cursor)
                    .OrderByDescending(e => e.Time).ThenByDescending(e => e.Id).Take(ExportChunk).ToListAsync(cancellationToken);
            }
            foreach (var e in chunk) yield return e;
            if (chunk.Count < ExportChunk) yield break;
            cursor = (chunk[^1].Time, chunk[^1].Id);
        }
    }

    private static IQueryable<AuditEvent> After(IQueryable<AuditEvent> events, (DateTimeOffset Time, long Id)? cursor) =>
        cursor is not { } c ? events : events.Where(e => e.Time < c.Time || (e.Time == c.Time && e.Id < c.Id));

    /// <summary>The opaque "continue after" token: the last event's time (Unix ms) and id.</summary>
    private static class Cursor
    {
        public static string Of(AuditEvent e) => $"{e.Time.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}.{e.Id.ToString(CultureInfo.InvariantCulture)}";

        public static (DateTimeOffset, long)? Parse(string? text)
        {
            if (string.IsNullOrEmpty(text)) return null;
            var parts = text.Split('.');
            return parts.Length == 2 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
                && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                ? (DateTimeOffset.FromUnixTimeMilliseconds(ms), id)
                : throw Errors.RamErrors.Invalid("InvalidParameter.Marker", "The page marker is not one this server returned.", "Marker");
        }
    }
}
