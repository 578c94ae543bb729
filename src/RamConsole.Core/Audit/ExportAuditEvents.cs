namespace RamConsole.Core.Audit;

/// <summary>An export under way: how many events it will write (when counted first) and the events, read as they are written.</summary>
public sealed record AuditExportRun(int? Total, IAsyncEnumerable<AuditEvent> Events);

/// <summary>
/// "Export CSV" / "Export JSON lines" of the audit page: decided as <c>ram:ExportAuditEvents</c> (a copy of the whole
/// trail leaves the console, so it can be denied apart from reading the page) and audited itself, with its filter.
/// </summary>
public sealed class ExportAuditEvents(UseCaseServices services, ListAuditEvents events)
{
    public async Task<AuditExportRun> StartAsync(Caller caller, AuditFilter filter, string format, bool countFirst, CancellationToken cancellationToken = default)
    {
        await services.DemandAsync(caller, RamActions.ExportAuditEvents, services.AccountResource, cancellationToken);
        await services.Audit.RecordAsync(AuditEntry.For(caller, RamActions.ExportAuditEvents, services.AccountResource) with
        {
            Detail = new { Format = format, Filter = filter },
        }, cancellationToken);
        var total = countFirst ? await events.CountAsync(caller, filter, cancellationToken) : (int?)null;
        return new AuditExportRun(total, events.StreamAsync(caller, filter, cancellationToken));
    }
}
