namespace RamConsole.Web.Hosting;

/// <summary>
/// Headers on every console response (not the API's): never framed by another site (clickjacking an administrator's
/// clicks), no MIME sniffing, and no console address — which names users, roles and policies — sent to other sites
/// in Referer. No script Content-Security-Policy yet (README, "Console sign-in security").
/// </summary>
internal static class ConsoleSecurityHeaders
{
    public static IApplicationBuilder UseConsoleSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var headers = context.Response.Headers;
        headers.XFrameOptions = "DENY";
        headers.ContentSecurityPolicy = "frame-ancestors 'none'";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "same-origin";
        return next(context);
    });
}
