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
    /// <summary>What a refused call names when it names no operation this server has.</summary>
    public const string UnknownAction = "api:Unknown";

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
        ApiRequest? request = null;
        ApiOperation? operation = null;
        try
        {
            request = await ApiRequest.ReadAsync(context);
            var name = request.Action is { Length: > 0 } a ? a : throw ApiError.Missing("Action");
            var version = request.Version is { Length: > 0 } v ? v : throw ApiError.Missing("Version");
            operation = ApiOperations.Find(version, name) ?? throw ApiError.UnknownAction(name, version);
            context.RequestServices.GetRequiredService<Core.Overview.ApiUsage>().Record(operation.Action);
            // Fail safe (several nodes): a node that has not heard the invalidation transport lately may have missed a
            // revocation, so it answers nothing until it hears again (Core/Cluster/TransportHealth.cs).
            if (!context.RequestServices.GetRequiredService<Core.Cluster.TransportHealth>().IsHealthy) throw ApiError.NodeNotInSync();
            var caller = operation.Anonymous ? null
                : await context.RequestServices.GetRequiredService<ApiAuthenticator>().AuthenticateAsync(request, context.RequestAborted) with { RequestId = requestId };
            var origin = new Core.Sts.RequestOrigin(Core.Authorization.CallChannel.Api, request.SourceIp, request.SecureTransport, requestId);
            var result = await operation.Handler(new ApiCall(caller, origin, request.Parameters, context.RequestServices, context.RequestAborted));
            await WriteAsync(context, request, 200, requestId, result, name + "Response");
            Metrics(context).Request(operation.Action, "Success");
        }
        catch (RamException e)
        {
            // The gate audits NoPermission itself; other refusals (a bad signature, a bad parameter) are audited here.
            if (request is not null && e.Code is not "NoPermission") await AuditRefusalAsync(context, request, operation, requestId, e);
            var body = new Dictionary<string, object?>
            {
                ["HostId"] = context.Request.Host.Host, ["Code"] = e.Code, ["Message"] = e.Message,
                ["Recommend"] = $"See the RamConsole documentation for {e.Code}.",
            };
            if (e.AccessDenied is { } detail) body["AccessDeniedDetail"] = detail;
            await WriteAsync(context, request, e.HttpStatus, requestId, body, "Error");
            Metrics(context).Request(operation?.Action ?? UnknownAction, e.Code);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("RamConsole.Api").LogError(e, "API call {RequestId} failed", requestId);
            await WriteAsync(context, request, 500, requestId, new { HostId = context.Request.Host.Host, Code = "InternalError",
                Message = "The request processing has failed due to some unknown error.", Recommend = "Retry; if it persists, report the RequestId." }, "Error");
            Metrics(context).Request(operation?.Action ?? UnknownAction, "InternalError");
        }
    }

    private static Core.Cluster.RamMetrics Metrics(HttpContext context) => context.RequestServices.GetRequiredService<Core.Cluster.RamMetrics>();

    /// <summary>Refused API calls are audited (DESIGN §9: every denied request): who the key claims to be, and why.</summary>
    private static Task AuditRefusalAsync(HttpContext context, ApiRequest request, ApiOperation? operation, string requestId, RamException e)
    {
        if (e.HttpStatus >= 500) return Task.CompletedTask;
        return context.RequestServices.GetRequiredService<AuditTrail>().RecordAsync(new AuditEntry
        {
            Action = operation?.Action ?? UnknownAction,
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

    /// <summary>
    /// The body as JSON with RequestId first, or XML when the call asked for <c>Format=XML</c>. JSON is serialised once,
    /// straight to bytes, and RequestId (a GUID, nothing to escape) is spliced in front of the object's members.
    /// </summary>
    private static async Task WriteAsync(HttpContext context, ApiRequest? request, int status, string requestId, object body, string xmlRoot)
    {
        context.Response.StatusCode = status;
        if (string.Equals(request?.Parameters.GetValueOrDefault("Format"), "XML", StringComparison.OrdinalIgnoreCase))
        {
            var node = JsonSerializer.SerializeToNode(body, body.GetType(), Json)!.AsObject();
            node.Insert(0, "RequestId", requestId);
            context.Response.ContentType = "text/xml; charset=utf-8";
            await context.Response.WriteAsync(XmlResponse.From(xmlRoot, node), context.RequestAborted);
            return;
        }
        var json = JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), Json);
        var head = System.Text.Encoding.ASCII.GetBytes(json.Length > 2 ? $"{{\"RequestId\":\"{requestId}\"," : $"{{\"RequestId\":\"{requestId}\"");
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.ContentLength = head.Length + json.Length - 1;
        await context.Response.Body.WriteAsync(head, context.RequestAborted);
        await context.Response.Body.WriteAsync(json.AsMemory(1), context.RequestAborted);
    }
}
