using System.Text.Json;
using RamConsole.Core.Audit;
using RamConsole.Core.Errors;

namespace RamConsole.Web.Api;

/// <summary>
/// The RPC API at "/" (DESIGN §6): recognises API calls, authenticates them, dispatches by Version and Action, and
/// writes JSON — <c>{"RequestId":…}</c> plus the result, or <c>{RequestId, HostId, Code, Message, Recommend}</c> with the
/// error's HTTP status (and AccessDeniedDetail on NoPermission). Unexpected failures are 500 InternalError with no
/// internals; they are logged.
/// </summary>
public static class ApiEndpoint
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = null, DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    public static IApplicationBuilder UseRamApi(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (!ApiRequest.IsApiCall(context.Request))
        {
            await next(context);
            return;
        }
        await HandleAsync(context);
    });

    private static async Task HandleAsync(HttpContext context)
    {
        var requestId = Guid.NewGuid().ToString().ToUpperInvariant();
        var request = await ApiRequest.ReadAsync(context);
        try
        {
            var action = request.Action is { Length: > 0 } a ? a : throw ApiError.Missing("Action");
            var version = request.Version is { Length: > 0 } v ? v : throw ApiError.Missing("Version");
            var handler = ApiOperations.Find(version, action) ?? throw ApiError.UnknownAction(action, version);
            var caller = await context.RequestServices.GetRequiredService<ApiAuthenticator>().AuthenticateAsync(request, context.RequestAborted)
                with { RequestId = requestId };
            var result = await handler(new ApiCall(caller, request.Parameters, context.RequestServices, context.RequestAborted));
            var body = JsonSerializer.SerializeToNode(result, result.GetType(), Json)!.AsObject();
            body.Insert(0, "RequestId", requestId);
            await WriteAsync(context, request, 200, body, action + "Response");
        }
        catch (RamException e)
        {
            if (e.Code is not "NoPermission") await AuditRefusalAsync(context, request, requestId, e); // the gate audits NoPermission itself
            var host = context.Request.Host.Host;
            var body = new Dictionary<string, object?>
            {
                ["RequestId"] = requestId, ["HostId"] = host, ["Code"] = e.Code, ["Message"] = e.Message,
                ["Recommend"] = $"See the RamConsole documentation for {e.Code}.",
            };
            if (e.AccessDenied is { } detail) body["AccessDeniedDetail"] = detail;
            await WriteAsync(context, request, e.HttpStatus, JsonSerializer.SerializeToNode(body, Json)!.AsObject(), "Error");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("RamConsole.Api").LogError(e, "API call {RequestId} failed", requestId);
            await WriteAsync(context, request, 500, JsonSerializer.SerializeToNode(new { RequestId = requestId, HostId = context.Request.Host.Host, Code = "InternalError",
                Message = "The request processing has failed due to some unknown error.", Recommend = "Retry; if it persists, report the RequestId." }, Json)!.AsObject(), "Error");
        }
    }

    /// <summary>Refused API calls are audited (DESIGN §9: every denied request): who the key claims to be, and why.</summary>
    private static Task AuditRefusalAsync(HttpContext context, ApiRequest request, string requestId, RamException e)
    {
        if (e.HttpStatus >= 500) return Task.CompletedTask;
        return context.RequestServices.GetRequiredService<AuditTrail>().RecordAsync(new AuditEntry
        {
            Action = request.Action is { Length: > 0 } a ? (request.Version == ApiOperations.Sts ? "sts:" : "ram:") + a : "api:Unknown",
            PrincipalArn = "anonymous",
            PrincipalType = "Anonymous",
            Channel = AuditChannel.Api,
            SourceIp = request.SourceIp,
            Result = e.HttpStatus is 401 or 403 || e.Code.StartsWith("Invalid", StringComparison.Ordinal) || e.Code.StartsWith("Signature", StringComparison.Ordinal) || e.Code == "IncompleteSignature"
                ? AuditResult.Denied : AuditResult.Error,
            ErrorCode = e.Code,
            RequestId = requestId,
            Detail = new { AccessKeyId = request.Parameters.GetValueOrDefault("AccessKeyId") },
        }, context.RequestAborted);
    }

    /// <summary>JSON, or XML when the call asked for <c>Format=XML</c>.</summary>
    private static async Task WriteAsync(HttpContext context, ApiRequest request, int status, System.Text.Json.Nodes.JsonObject body, string xmlRoot)
    {
        context.Response.StatusCode = status;
        var xml = string.Equals(request.Parameters.GetValueOrDefault("Format"), "XML", StringComparison.OrdinalIgnoreCase);
        context.Response.ContentType = xml ? "text/xml; charset=utf-8" : "application/json; charset=utf-8";
        await context.Response.WriteAsync(xml ? XmlResponse.From(xmlRoot, body) : body.ToJsonString(Json), context.RequestAborted);
    }
}
