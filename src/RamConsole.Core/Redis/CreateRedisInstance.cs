namespace RamConsole.Core.Redis;

/// <summary>CreateInstance's input: a managed instance, or — with <see cref="ServerAddress"/> — a registered server (a RamConsole extension).</summary>
public sealed record CreateRedisInstanceRequest(
    string? InstanceName,
    [property: Audit.Secret] string? Password,
    int? CapacityMb = null,
    string? RegionId = null,
    string? ServerAddress = null,
    string? AdminUserName = null,
    [property: Audit.Secret] string? AdminPassword = null);

/// <summary>
/// CreateInstance, decided as <c>kvstore:CreateInstance</c> on <c>instance/*</c> of the region. A managed instance gets
/// a port from the pool, its own folder and process, started and answering before the row commits; a registered
/// server must answer as the given administrative user and be Redis ≥ 6. Nothing is left behind on failure: a
/// started process is stopped again when the commit fails.
/// </summary>
public sealed class CreateRedisInstance(RedisPlane plane)
{
    public const int MinCapacityMb = 16, MaxCapacityMb = 65_536, DefaultCapacityMb = 256;

    public async Task<RedisInstanceView> RunAsync(Caller caller, CreateRedisInstanceRequest request, CancellationToken cancellationToken = default)
    {
        var region = plane.Region(request.RegionId);
        await using var change = await plane.Services.BeginChangeAsync(caller, KvstoreActions.CreateInstance, plane.AnyInstanceArn(region), cancellationToken);
        var id = RedisIds.NewInstanceId();
        var name = InstanceName(request.InstanceName) ?? id;
        var password = request.Password is null ? null : RedisPasswords.Validate(request.Password, "Password");
        var capacity = request.CapacityMb ?? DefaultCapacityMb;
        if (capacity is < MinCapacityMb or > MaxCapacityMb)
            throw RamErrors.Invalid("InvalidCapacity.NotSupported", $"Capacity is from {MinCapacityMb} to {MaxCapacityMb} MB.", "Capacity");
        var now = plane.Services.Time.GetUtcNow();

        var instance = request.ServerAddress is { Length: > 0 }
            ? await RegisteredAsync(change.Db, id, name, region, request, cancellationToken)
            : await ManagedAsync(change.Db, id, name, region, capacity, password, cancellationToken);
        instance.CreatedAt = now;
        var host = plane.HostOf(instance);
        try
        {
            await host.EnsureRunningAsync(instance, cancellationToken);
            // A managed server's ACL file was written with the default password; a registered one's is set now.
            if (instance.Kind == RedisInstanceKind.Registered && password is not null)
                await (await plane.CommandsAsync(instance, cancellationToken)).SetDefaultPasswordAsync(password);
            if (password is not null || instance.Kind == RedisInstanceKind.Managed)
            {
                instance.DefaultPasswordSetAt = password is null ? null : now;
                instance.Accounts.Add(RedisAccount.Default(id, now));
            }
            change.Db.RedisInstances.Add(instance);
            await change.CommitAsync(null, Audited(instance), cancellationToken);
        }
        catch
        {
            await host.RetireAsync(instance, CancellationToken.None);
            throw;
        }
        plane.Statuses.Set(id, RedisInstanceStatus.Normal);
        return RedisInstanceUseCases.View(plane, instance);
    }

    private async Task<RedisInstance> ManagedAsync(Persistence.RamDbContext db, string id, string name, string region, int capacity, string? password,
        CancellationToken cancellationToken)
    {
        var bind = plane.Options.BindAddress;
        var taken = (await db.RedisInstances.Where(i => i.Host == bind).Select(i => i.Port).ToListAsync(cancellationToken)).ToHashSet();
        var adminPassword = RedisPasswords.Generate();
        var instance = new RedisInstance
        {
            InstanceId = id, InstanceName = name, Kind = RedisInstanceKind.Managed, RegionId = region, Host = bind,
            Port = plane.Managed.FreePort(taken), CapacityMb = capacity, AdminUser = AccountPrivilege.AdminUser,
            ProtectedAdminPassword = plane.Connections.Protect(adminPassword), DataDirectory = Path.Combine(plane.Options.DataDirectory, id),
        };
        ManagedRedisHost.Prepare(instance, adminPassword, password);
        return instance;
    }

