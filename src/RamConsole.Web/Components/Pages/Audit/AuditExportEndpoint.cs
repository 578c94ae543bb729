using RamConsole.Core.Audit;
using RamConsole.Core.Errors;
using RamConsole.Web.Identity;

namespace RamConsole.Web.Components.Pages.Audit;

/// <summary>
/// <c>GET /audit/export.csv</c> and <c>/audit/export.jsonl</c> with the audit page's filter in the query string: the
/// matching events streamed as they are read (the browser shows the download's progress; nothing is buffered here).
/// Needs a full console session and <c>ram:ExportAuditEvents</c>; each export is itself audited (Core: <see cref="ExportAuditEvents"/>).
/// </summary>
internal static class AuditExportEndpoint
{
    public static void MapAuditExport(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/audit/export.{format:regex(^(csv|jsonl)$)}", async (HttpContext http, string format, ExportAuditEvents export, AuditExportProgress exports, TimeProvider time) =>
        {
            if (AuditFilterQuery.Parse(http.Request.Query) is not { } filter)
                return Results.BadRequest(new { Code = "InvalidParameter.Filter", Message = "A filter value is malformed (times are Unix milliseconds; result and channel are names)." });
            var caller = await ConsoleCaller.FromHttpAsync(http);
            // With ?export=<id> the page can follow the export: the total is counted first, then rows as they are written.
            var exportId = http.Request.Query["export"].ToString();
            var followed = AuditExportProgress.IsValidId(exportId);
            AuditExportRun run;
            try
            {
                run = await export.StartAsync(caller, filter, format, countFirst: followed, http.RequestAborted); // a refusal is audited by the gate
            }
            catch (RamException e)
            {
                return Results.Json(new { e.Code, e.Message }, statusCode: e.HttpStatus);
            }
            IProgress<long>? progress = null;
            if (run.Total is { } total)
            {
                exports.Report(exportId, caller.Arn, new AuditExportState(0, total, false));
                progress = new Progress(n => exports.Report(exportId, caller.Arn, new AuditExportState(n, Math.Max(total, n), false)));
            }

            http.Response.ContentType = format == "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8";
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"audit-{time.GetUtcNow():yyyyMMdd-HHmmss}.{format}\"";
            var written = format == "csv"
                ? await AuditExport.WriteCsvAsync(run.Events, http.Response.Body, progress, http.RequestAborted)
                : await AuditExport.WriteJsonLinesAsync(run.Events, http.Response.Body, progress, http.RequestAborted);
            if (progress is not null) exports.Report(exportId, caller.Arn, new AuditExportState(written, written, true));
            return Results.Empty;
        }).RequireAuthorization();

    /// <summary>Reports synchronously (Progress&lt;T&gt; would post to a context this request does not have).</summary>
    private sealed class Progress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
