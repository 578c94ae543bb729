using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Xunit.Abstractions;

namespace RamConsole.E2E.Support;

/// <summary>
/// Runs the official Alibaba Cloud Node SDKs' scripts in <c>tests/RamConsole.E2E/Compat</c> (installed with `npm ci` from
/// the committed lock file, once per test run) and reads their one-JSON-object-per-line output.
/// </summary>
public static class NodeScripts
{
    private static readonly SemaphoreSlim Installing = new(1, 1);
    private static bool _installed;

    public static async Task<IReadOnlyList<JsonElement>> RunAsync(string script, IDictionary<string, string> environment, ITestOutputHelper output)
    {
        await InstallAsync(output);
        var stdout = await RunProcessAsync("node", script, CompatDirectory(), environment, TimeSpan.FromMinutes(2), output);
        return stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => line.StartsWith('{')) // oidc-provider-style notices and warnings are not steps
            .Select(line => JsonDocument.Parse(line).RootElement).ToList();
    }

    public static async Task InstallAsync(ITestOutputHelper output)
    {
        await Installing.WaitAsync();
        try
        {
            if (_installed) return;
            await RunProcessAsync("npm", "ci --no-audit --no-fund", CompatDirectory(), new Dictionary<string, string>(), TimeSpan.FromMinutes(5), output);
            _installed = true;
        }
        finally
        {
            Installing.Release();
        }
    }

    private static async Task<string> RunProcessAsync(string file, string arguments, string directory, IDictionary<string, string> environment, TimeSpan timeout,
        ITestOutputHelper output)
    {
        var start = new ProcessStartInfo(file, arguments) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (key, value) in environment) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cancel.Token);
        output.WriteLine($"$ {file} {arguments}\n{await stdout}\n{await stderr}");
        Assert.True(process.ExitCode == 0, $"{file} {arguments} exited {process.ExitCode}: {await stderr}{await stdout}");
        return await stdout;
    }

    public static string CompatDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "RamConsole.E2E", "Compat");
            if (File.Exists(Path.Combine(candidate, "package-lock.json"))) return candidate;
        }
        throw new DirectoryNotFoundException("tests/RamConsole.E2E/Compat not found above " + AppContext.BaseDirectory);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
