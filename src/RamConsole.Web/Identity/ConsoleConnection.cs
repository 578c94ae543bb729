namespace RamConsole.Web.Identity;

/// <summary>
/// Facts of the HTTP request that opened this console circuit. A circuit has no HttpContext, so App.razor captures
/// them during the first (static) render and hands them to the interactive tree.
/// </summary>
public sealed class ConsoleConnection
{
    public string? SourceIp { get; set; }
    public bool SecureTransport { get; set; }
}
