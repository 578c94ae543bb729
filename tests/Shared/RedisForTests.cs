using System.Diagnostics;

namespace RamConsole.Tests.Shared;

/// <summary>A plain redis-server on a free port, without persistence, for the nodes to share; killed at dispose.</summary>
public sealed class RedisForTests : IDisposable
{
    private readonly Process _process;

    public RedisForTests()
    {
        Port = ClusterNodeProcess.FreePort();
        var start = new ProcessStartInfo("redis-server") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "--port", Port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no" }) start.ArgumentList.Add(arg);
        _process = Process.Start(start) ?? throw new InvalidOperationException("redis-server is needed (apt-get install redis-server)");
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var until = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < until)
        {
            try
            {
                using var client = new System.Net.Sockets.TcpClient("127.0.0.1", Port);
                return;
            }
            catch (System.Net.Sockets.SocketException) { Thread.Sleep(50); }
        }
        throw new TimeoutException("redis-server did not start");
    }

    public int Port { get; }

    public string Configuration => $"127.0.0.1:{Port}";

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill();
        _process.Dispose();
    }
}
