using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace RamConsole.Core.Redis;

/// <summary>
/// Managed instances: one Debian <c>redis-server</c> per instance, in its own folder with its own config, ACL file,
/// data and log, daemonized so that it outlives a RamConsole restart (the next start adopts it by its pid file).
/// Rules: a process is ours only if its pid file names a live <c>redis-server</c> (a recycled pid is not adopted);
/// the ACL file holds password hashes only; files are readable by this user alone.
/// </summary>
public sealed partial class ManagedRedisHost(IOptions<RedisPlaneOptions> options, RedisConnections connections, ILogger<ManagedRedisHost> logger)
    : IRedisServerHost
{
    private RedisPlaneOptions Options => options.Value;

    public RedisInstanceKind Kind => RedisInstanceKind.Managed;

    /// <summary>Writes the instance's folder: config and an ACL file with the administrative user and the default account.</summary>
    public static void Prepare(RedisInstance instance, string adminPassword, string? defaultPassword)
    {
        var dir = instance.DataDirectory ?? throw new InvalidOperationException("A managed instance has a data directory.");
        Directory.CreateDirectory(dir);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var config = string.Join('\n',
            $"port {instance.Port}",
            $"bind {instance.Host}",
            "protected-mode yes",
            $"dir {dir}",
            $"aclfile {Path.Combine(dir, "users.acl")}",
            $"pidfile {PidFile(instance)}",
            $"logfile {Path.Combine(dir, "redis.log")}",
            "daemonize yes",
            $"maxmemory {instance.CapacityMb.ToString(CultureInfo.InvariantCulture)}mb",
            "");
        var defaultUser = defaultPassword is null
            ? "user default off resetpass ~* &* +@all -@dangerous" // no password yet: nobody can sign in as it
            : $"user default on #{RedisPasswords.Sha256Hex(defaultPassword)} ~* &* +@all -@dangerous";
        var acl = $"user {AccountPrivilege.AdminUser} on #{RedisPasswords.Sha256Hex(adminPassword)} ~* &* +@all\n{defaultUser}\n";
        WritePrivate(Path.Combine(dir, "redis.conf"), config);
        WritePrivate(Path.Combine(dir, "users.acl"), acl);
    }

    /// <summary>The lowest port of the pool that no instance has and that can be bound now.</summary>
    public int FreePort(IReadOnlySet<int> taken)
    {
        for (var port = Options.FirstPort; port <= Options.LastPort; port++)
        {
            if (!taken.Contains(port) && CanBind(port)) return port;
        }
        throw RamErrors.LimitExceeded("Instance.Port", $"No free port is left in {Options.FirstPort}–{Options.LastPort} for another managed instance.");
    }

    public async Task EnsureRunningAsync(RedisInstance instance, CancellationToken cancellationToken)
    {
        if (LivePid(instance) is null) await StartAsync(instance, cancellationToken);
        await WaitUntilAnswersAsync(instance, cancellationToken);
    }

    public Task<bool> IsRunningAsync(RedisInstance instance, CancellationToken cancellationToken) => Task.FromResult(LivePid(instance) is not null);

    public async Task RestartAsync(RedisInstance instance, CancellationToken cancellationToken)
    {
        await StopAsync(instance, cancellationToken);
        await EnsureRunningAsync(instance, cancellationToken);
    }

    public async Task RetireAsync(RedisInstance instance, CancellationToken cancellationToken)
    {
        await StopAsync(instance, cancellationToken);
        await connections.DropAsync(instance.InstanceId);
        if (instance.DataDirectory is { } dir && Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
    }

    private async Task StartAsync(RedisInstance instance, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Options.ServerPath, [Path.Combine(instance.DataDirectory!, "redis.conf")])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        Process process;
        try
        {
            process = Process.Start(start) ?? throw Failed(instance, "redis-server could not be started");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw Failed(instance, $"{Options.ServerPath} cannot be run ({e.Message}); install it (apt-get install redis-server) or set RedisPlane:ServerPath");
        }
        using var _ = process;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Options.StartTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token); // daemonize: the parent exits once the server has forked
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            process.Kill();
            throw Failed(instance, $"redis-server did not start within {Options.StartTimeout.TotalSeconds:0} s");
        }
        if (process.ExitCode != 0) throw Failed(instance, $"redis-server exited with {process.ExitCode}: {LogTail(instance)}");
        Log.Started(logger, instance.InstanceId, instance.Port);
    }

    private async Task WaitUntilAnswersAsync(RedisInstance instance, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < Options.StartTimeout)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (LivePid(instance) is not null)
            {
                try
                {
                    if (await (await connections.ForAsync(instance, cancellationToken)).PingAsync()) return;
                }
                catch (RamException)
                {
                    // not listening yet
                }
            }
            await Task.Delay(20, cancellationToken);
        }
        throw Failed(instance, $"redis-server did not answer within {Options.StartTimeout.TotalSeconds:0} s: {LogTail(instance)}");
    }

    private async Task StopAsync(RedisInstance instance, CancellationToken cancellationToken)
    {
        if (LivePid(instance) is not { } pid) return;
        Signal(pid, 15); // SIGTERM: redis-server saves (if configured) and exits
        for (var i = 0; i < 250 && IsRedisServer(pid); i++) await Task.Delay(20, cancellationToken);
        if (IsRedisServer(pid)) Signal(pid, 9);
        for (var i = 0; i < 100 && IsRedisServer(pid); i++) await Task.Delay(20, cancellationToken);
        Log.Stopped(logger, instance.InstanceId, pid);
    }

    /// <summary>The pid of the instance's live redis-server, by its pid file; null when none runs.</summary>
    public static int? LivePid(RedisInstance instance)
    {
        if (instance.DataDirectory is null) return null;
        try
        {
            var text = File.ReadAllText(PidFile(instance)).Trim();
            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && IsRedisServer(pid) ? pid : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    // A pid is ours only while /proc says it runs redis-server (pids are recycled); a zombie counts as gone.
    private static bool IsRedisServer(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat.LastIndexOf(')') is var close and > 0 && close + 2 < stat.Length ? stat[close + 2] : 'X';
            return state is not ('Z' or 'X') && File.ReadAllText($"/proc/{pid}/cmdline").Contains("redis-server", StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static string PidFile(RedisInstance instance) => Path.Combine(instance.DataDirectory!, "redis.pid");

    private static string LogTail(RedisInstance instance)
    {
        try
        {
            var lines = File.ReadAllLines(Path.Combine(instance.DataDirectory!, "redis.log"));
            return string.Join(" | ", lines.TakeLast(3));
        }
        catch (IOException)
        {
            return "(no log)";
        }
    }

    private bool CanBind(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Parse(Options.BindAddress), port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static void WritePrivate(string path, string text)
    {
        File.WriteAllText(path, text);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    private static RamException Failed(RedisInstance instance, string why) =>
        new("InstanceStartFailed", $"The instance {instance.InstanceId} could not be started: {why}", 503);

    private static void Signal(int pid, int signal) => _ = kill(pid, signal);

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Redis instance {InstanceId} started on port {Port}")]
        public static partial void Started(ILogger logger, string instanceId, int port);

        [LoggerMessage(Level = LogLevel.Information, Message = "Redis instance {InstanceId} (pid {Pid}) stopped")]
        public static partial void Stopped(ILogger logger, string instanceId, int pid);
    }
}
