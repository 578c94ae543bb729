using RamConsole.Core.Errors;
using RamConsole.Core.Hygiene;
using RamConsole.Web.Identity;

namespace RamConsole.Web.Components.Pages.Hygiene;

/// <summary><c>GET /hygiene/credential-report.csv</c>: the last complete credential report (needs ram:GetCredentialReport).</summary>
internal static class HygieneEndpoints
{
    public static void MapCredentialReportDownload(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/hygiene/credential-report.csv", async (HttpContext http, CredentialReport reports) =>
        {
            var caller = await ConsoleCaller.FromHttpAsync(http);
            try
            {
                var stream = await reports.OpenAsync(caller, http.RequestAborted);
                return Results.File(stream, "text/csv; charset=utf-8", "credential-report.csv");
            }
            catch (RamException e)
            {
                return Results.Json(new { e.Code, e.Message }, statusCode: e.HttpStatus);
            }
        }).RequireAuthorization();
}
