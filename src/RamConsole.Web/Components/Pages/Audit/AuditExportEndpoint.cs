using RamConsole.Core.Audit;
using RamConsole.Core.Errors;
using RamConsole.Web.Identity;

namespace RamConsole.Web.Components.Pages.Audit;

/// <summary>
/// <c>GET /audit/export.csv</c> and <c>/audit/export.jsonl</c> with the audit page's filter in the query string: the
/// matching events streamed as they are read (the browser shows the download's progress; nothing is buffered here).
/// Needs a full console session and <c>ram:ListAuditEvents</c>; each export is itself audited.
/// </summary>
internal static class AuditExportEndpoint
{
    public static void MapAuditExport(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/audit/export.{format:regex(^(csv|jsonl)$)}", async (HttpContext http, string format, ListAuditEvents query, AuditTrail audit) =>
        {
            if (AuditFilterQuery.Parse(http.Request.Query) is not { } filter)
                return Results.BadRequest(new { Code = "InvalidParameter.Filter", Message = "A filter value is malformed (times are Unix milliseconds; result and channel are names)." });
            var caller = ConsoleCaller.FromPrincipal(http.User, new ConsoleConnection { SourceIp = ConsoleConnection.SourceIpOf(http), SecureTransport = http.Request.IsHttps })
                with { RequestId = http.TraceIdentifier };
            try
            {
                if (!await query.IsAllowedAsync(caller, http.RequestAborted)) await query.RunAsync(caller, filter, null, 1, http.RequestAborted); // audits and throws NoPermission
            }
            catch (RamException e)
            {
                return Results.Json(new { e.Code, e.Message }, statusCode: e.HttpStatus);
            }
            await audit.RecordAsync(AuditEntry.For(caller, "ram:ExportAuditEvents", query.ResourceArn) with { Detail = new { Format = format, Filter = filter } }, http.RequestAborted);

            http.Response.ContentType = format == "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8";
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"audit-{DateTime.UtcNow:yyyyMMdd-HHmmss}.{format}\"";
            var events = query.StreamAsync(caller, filter, http.RequestAborted);
            if (format == "csv") await AuditExport.WriteCsvAsync(events, http.Response.Body, cancellationToken: http.RequestAborted);
            else await AuditExport.WriteJsonLinesAsync(events, http.Response.Body, cancellationToken: http.RequestAborted);
            return Results.Empty;
        }).RequireAuthorization();
}
