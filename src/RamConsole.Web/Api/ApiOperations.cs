using RamConsole.Web.Api.Operations;

namespace RamConsole.Web.Api;

/// <summary>
/// The RPC operations by (Version, Action). Each calls the same use case (and so the same gate and audit) as the
/// console, and shapes the result as Alibaba's API does (lists wrapped as <c>{"Users":{"User":[…]}}</c>, always arrays).
/// </summary>
public static class ApiOperations
{
    public const string Ram = "2015-05-01", Sts = "2015-04-01", Ims = "2019-08-15";

    private static readonly Dictionary<(string Version, string Action), Func<ApiCall, Task<object>>> Handlers = Build();

    public static Func<ApiCall, Task<object>>? Find(string version, string action) => Handlers.GetValueOrDefault((version, action));

    public static IEnumerable<(string Version, string Action)> All => Handlers.Keys;

    private static Dictionary<(string, string), Func<ApiCall, Task<object>>> Build()
    {
        var handlers = new Dictionary<(string, string), Func<ApiCall, Task<object>>>();
        void Add(string version, IReadOnlyDictionary<string, Func<ApiCall, Task<object>>> operations)
        {
            foreach (var (action, handler) in operations) handlers[(version, action)] = handler;
        }
        Add(Ram, UserOperations.All);
        Add(Ram, GroupOperations.All);
        Add(Ram, RoleOperations.All);
        Add(Ram, PolicyOperations.All);
        Add(Ram, AccountOperations.All);
        Add(Ram, SecurityOperations.All);
        Add(Sts, StsOperations.All);
        Add(Ims, ImsOperations.All);
        return handlers;
    }
}
