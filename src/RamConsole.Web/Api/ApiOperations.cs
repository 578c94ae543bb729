using RamConsole.Core.Account;
using RamConsole.Core.Groups;
using RamConsole.Core.Policies;
using RamConsole.Core.Users;

namespace RamConsole.Web.Api;

/// <summary>
/// The RPC operations by (Version, Action). Each calls the same use case (and so the same gate and audit) as the
/// console, and shapes the result as Alibaba's API does (lists wrapped as <c>{"Users":{"User":[…]}}</c>).
/// </summary>
public static class ApiOperations
{
    public const string Ram = "2015-05-01", Sts = "2015-04-01";

    private static readonly Dictionary<(string Version, string Action), Func<ApiCall, Task<object>>> Handlers = new()
    {
        [(Sts, "GetCallerIdentity")] = GetCallerIdentity,
        [(Ram, "CreateUser")] = async c => new { User = User(await c.Use<CreateUser>().RunAsync(c.Caller,
            new(c.Required("UserName"), c.Optional("DisplayName"), c.Optional("Comments")), c.CancellationToken)) },
        [(Ram, "GetUser")] = async c => new { User = User(await c.Use<GetUser>().RunAsync(c.Caller, c.Required("UserName"), c.CancellationToken)) },
        [(Ram, "UpdateUser")] = async c => new { User = User(await c.Use<UpdateUser>().RunAsync(c.Caller,
            new(c.Required("UserName"), c.Optional("NewUserName"), c.Optional("NewDisplayName"), c.Optional("NewComments")), c.CancellationToken)) },
        [(Ram, "DeleteUser")] = async c => { await c.Use<DeleteUser>().RunAsync(c.Caller, new(c.Required("UserName")), c.CancellationToken); return new { }; },
        [(Ram, "ListUsers")] = ListUsersAsync,
        [(Ram, "CreateGroup")] = async c =>
        {
            var g = await c.Use<CreateGroup>().RunAsync(c.Caller, new(c.Required("GroupName"), c.Optional("Comments")), c.CancellationToken);
            return new { Group = new { g.GroupName, g.Comments, CreateDate = ApiCall.Date(g.CreateDate) } };
        },
        [(Ram, "ListGroups")] = ListGroupsAsync,
        [(Ram, "AddUserToGroup")] = async c => { await c.Use<GroupMembership>().AddAsync(c.Caller, c.Required("UserName"), c.Required("GroupName"), c.CancellationToken); return new { }; },
        [(Ram, "RemoveUserFromGroup")] = async c => { await c.Use<GroupMembership>().RemoveAsync(c.Caller, c.Required("UserName"), c.Required("GroupName"), c.CancellationToken); return new { }; },
        [(Ram, "ListPolicies")] = ListPoliciesAsync,
        [(Ram, "AttachPolicyToUser")] = async c =>
        {
            await c.Use<PolicyAttachments>().AttachAsync(c.Caller, c.Required("PolicyType"), c.Required("PolicyName"), PrincipalKindForPolicy.User, c.Required("UserName"), c.CancellationToken);
            return new { };
        },
        [(Ram, "DetachPolicyFromUser")] = async c =>
        {
            await c.Use<PolicyAttachments>().DetachAsync(c.Caller, c.Required("PolicyType"), c.Required("PolicyName"), PrincipalKindForPolicy.User, c.Required("UserName"), c.CancellationToken);
            return new { };
        },
    };

    public static Func<ApiCall, Task<object>>? Find(string version, string action) => Handlers.GetValueOrDefault((version, action));

    private static Task<object> GetCallerIdentity(ApiCall c)
    {
        var account = c.Use<RamAccount>();
        return Task.FromResult<object>(new
        {
            AccountId = account.AccountId,
            Arn = c.Caller.Arn,
            IdentityType = "RAMUser",
            PrincipalId = c.Caller.Name,
            UserId = c.Caller.Name,
        });
    }

    private static async Task<object> ListUsersAsync(ApiCall c)
    {
        var (offset, limit) = c.Page();
        var page = await c.Use<ListUsers>().RunAsync(c.Caller, null, offset, limit, c.CancellationToken);
        var body = ApiCall.Paged(offset, page.Users.Count, page.TotalCount);
        body["Users"] = new { User = page.Users.Select(User).ToList() };
        return body;
    }

    private static async Task<object> ListGroupsAsync(ApiCall c)
    {
        var (offset, limit) = c.Page();
        var page = await c.Use<ListGroups>().RunAsync(c.Caller, null, offset, limit, c.CancellationToken);
        var body = ApiCall.Paged(offset, page.Groups.Count, page.TotalCount);
        body["Groups"] = new { Group = page.Groups.Select(g => new { g.GroupName, g.Comments, CreateDate = ApiCall.Date(g.CreateDate), UpdateDate = ApiCall.Date(g.UpdateDate) }).ToList() };
        return body;
    }

    private static async Task<object> ListPoliciesAsync(ApiCall c)
    {
        var (offset, limit) = c.Page();
        var page = await c.Use<ListPolicies>().RunAsync(c.Caller, c.Optional("PolicyType"), null, offset, limit, c.CancellationToken);
        var body = ApiCall.Paged(offset, page.Policies.Count, page.TotalCount);
        body["Policies"] = new
        {
            Policy = page.Policies.Select(p => new
            {
                p.PolicyName, p.PolicyType, p.Description, p.DefaultVersion, p.AttachmentCount,
                CreateDate = ApiCall.Date(p.CreateDate), UpdateDate = ApiCall.Date(p.UpdateDate),
            }).ToList(),
        };
        return body;
    }

    private static object User(UserView u) => new
    {
        u.UserId, u.UserName, u.DisplayName, u.Comments,
        CreateDate = ApiCall.Date(u.CreateDate), UpdateDate = ApiCall.Date(u.UpdateDate), LastLoginDate = ApiCall.Date(u.LastLoginDate),
    };
}
