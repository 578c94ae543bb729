using RamConsole.Core.Redis;
using RamConsole.Policy.Catalog;
using static RamConsole.Web.Api.Rpc;

namespace RamConsole.Web.Api.Operations;

/// <summary>
/// R-KVStore 2015-01-01: instances and their accounts, shaped as the official <c>@alicloud/r-kvstore20150101</c> SDK
/// reads them (instances as <c>Instances.KVStoreInstance[]</c>, attributes as <c>Instances.DBInstanceAttribute[]</c>,
/// accounts as <c>Accounts.Account[]</c>, CreateAccount's misspelt <c>AcountName</c>), plus RamConsole's
/// CreateTemporaryAccount extension.
/// </summary>
internal static class KvstoreOperations
{
    public static IReadOnlyDictionary<string, ApiOperation> All { get; } = new Dictionary<string, ApiOperation>
    {
        ["CreateInstance"] = Op(KvstoreActions.CreateInstance, async c =>
        {
            var i = await c.Use<CreateRedisInstance>().RunAsync(c.Caller, new(c.Optional("InstanceName"), c.Optional("Password"),
                c.Optional("Capacity") is null ? null : c.Int("Capacity", CreateRedisInstance.DefaultCapacityMb, CreateRedisInstance.MinCapacityMb, CreateRedisInstance.MaxCapacityMb),
                c.Optional("RegionId"), c.Optional("ServerAddress"), c.Optional("AdminUserName"), c.Optional("AdminPassword")), c.CancellationToken);
            return new
            {
                i.InstanceId, i.InstanceName, ConnectionDomain = i.Host, i.Port, UserName = AccountPrivilege.DefaultAccount, InstanceStatus = i.Status, i.RegionId,
                Capacity = (long)i.CapacityMb, Connections = 10_000L, QPS = 0L, Bandwidth = 0L, ChargeType = "PostPaid", NetworkType = "CLASSIC", NodeType = "STAND_ALONE",
                ZoneId = i.RegionId + "-a", Config = "{}", PrivateIpAddr = i.Host,
            };
        }),
        ["DescribeInstances"] = Op(KvstoreActions.DescribeInstances, async c =>
        {
            var pageNumber = c.Int("PageNumber", 1, 1, 100_000);
            var pageSize = c.Int("PageSize", 30, 1, 100);
            var ids = c.Optional("InstanceIds") is { Length: > 0 } list ? list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : null;
            var page = await c.Use<RedisInstanceUseCases>().ListAsync(c.Caller,
                new(c.Optional("RegionId"), ids, c.Optional("InstanceStatus"), c.Optional("SearchKey")), pageNumber, pageSize, c.CancellationToken);
            return new { page.PageNumber, page.PageSize, page.TotalCount, Instances = new { KVStoreInstance = page.Instances.Select(Instance).ToList() } };
        }),
        ["DescribeInstanceAttribute"] = Op(KvstoreActions.DescribeInstanceAttribute, async c => new
        {
            Instances = new { DBInstanceAttribute = new[] { Instance(await c.Use<RedisInstanceUseCases>().GetAsync(c.Caller, c.Required("InstanceId"), c.CancellationToken)) } },
        }),
        ["ModifyInstanceAttribute"] = Op(KvstoreActions.ModifyInstanceAttribute, c =>
            c.Use<RedisInstanceUseCases>().ModifyAsync(c.Caller, c.Required("InstanceId"), c.Optional("InstanceName"), c.Optional("NewPassword"), c.CancellationToken)),
        ["DeleteInstance"] = Op(KvstoreActions.DeleteInstance, c => c.Use<RedisInstanceUseCases>().DeleteAsync(c.Caller, c.Required("InstanceId"), c.CancellationToken)),
        ["RestartInstance"] = Op(KvstoreActions.RestartInstance, async c =>
        {
            var id = c.Required("InstanceId");
            await c.Use<RedisInstanceUseCases>().RestartAsync(c.Caller, id, c.CancellationToken);
            return new { InstanceId = id, TaskId = "" };
        }),
        ["FlushInstance"] = Op(KvstoreActions.FlushInstance, c => c.Use<RedisInstanceUseCases>().FlushAsync(c.Caller, c.Required("InstanceId"), c.CancellationToken)),
        ["DescribeInstanceConfig"] = Op(KvstoreActions.DescribeInstanceConfig, async c => new
        {
            Config = System.Text.Json.JsonSerializer.Serialize(await c.Use<RedisInstanceConfig>().DescribeAsync(c.Caller, c.Required("InstanceId"), c.CancellationToken)),
        }),
        ["ModifyInstanceConfig"] = Op(KvstoreActions.ModifyInstanceConfig, c =>
            c.Use<RedisInstanceConfig>().ModifyAsync(c.Caller, c.Required("InstanceId"), c.Required("Config"), c.CancellationToken)),
        ["CreateAccount"] = Op(KvstoreActions.CreateAccount, async c =>
        {
            var a = await c.Use<RedisAccounts>().CreateAsync(c.Caller, c.Required("InstanceId"), c.Required("AccountName"), c.Required("AccountPassword"),
                c.Optional("AccountPrivilege"), c.Optional("AccountDescription"), c.CancellationToken);
            // Alibaba's response spells it AcountName (and the SDK reads both).
            return new { a.InstanceId, AcountName = a.AccountName, a.AccountName };
        }),
        ["DescribeAccounts"] = Op(KvstoreActions.DescribeAccounts, async c =>
        {
            var accounts = await c.Use<RedisAccounts>().ListAsync(c.Caller, c.Required("InstanceId"), c.Optional("AccountName"), c.CancellationToken);
            return new { Accounts = new { Account = accounts.Select(Account).ToList() } };
        }),
        ["GrantAccountPrivilege"] = Op(KvstoreActions.GrantAccountPrivilege, c =>
            c.Use<RedisAccounts>().GrantAsync(c.Caller, c.Required("InstanceId"), c.Required("AccountName"), c.Required("AccountPrivilege"), c.CancellationToken)),
        ["ResetAccountPassword"] = Op(KvstoreActions.ResetAccountPassword, c =>
            c.Use<RedisAccounts>().ResetPasswordAsync(c.Caller, c.Required("InstanceId"), c.Required("AccountName"), c.Required("AccountPassword"), c.CancellationToken)),
        ["ModifyAccountPassword"] = Op(KvstoreActions.ModifyAccountPassword, c =>
            c.Use<RedisAccounts>().ModifyPasswordAsync(c.Caller, c.Required("InstanceId"), c.Required("AccountName"), c.Required("OldAccountPassword"),
                c.Required("NewAccountPassword"), c.CancellationToken)),
        ["ModifyAccountDescription"] = Op(KvstoreActions.ModifyAccountDescription, c =>
            c.Use<RedisAccounts>().ModifyDescriptionAsync(c.Caller, c.Required("InstanceId"), c.Required("AccountName"), c.Required("AccountDescription"), c.CancellationToken)),
        ["DeleteAccount"] = Op(KvstoreActions.DeleteAccount, c =>
            c.Use<RedisAccounts>().DeleteAsync(c.Caller, c.Required("InstanceId"), c.Required("AccountName"), c.CancellationToken)),
        ["CreateTemporaryAccount"] = Op(KvstoreActions.CreateTemporaryAccount, async c =>
        {
            var t = await c.Use<TemporaryAccounts>().CreateAsync(c.Caller, c.Required("InstanceId"), c.Optional("AccountPrivilege"),
                c.Int("DurationSeconds", TemporaryAccounts.MaxDurationSeconds, TemporaryAccounts.MinDurationSeconds, TemporaryAccounts.MaxDurationSeconds), c.CancellationToken);
            return new
            {
                t.InstanceId, t.AccountName, AccountPassword = t.Password, AccountPrivilege = t.Privilege, Expiration = ApiCall.Date(t.Expiration),
                ConnectionDomain = t.Host, t.Port,
            };
        }),
    };

    private static object Instance(RedisInstanceView i) => new
    {
        i.InstanceId, i.InstanceName, InstanceStatus = i.Status, i.RegionId, ConnectionDomain = i.Host, i.Port, PrivateIp = i.Host, Capacity = (long)i.CapacityMb,
        CreateTime = ApiCall.Date(i.CreatedAt), EngineVersion = "7.0", InstanceType = "Redis", InstanceClass = i.Kind == RedisInstanceKind.Managed ? "ramconsole.managed" : "ramconsole.registered",
        ArchitectureType = "standard", NetworkType = "CLASSIC", ChargeType = "PostPaid", NodeType = "STAND_ALONE", ZoneId = i.RegionId + "-a",
        // RamConsole's own field: who runs the server.
        InstanceKind = i.Kind.ToString(),
    };

    private static object Account(RedisAccountView a) => new
    {
        a.InstanceId, a.AccountName, AccountStatus = a.Status, AccountType = "Normal", AccountDescription = a.Description ?? "",
        DatabasePrivileges = new { DatabasePrivilege = new[] { new { AccountPrivilege = a.Privilege } } },
    };
}
