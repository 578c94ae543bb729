using Microsoft.Playwright;

namespace RamConsole.E2E.Support;

/// <summary>
/// Debian's Chromium driven by Playwright (never Playwright's own browser download). Without a browser the tests skip,
/// unless RAMCONSOLE_REQUIRE_BROWSER=1 (as in CI), where they run and fail loudly.
/// </summary>
public static class Browser
{
    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable("RAMCONSOLE_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public static bool Required => Environment.GetEnvironmentVariable("RAMCONSOLE_REQUIRE_BROWSER") == "1";

    public static bool Available => File.Exists(ExecutablePath);

    public static string? SkipReason => Available || Required
        ? null
        : $"No Chromium at {ExecutablePath} and RAMCONSOLE_REQUIRE_BROWSER is not set (apt-get install -y chromium).";

    /// <summary>Flags for a root user in a sandboxed machine with no network but loopback.</summary>
    private static readonly string[] Args =
        ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"];

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        if (!Available) throw new InvalidOperationException($"Chromium is required but missing at {ExecutablePath}.");
        var playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = Args,
        });
        return (playwright, browser);
    }

    /// <summary>Where screenshots go: RAMCONSOLE_ARTIFACTS, else an artifacts folder beside the test binaries.</summary>
    public static string ArtifactPath(string fileName)
    {
        var directory = Environment.GetEnvironmentVariable("RAMCONSOLE_ARTIFACTS") is { Length: > 0 } d
            ? d
            : Path.Combine(AppContext.BaseDirectory, "artifacts");
        Directory.CreateDirectory(directory);
        return Path.Combine(directory, fileName);
    }
}

/// <summary>A fact that needs Chromium; see <see cref="Browser.SkipReason"/>.</summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (Browser.SkipReason is { } reason) Skip = reason;
    }
}
