using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RamConsole.Core.Redis;

/// <summary>
/// DescribeInstanceConfig / ModifyInstanceConfig over an allow-list: only parameters that tune behaviour, none that
/// could open the server (bind, protected-mode, dir, aclfile, requirepass, rename-command…). Each value is checked
/// here before it reaches CONFIG SET; the set values are stored and applied again after every (re)start.
/// </summary>
public sealed class RedisInstanceConfig(RedisPlane plane)
{
    /// <summary>Parameter → whether a value is acceptable.</summary>
    public static readonly IReadOnlyDictionary<string, Func<string, bool>> Allowed = new Dictionary<string, Func<string, bool>>(StringComparer.Ordinal)
    {
        ["maxmemory-policy"] = v => v is "noeviction" or "allkeys-lru" or "volatile-lru" or "allkeys-lfu" or "volatile-lfu" or "allkeys-random"
            or "volatile-random" or "volatile-ttl",
        ["timeout"] = v => Int(v, 0, 100_000),
        ["notify-keyspace-events"] = v => v.Length <= 16 && v.All(c => "KEg$lshzxentdmA".Contains(c)),
        ["slowlog-log-slower-than"] = v => Int(v, -1, 10_000_000),
        ["slowlog-max-len"] = v => Int(v, 0, 10_000),
        ["hz"] = v => Int(v, 1, 500),
        ["lazyfree-lazy-eviction"] = v => v is "yes" or "no",
    };

    public async Task<IReadOnlyDictionary<string, string>> DescribeAsync(Caller caller, string instanceId, CancellationToken cancellationToken = default)
    {
        var (db, instance) = await plane.BeginReadOfAsync(caller, KvstoreActions.DescribeInstanceConfig, instanceId, cancellationToken);
        await using (db) return await (await plane.CommandsAsync(instance, cancellationToken)).ConfigGetAsync(Allowed.Keys);
    }

    /// <summary>ModifyInstanceConfig: <paramref name="configJson"/> is a JSON object of parameter → value (Alibaba's Config).</summary>
    public async Task ModifyAsync(Caller caller, string instanceId, string? configJson, CancellationToken cancellationToken = default)
    {
        var (change, instance) = await plane.BeginChangeOfAsync(caller, KvstoreActions.ModifyInstanceConfig, instanceId, cancellationToken);
        await using (change)
        {
            var wanted = Parse(configJson);
            var commands = await plane.CommandsAsync(instance, cancellationToken);
            var before = await commands.ConfigGetAsync(wanted.Keys);
            foreach (var (name, value) in wanted) await commands.ConfigSetAsync(name, value);
            var stored = Stored(instance);
            foreach (var (name, value) in wanted) stored[name] = value;
            instance.ConfigJson = JsonSerializer.Serialize(stored);
            await change.CommitAsync(before, wanted, cancellationToken);
        }
    }

    /// <summary>Sets the stored parameters on a server that has just (re)started.</summary>
    public async Task ApplyStoredAsync(RedisInstance instance, CancellationToken cancellationToken)
    {
        var stored = Stored(instance);
        if (stored.Count == 0) return;
        var commands = await plane.CommandsAsync(instance, cancellationToken);
        foreach (var (name, value) in stored) await commands.ConfigSetAsync(name, value);
    }

    private static Dictionary<string, string> Stored(RedisInstance instance) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(instance.ConfigJson) ?? [];

    internal static Dictionary<string, string> Parse(string? json)
    {
        JsonObject? obj;
        try
        {
            obj = string.IsNullOrWhiteSpace(json) ? null : JsonNode.Parse(json) as JsonObject;
        }
        catch (JsonException)
        {
            obj = null;
        }
        if (obj is null || obj.Count == 0)
            throw RamErrors.Invalid("InvalidParameter.Config", "Config is a JSON object of parameter names and values, e.g. {\"maxmemory-policy\":\"allkeys-lru\"}.", "Config");
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, node) in obj)
        {
            var value = node is JsonValue v ? v.ToString() : null;
            if (!Allowed.TryGetValue(name, out var ok))
                throw RamErrors.Invalid("InvalidParameter.Config", $"{name} cannot be changed here; allowed: {string.Join(", ", Allowed.Keys)}.", "Config");
            if (value is null || !ok(value)) throw RamErrors.Invalid("InvalidParameter.Config", $"{value} is not a valid value for {name}.", "Config");
            values[name] = value;
        }
        return values;
    }

    private static bool Int(string v, long min, long max) =>
        long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max;
}
