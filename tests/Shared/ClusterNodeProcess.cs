using System.Diagnostics;

namespace RamConsole.Tests.Shared;

/// <summary>
/// One RamConsole node as its own OS process (the build output of RamConsole.Web, run with <c>dotnet</c>), so a test
/// can kill it with SIGKILL and start it again. Its output goes to a file under the artifacts folder.
/// </summary>
public sealed class ClusterNodeProcess(string name, int port, IReadOnlyDictionary<string, string> environment, string logDirectory) : IAsyncDisposable
{
    private Process? _process;

    public string Name => name;
    public string BaseUrl => $"http://127.0.0.1:{port}";
    public bool Running => _process is { HasExited: false };

    public async Task StartAsync(TimeSpan timeout)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(WebAssembly())! };
        start.ArgumentList.Add(WebAssembly());
        foreach (var (k, v) in environment) start.Environment[k] = v;
        start.Environment["ASPNETCORE_URLS"] = BaseUrl;
        _process = Process.Start(start)!;
        var log = new StreamWriter(Path.Combine(logDirectory, $"node-{name}.log"), append: true) { AutoFlush = true };
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitReadyAsync(timeout);
    }

    /// <summary>Kills the process with SIGKILL: no shutdown hooks, no flush — what a crash or an OOM kill does.</summary>
    public void Kill()
    {
        if (_process is null || _process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
    }

    private async Task WaitReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            if (_process!.HasExited) throw new InvalidOperationException($"Node {name} exited with {_process.ExitCode}; see node-{name}.log");
            try
            {
                if ((await http.GetAsync(BaseUrl + "/healthz/ready")).IsSuccessStatusCode) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { }
            await Task.Delay(200);
        }
        throw new TimeoutException($"Node {name} was not ready within {timeout}; see node-{name}.log");
    }

    /// <summary>RamConsole.Web's own build output (its runtimeconfig and deps are needed to run it), same configuration as this test.</summary>
    public static string WebAssembly()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "RamConsole.sln"))) directory = directory.Parent;
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var path = Path.Combine(directory!.FullName, "src", "RamConsole.Web", "bin", configuration, "net10.0", "RamConsole.Web.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Build RamConsole.Web first", path);
    }

    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process?.Dispose();
        return ValueTask.CompletedTask;
    }
}
