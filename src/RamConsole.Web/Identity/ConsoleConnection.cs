using RamConsole.Core.Mfa;

namespace RamConsole.Web.Identity;

/// <summary>
/// Facts of the HTTP request that opened this console circuit. A circuit has no HttpContext, so App.razor captures
/// them during the first (static) render and hands them to the interactive tree.
/// </summary>
public sealed class ConsoleConnection
{
    public string? SourceIp { get; set; }
    public bool SecureTransport { get; set; }

    /// <summary>The host and origin the browser used: WebAuthn's default RP ID and origin.</summary>
    public string Host { get; set; } = "localhost";
    public string Origin { get; set; } = "http://localhost";

    public WebAuthnSite Site => new(Host, Origin);

    public static WebAuthnSite SiteOf(HttpRequest request) => new(request.Host.Host, $"{request.Scheme}://{request.Host}");

    /// <summary>The client address as masks and audit expect it (IPv4-mapped IPv6 shown as IPv4).</summary>
    public static string? SourceIpOf(HttpContext context) =>
        context.Connection.RemoteIpAddress is { } ip ? (ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip).ToString() : null;
}
