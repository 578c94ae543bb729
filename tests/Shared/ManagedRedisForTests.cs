using System.Diagnostics;

namespace RamConsole.Tests.Shared;

/// <summary>
/// Settings that give a test host its own port block for managed Redis instances, and the clean-up that stops every
/// redis-server a test host started (they are daemons: they would outlive the test otherwise). A missing
/// redis-server fails the tests that create instances — it never skips them.
/// </summary>
public static class ManagedRedisForTests
{
    private static int _block = Random.Shared.Next(0, 300);

    /// <summary>RedisPlane settings for a host whose data lives in <paramref name="directory"/>: 40 ports of their own.</summary>
    public static Dictionary<string, string?> Settings(string directory)
    {
        var first = 20_000 + (Interlocked.Increment(ref _block) % 900) * 40;
        return new()
        {
            ["RedisPlane:DataDirectory"] = Path.Combine(directory, "redis"),
            ["RedisPlane:FirstPort"] = first.ToString(),
            ["RedisPlane:LastPort"] = (first + 39).ToString(),
            ["RedisPlane:SupervisionInterval"] = "00:00:00.500",
            ["RedisPlane:SweepInterval"] = "00:00:00.200",
        };
    }

    /// <summary>Kills every redis-server whose pid file lies under <paramref name="directory"/>.</summary>
    public static void StopAll(string directory)
    {
        var root = Path.Combine(directory, "redis");
        if (!Directory.Exists(root)) return;
        foreach (var pidFile in Directory.EnumerateFiles(root, "redis.pid", SearchOption.AllDirectories))
        {
            try
            {
                using var process = Process.GetProcessById(int.Parse(File.ReadAllText(pidFile).Trim()));
                if (process.ProcessName.Contains("redis", StringComparison.Ordinal)) process.Kill();
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException or FormatException)
            {
                // already gone
            }
        }
    }
}
