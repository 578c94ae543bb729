using RamConsole.Web.Api.Operations;

namespace RamConsole.Web.Api;

/// <summary>
/// The RPC operations by (Version, Action). Each calls the same use case (and so the same gate and audit) as the
/// console, and shapes the result as Alibaba's API does (lists wrapped as <c>{"Users":{"User":[…]}}</c>, always arrays).
/// </summary>
public static class ApiOperations
{
    public const string Ram = "2015-05-01", Sts = "2015-04-01", Ims = "2019-08-15", Kvstore = "2015-01-01";

    private static readonly Dictionary<(string Version, string Name), ApiOperation> Handlers = Build();

    public static ApiOperation? Find(string version, string name) => Handlers.GetValueOrDefault((version, name));

    /// <summary>Every operation by (Version, Action parameter), with the action it is decided as.</summary>
    public static IReadOnlyDictionary<(string Version, string Name), ApiOperation> All => Handlers;

    private static Dictionary<(string, string), ApiOperation> Build()
    {
        var handlers = new Dictionary<(string, string), ApiOperation>();
        void Add(string version, IReadOnlyDictionary<string, ApiOperation> operations)
        {
            foreach (var (name, operation) in operations) handlers.Add((version, name), operation);
        }
        Add(Ram, UserOperations.All);
        Add(Ram, GroupOperations.All);
        Add(Ram, RoleOperations.All);
        Add(Ram, PolicyOperations.All);
        Add(Ram, AccountOperations.All);
        Add(Ram, SimulationOperations.All);
        Add(Ram, SecurityOperations.All);
        Add(Sts, StsOperations.All);
        Add(Ims, ImsOperations.All);
        Add(Ims, SsoProviderOperations.All);
        Add(Kvstore, KvstoreOperations.All);
        return handlers;
    }
}