    private async Task<RedisInstance> RegisteredAsync(Persistence.RamDbContext db, string id, string name, string region, CreateRedisInstanceRequest request,
        CancellationToken cancellationToken)
    {
        var (host, port) = ServerAddress(request.ServerAddress!);
        var user = request.AdminUserName is { Length: > 0 } u ? u : throw RamErrors.Invalid("MissingAdminUserName", "AdminUserName is required to register a server.", "AdminUserName");
        var secret = request.AdminPassword is { Length: > 0 } p ? p : throw RamErrors.Invalid("MissingAdminPassword", "AdminPassword is required to register a server.", "AdminPassword");
        if (await db.RedisInstances.AnyAsync(i => i.Host == host && i.Port == port, cancellationToken))
            throw RamErrors.Invalid("InvalidServerAddress.Duplicate", $"{host}:{port} is already an instance here.", "ServerAddress");
        StackExchange.Redis.ConnectionMultiplexer probe;
        try
        {
            probe = await RedisConnections.ConnectAsync(host, port, user, secret, probe: true);
        }
        catch (StackExchange.Redis.RedisConnectionException)
        {
            throw Unreachable(host, port, user);
        }
        await using (probe)
        {
            var commands = new RedisServerCommands(probe, new RedisInstance
            {
                InstanceId = id, InstanceName = name, RegionId = region, Host = host, Port = port, AdminUser = user, ProtectedAdminPassword = "",
            });
            if (!await commands.PingAsync()) throw Unreachable(host, port, user);
            if (await commands.VersionAsync() is not { Major: >= 6 })
                throw RamErrors.Invalid("InvalidServerAddress.Version", "A registered server must be Redis 6 or later (accounts are ACL users).", "ServerAddress");
        }
        return new RedisInstance
        {
            InstanceId = id, InstanceName = name, Kind = RedisInstanceKind.Registered, RegionId = region, Host = host, Port = port,
            AdminUser = user, ProtectedAdminPassword = plane.Connections.Protect(secret),
        };
    }

    /// <summary>Alibaba's rule: 2–80 characters, starting with a letter; letters, digits, '_', '-' and '.'. Null: none given.</summary>
    public static string? InstanceName(string? value)
    {
        if (string.IsNullOrEmpty(value)) return null;
        if (value.Length is < 2 or > 80 || !char.IsLetter(value[0]) || value.Any(c => !(char.IsLetterOrDigit(c) || c is '_' or '-' or '.')))
            throw RamErrors.Invalid("InvalidInstanceName.Malformed", "InstanceName is 2 to 80 characters, starts with a letter, and has only letters, digits, '_', '-' and '.'.", "InstanceName");
        return value;
    }

    private static RamException Unreachable(string host, int port, string user) =>
        RamErrors.Invalid("InvalidServerAddress.Unreachable", $"{host}:{port} did not answer as {user} (address, user or password wrong).", "ServerAddress");

    private static (string Host, int Port) ServerAddress(string value)
    {
        var colon = value.LastIndexOf(':');
        if (colon > 0 && int.TryParse(value[(colon + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port)
            && port is > 0 and < 65536 && Uri.CheckHostName(value[..colon]) != UriHostNameType.Unknown)
            return (value[..colon], port);
        throw RamErrors.Invalid("InvalidServerAddress.Malformed", "ServerAddress is host:port.", "ServerAddress");
    }

    internal static object Audited(RedisInstance i) => new { i.InstanceId, i.InstanceName, Kind = i.Kind.ToString(), i.RegionId, Address = $"{i.Host}:{i.Port}", i.CapacityMb };
}
