using StackExchange.Redis;

namespace RamConsole.Core.Redis;

/// <summary>The administrative commands RamConsole sends to an instance's server (over <see cref="RedisConnections"/>).</summary>
public sealed class RedisServerCommands(ConnectionMultiplexer multiplexer, RedisInstance instance)
{
    private IServer Server => multiplexer.GetServer(instance.Host, instance.Port);

    private async Task<RedisResult> RunAsync(string command, params object[] args)
    {
        try
        {
            return await Server.ExecuteAsync(command, args);
        }
        catch (RedisConnectionException)
        {
            throw RedisConnections.Unavailable(instance);
        }
        catch (RedisTimeoutException)
        {
            throw RedisConnections.Unavailable(instance);
        }
    }

    public async Task<bool> PingAsync()
    {
        try
        {
            return (await Server.ExecuteAsync("PING")).ToString() == "PONG";
        }
        catch (Exception e) when (e is RedisException or RedisTimeoutException or RedisConnectionException)
        {
            return false;
        }
    }

    public Task SetUserAsync(string user, IEnumerable<string> rules) => RunAsync("ACL", ["SETUSER", user, .. rules]);

    /// <summary>Gives the default account <paramref name="password"/> (read-write), ends the sessions signed in the old way, saves the ACL file.</summary>
    public async Task SetDefaultPasswordAsync(string password)
    {
        await SetUserAsync(AccountPrivilege.DefaultAccount, AccountPrivilege.Rules(AccountPrivilege.ReadWrite, RedisPasswords.Sha256Hex(password)));
        await KillConnectionsAsync(AccountPrivilege.DefaultAccount);
        await SaveAclAsync();
    }

    /// <summary>Refuses new sign-ins, ends the user's connections, then deletes the user (Redis also ends connections on delete).</summary>
    public async Task RemoveUserAsync(string user)
    {
        await RunAsync("ACL", "SETUSER", user, "off");
        await KillConnectionsAsync(user);
        await RunAsync("ACL", "DELUSER", user);
    }

    /// <summary>CLIENT KILL USER: a password reset or a removal must not leave sessions signed in the old way.</summary>
    public async Task<long> KillConnectionsAsync(string user)
    {
        try
        {
            return (long)await RunAsync("CLIENT", "KILL", "USER", user);
        }
        catch (RedisServerException e) when (e.Message.Contains("No such user", StringComparison.OrdinalIgnoreCase))
        {
            return 0;
        }
    }

    /// <summary>ACL SAVE, so accounts survive a restart; false when the server was started without an ACL file (a registered one may be).</summary>
    public async Task<bool> SaveAclAsync()
    {
        try
        {
            await RunAsync("ACL", "SAVE");
            return true;
        }
        catch (RedisServerException e) when (e.Message.Contains("ACL file", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
    }

    /// <summary>The SHA-256 hashes of the user's passwords, as ACL GETUSER reports them; null when no such user.</summary>
    public async Task<IReadOnlyList<string>?> PasswordHashesAsync(string user)
    {
        var result = await RunAsync("ACL", "GETUSER", user);
        if (result.IsNull) return null;
        var fields = (RedisResult[])result!;
        for (var i = 0; i + 1 < fields.Length; i += 2)
        {
            if (fields[i].ToString() == "passwords") return [.. ((RedisResult[])fields[i + 1]!).Select(p => p.ToString()!)];
        }
        return [];
    }

    public async Task<IReadOnlyDictionary<string, string>> ConfigGetAsync(IEnumerable<string> names)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var pairs = (RedisResult[])(await RunAsync("CONFIG", "GET", name))!;
            for (var i = 0; i + 1 < pairs.Length; i += 2) values[pairs[i].ToString()!] = pairs[i + 1].ToString()!;
        }
        return values;
    }

    public Task ConfigSetAsync(string name, string value) => RunAsync("CONFIG", "SET", name, value);

    public Task FlushAllAsync() => RunAsync("FLUSHALL");

    /// <summary>The users of the connections open now (CLIENT LIST's <c>user=</c> field), RamConsole's own left out.</summary>
    public async Task<IReadOnlySet<string>> ConnectedUsersAsync()
    {
        var text = (await RunAsync("CLIENT", "LIST")).ToString() ?? "";
        var users = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var field in line.Split(' '))
            {
                if (field.StartsWith("user=", StringComparison.Ordinal) && field.Length > 5 && field[5..] != AccountPrivilege.AdminUser) users.Add(field[5..]);
            }
        }
        return users;
    }

    /// <summary>The server's version (INFO server), to refuse a registered server older than Redis 6 (no ACLs).</summary>
    public async Task<Version?> VersionAsync()
    {
        var info = (await RunAsync("INFO", "server")).ToString() ?? "";
        var line = info.Split('\n').FirstOrDefault(l => l.StartsWith("redis_version:", StringComparison.Ordinal));
        return line is not null && Version.TryParse(line["redis_version:".Length..].Trim(), out var v) ? v : null;
    }
}
