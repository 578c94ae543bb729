using Microsoft.Extensions.Options;
using RamConsole.Core.Persistence;

namespace RamConsole.Core.Redis;

/// <summary>
/// What the Redis use cases share: the instance ARN each action is decided on, the host of each kind, the
/// administrative commands of an instance, and its runtime status. The ARN names the instance's region, which the
/// gate needs before anything is looked up: <see cref="InstanceRegions"/> holds it in memory (an unknown id is decided
/// in the default region, then reported as not found).
/// </summary>
public sealed class RedisPlane(
    UseCaseServices services,
    IOptions<RedisPlaneOptions> options,
    InstanceRegions regions,
    ManagedRedisHost managed,
    RegisteredRedisHost registered,
    RedisConnections connections,
    RedisInstanceStatus statuses)
{
    public UseCaseServices Services { get; } = services;
    public RedisPlaneOptions Options => options.Value;
    public RedisInstanceStatus Statuses { get; } = statuses;
    public RedisConnections Connections { get; } = connections;
    public ManagedRedisHost Managed { get; } = managed;

    public IRedisServerHost HostOf(RedisInstance instance) => instance.Kind == RedisInstanceKind.Managed ? Managed : registered;

    /// <summary>A configured region, or the default when none is given; another is <c>InvalidRegionId.NotFound</c>.</summary>
    public string Region(string? regionId)
    {
        if (string.IsNullOrEmpty(regionId)) return Options.DefaultRegion;
        return Options.Regions.Contains(regionId, StringComparer.Ordinal)
            ? regionId
            : throw new RamException("InvalidRegionId.NotFound", $"The region {regionId} is not one of this installation's ({string.Join(", ", Options.Regions)}).", 404, "RegionId");
    }

    public string AnyInstanceArn(string region) => RedisIds.AnyInstanceArn(region, Services.Account.AccountId);

    public string Arn(RedisInstance instance) => RedisIds.InstanceArn(instance.RegionId, Services.Account.AccountId, instance.InstanceId);

    /// <summary>The ARN an action on <paramref name="instanceId"/> is decided on (checked for shape, so no pattern slips into it).</summary>
    public async Task<string> ArnAsync(string? instanceId, CancellationToken cancellationToken)
    {
        var id = InstanceId(instanceId);
        var region = await regions.ForAsync(id, cancellationToken) ?? Options.DefaultRegion;
        return RedisIds.InstanceArn(region, Services.Account.AccountId, id);
    }

    public static string InstanceId(string? value) => RedisIds.IsInstanceId(value)
        ? value!
        : value is { Length: > 0 } ? throw NotFound(value) : throw RamErrors.Invalid("MissingInstanceId", "InstanceId is required.", "InstanceId");

    public static async Task<RedisInstance> FindAsync(RamDbContext db, string instanceId, CancellationToken cancellationToken, bool withAccounts = false)
    {
        IQueryable<RedisInstance> query = withAccounts ? db.RedisInstances.Include(i => i.Accounts) : db.RedisInstances;
        return await query.SingleOrDefaultAsync(i => i.InstanceId == instanceId, cancellationToken) ?? throw NotFound(instanceId);
    }

    /// <summary>
    /// Decides <paramref name="action"/> on the instance's ARN, then opens a change holding the instance (which
    /// throws InvalidInstanceId.NotFound for a stranger; the change is then closed again, unwritten).
    /// </summary>
    public async Task<(Changes.Change Change, RedisInstance Instance)> BeginChangeOfAsync(Caller caller, string action, string? instanceId,
        CancellationToken cancellationToken, bool withAccounts = false, IReadOnlyDictionary<string, string>? extraContext = null)
    {
        var id = InstanceId(instanceId);
        return await Services.BeginChangeOfAsync(caller, action, await ArnAsync(id, cancellationToken),
            db => FindAsync(db, id, cancellationToken, withAccounts), cancellationToken, extraContext: extraContext);
    }

    /// <summary>Decides <paramref name="action"/> on the instance's ARN, then reads the instance; the caller disposes the context.</summary>
    public async Task<(RamDbContext Db, RedisInstance Instance)> BeginReadOfAsync(Caller caller, string action, string? instanceId, CancellationToken cancellationToken)
    {
        var id = InstanceId(instanceId);
        var db = await Services.BeginReadAsync(caller, action, await ArnAsync(id, cancellationToken), cancellationToken);
        try
        {
            return (db, await FindAsync(db, id, cancellationToken));
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Adds an ACL user on the server, then commits the row that records it; a failed commit removes the user again,
    /// so the server never keeps an account RamConsole does not know. The ACL file is saved once both are done.
    /// </summary>
    public static async Task AddUserThenCommitAsync(RedisServerCommands commands, string user, string[] rules, Func<Task> commit)
    {
        await commands.SetUserAsync(user, rules);
        try
        {
            await commit();
        }
        catch
        {
            await commands.RemoveUserAsync(user);
            throw;
        }
        await commands.SaveAclAsync();
    }

    public static RamException NotFound(string instanceId) =>
        new("InvalidInstanceId.NotFound", $"The specified instance {instanceId} does not exist.", 404, "InstanceId");

    public Task<RedisServerCommands> CommandsAsync(RedisInstance instance, CancellationToken cancellationToken) => Connections.ForAsync(instance, cancellationToken);
}
