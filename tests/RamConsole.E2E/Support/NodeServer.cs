using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Xunit.Abstractions;

namespace RamConsole.E2E.Support;

/// <summary>
/// A long-running Node script from tests/RamConsole.E2E/Compat (an identity provider): started after `npm ci`, ready when
/// it prints <c>{"ready":true}</c>, killed on dispose; everything it printed goes to the test output.
/// </summary>
public sealed class NodeServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();
    private readonly ITestOutputHelper _output;

    private NodeServer(Process process, ITestOutputHelper output)
    {
        _process = process;
        _output = output;
    }

    public static async Task<NodeServer> StartAsync(string script, IDictionary<string, string> environment, ITestOutputHelper output)
    {
        await NodeScripts.InstallAsync(output);
        var start = new ProcessStartInfo("node", script)
        {
            WorkingDirectory = NodeScripts.CompatDirectory(), RedirectStandardOutput = true, RedirectStandardError = true,
        };
        foreach (var (key, value) in environment) start.Environment[key] = value;
        var process = Process.Start(start)!;
        var server = new NodeServer(process, output);
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (server._log) server._log.AppendLine(e.Data);
            if (e.Data.StartsWith('{') && e.Data.Contains("\"ready\":true", StringComparison.Ordinal)) ready.TrySetResult();
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (server._log) server._log.AppendLine("stderr: " + e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var exited = process.WaitForExitAsync();
        if (await Task.WhenAny(ready.Task, exited, Task.Delay(TimeSpan.FromSeconds(30))) != ready.Task)
        {
            await server.DisposeAsync();
            throw new InvalidOperationException($"node {script} did not get ready:\n{server.Log}");
        }
        return server;
    }

    public string Log
    {
        get { lock (_log) return _log.ToString(); }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _output.WriteLine(Log);
        _process.Dispose();
    }
}
