namespace RamConsole.Core.Redis;

/// <summary>
/// DescribeInstances, DescribeInstanceAttribute, ModifyInstanceAttribute, RestartInstance, FlushInstance and
/// DeleteInstance: each decided as its own <c>kvstore:</c> action on the instance's ARN before anything is looked up,
/// and audited (restart and flush change no row, but are changes all the same).
/// </summary>
public sealed class RedisInstanceUseCases(RedisPlane plane, RedisInstanceConfig config)
{
    public async Task<RedisInstanceListing> ListAsync(Caller caller, RedisInstanceFilter filter, int pageNumber, int pageSize, CancellationToken cancellationToken = default)
    {
        var region = plane.Region(filter.RegionId);
        await using var db = await plane.Services.BeginReadAsync(caller, KvstoreActions.DescribeInstances, plane.AnyInstanceArn(region), cancellationToken);
        var query = db.RedisInstances.AsNoTracking().Where(i => i.RegionId == region);
        if (filter.InstanceIds is { Count: > 0 } ids) query = query.Where(i => ids.Contains(i.InstanceId));
        if (filter.SearchKey is { Length: > 0 } key) query = query.Where(i => i.InstanceId.Contains(key) || i.InstanceName.Contains(key));
        // The status is the supervisor's, in memory: the (account-sized) list is filtered after the query.
        var rows = await query.OrderByDescending(i => i.CreatedAt).ThenBy(i => i.InstanceId).ToListAsync(cancellationToken);
        var views = rows.Select(i => View(plane, i)).Where(v => filter.InstanceStatus is not { Length: > 0 } s || v.Status == s).ToList();
        return new RedisInstanceListing(views.Skip((pageNumber - 1) * pageSize).Take(pageSize).ToList(), pageNumber, pageSize, views.Count);
    }

    public async Task<RedisInstanceView> GetAsync(Caller caller, string instanceId, CancellationToken cancellationToken = default)
    {
        var (db, instance) = await plane.BeginReadOfAsync(caller, KvstoreActions.DescribeInstanceAttribute, instanceId, cancellationToken);
        await using (db) return View(plane, instance);
    }

    /// <summary>ModifyInstanceAttribute: a new name, and/or a new default-account password (its open connections are ended).</summary>
    public async Task<RedisInstanceView> ModifyAsync(Caller caller, string instanceId, string? newName, string? newPassword,
        CancellationToken cancellationToken = default)
    {
        var (change, instance) = await plane.BeginChangeOfAsync(caller, KvstoreActions.ModifyInstanceAttribute, instanceId, cancellationToken);
        await using (change)
        {
            var name = CreateRedisInstance.InstanceName(newName);
            var password = newPassword is null ? null : RedisPasswords.Validate(newPassword, "NewPassword");
            var before = new { instance.InstanceName, instance.DefaultPasswordSetAt };
            if (name is not null) instance.InstanceName = name;
            if (password is not null)
            {
                await (await plane.CommandsAsync(instance, cancellationToken)).SetDefaultPasswordAsync(password);
                instance.DefaultPasswordSetAt = plane.Services.Time.GetUtcNow();
                // A registered server given no default password at registration has no default account row yet.
                if (!await change.Db.RedisAccounts.AnyAsync(a => a.InstanceId == instance.InstanceId && a.AccountName == AccountPrivilege.DefaultAccount, cancellationToken))
                    change.Db.RedisAccounts.Add(RedisAccount.Default(instance.InstanceId, instance.DefaultPasswordSetAt.Value));
            }
            await change.CommitAsync(before, new { instance.InstanceName, instance.DefaultPasswordSetAt, PasswordChanged = password is not null }, cancellationToken);
            return View(plane, instance);
        }
    }

    /// <summary>RestartInstance: a managed process is stopped and started again (accounts and config survive); a registered server is refused.</summary>
    public async Task RestartAsync(Caller caller, string instanceId, CancellationToken cancellationToken = default)
    {
        var (change, instance) = await plane.BeginChangeOfAsync(caller, KvstoreActions.RestartInstance, instanceId, cancellationToken);
        await using (change)
        {
            var host = plane.HostOf(instance);
            plane.Statuses.Set(instance.InstanceId, RedisInstanceStatus.Restarting);
            try
            {
                await host.RestartAsync(instance, cancellationToken);
                await config.ApplyStoredAsync(instance, cancellationToken);
            }
            finally
            {
                plane.Statuses.Set(instance.InstanceId, await host.IsRunningAsync(instance, cancellationToken) ? RedisInstanceStatus.Normal : RedisInstanceStatus.Unavailable);
            }
            await change.CommitAsync(null, new { instance.InstanceId, Restarted = true }, cancellationToken);
        }
    }

    /// <summary>FlushInstance: every key of every database is deleted (FLUSHALL as RamConsole's own user).</summary>
    public async Task FlushAsync(Caller caller, string instanceId, CancellationToken cancellationToken = default)
    {
        var (change, instance) = await plane.BeginChangeOfAsync(caller, KvstoreActions.FlushInstance, instanceId, cancellationToken);
        await using (change)
        {
            await (await plane.CommandsAsync(instance, cancellationToken)).FlushAllAsync();
            await change.CommitAsync(null, new { instance.InstanceId, Flushed = true }, cancellationToken);
        }
    }

    /// <summary>
    /// DeleteInstance: a managed process is stopped and its folder removed; on a registered server the accounts
    /// RamConsole created are removed (their connections end) and the server is left running. The server side goes
    /// first, so a failed delete never leaves a running server that RamConsole no longer knows.
    /// </summary>
    public async Task DeleteAsync(Caller caller, string instanceId, CancellationToken cancellationToken = default)
    {
        var (change, instance) = await plane.BeginChangeOfAsync(caller, KvstoreActions.DeleteInstance, instanceId, cancellationToken, withAccounts: true);
        await using (change)
        {
            if (instance.Kind == RedisInstanceKind.Registered)
            {
                var commands = await plane.CommandsAsync(instance, cancellationToken);
                foreach (var account in instance.Accounts.Where(a => a.AccountName != AccountPrivilege.DefaultAccount)) await commands.RemoveUserAsync(account.AccountName);
                await commands.SaveAclAsync();
            }
            await plane.HostOf(instance).RetireAsync(instance, cancellationToken);
            change.Db.RedisInstances.Remove(instance);
            await change.CommitAsync(CreateRedisInstance.Audited(instance), null, cancellationToken);
            plane.Statuses.Forget(instance.InstanceId);
        }
    }

    public static RedisInstanceView View(RedisPlane plane, RedisInstance i) => new(i.InstanceId, i.InstanceName, i.Kind, i.RegionId, i.Host, i.Port,
        i.CapacityMb, plane.Statuses.Of(i.InstanceId), i.CreatedAt, i.DefaultPasswordSetAt, plane.Arn(i));
}
