using RamConsole.Core.AccessKeys;
using RamConsole.Core.Users;
using RamConsole.Policy.Catalog;
using static RamConsole.Web.Api.Rpc;

namespace RamConsole.Web.Api.Operations;

/// <summary>Users, login profiles and AccessKeys.</summary>
internal static class UserOperations
{
    public static IReadOnlyDictionary<string, ApiOperation> All { get; } = new Dictionary<string, ApiOperation>
    {
        ["CreateUser"] = Op(RamActions.CreateUser, async c => new { User = User(await c.Use<CreateUser>().RunAsync(c.Caller,
            new(c.Required("UserName"), c.Optional("DisplayName"), c.Optional("Comments")), c.CancellationToken)) }),
        ["GetUser"] = Op(RamActions.GetUser, async c => new { User = User(await c.Use<GetUser>().RunAsync(c.Caller, c.Required("UserName"), c.CancellationToken)) }),
        ["UpdateUser"] = Op(RamActions.UpdateUser, async c => new { User = User(await c.Use<UpdateUser>().RunAsync(c.Caller,
            new(c.Required("UserName"), c.Optional("NewUserName"), c.Optional("NewDisplayName"), c.Optional("NewComments")), c.CancellationToken)) }),
        ["DeleteUser"] = Op(RamActions.DeleteUser, c => c.Use<DeleteUser>().RunAsync(c.Caller, new(c.Required("UserName")), c.CancellationToken)),
        ["ListUsers"] = Op(RamActions.ListUsers, async c =>
        {
            var (offset, limit) = c.Page();
            var page = await c.Use<ListUsers>().RunAsync(c.Caller, null, offset, limit, c.CancellationToken);
            return ApiCall.Paged(offset, page.Users.Count, page.TotalCount, "Users", new { User = page.Users.Select(User).ToList() });
        }),
        ["CreateLoginProfile"] = Op(RamActions.CreateLoginProfile, async c => Profile(await c.Use<LoginProfiles>().CreateAsync(c.Caller, Profile(c, required: true), c.CancellationToken))),
        ["UpdateLoginProfile"] = Op(RamActions.UpdateLoginProfile, async c => Profile(await c.Use<LoginProfiles>().UpdateAsync(c.Caller, Profile(c, required: false), c.CancellationToken))),
        ["GetLoginProfile"] = Op(RamActions.GetLoginProfile, async c => Profile(await c.Use<LoginProfiles>().GetAsync(c.Caller, c.Required("UserName"), c.CancellationToken))),
        ["DeleteLoginProfile"] = Op(RamActions.DeleteLoginProfile, c => c.Use<LoginProfiles>().DeleteAsync(c.Caller, c.Required("UserName"), c.CancellationToken)),
        ["CreateAccessKey"] = Op(RamActions.CreateAccessKey, async c =>
        {
            var key = await c.Use<AccessKeyUseCases>().CreateAsync(c.Caller, KeyOwner(c), c.CancellationToken);
            return new { AccessKey = new { key.AccessKeyId, key.AccessKeySecret, Status = "Active", CreateDate = ApiCall.Date(key.CreateDate) } };
        }),
        ["UpdateAccessKey"] = Op(RamActions.UpdateAccessKey, c =>
        {
            var status = c.Required("Status") switch
            {
                "Active" => AccessKeyStatus.Active,
                "Inactive" => AccessKeyStatus.Inactive,
                _ => throw new Core.Errors.RamException("InvalidParameter.Status", "Status is Active or Inactive.", 400, "Status"),
            };
            return c.Use<AccessKeyUseCases>().UpdateStatusAsync(c.Caller, KeyOwner(c), c.Required("UserAccessKeyId"), status, c.CancellationToken);
        }),
        ["DeleteAccessKey"] = Op(RamActions.DeleteAccessKey, c => c.Use<AccessKeyUseCases>().DeleteAsync(c.Caller, KeyOwner(c), c.Required("UserAccessKeyId"), c.CancellationToken)),
        ["ListAccessKeys"] = Op(RamActions.ListAccessKeys, async c => new
        {
            AccessKeys = new { AccessKey = (await c.Use<AccessKeyUseCases>().ListAsync(c.Caller, KeyOwner(c), c.CancellationToken))
                .Select(k => new { k.AccessKeyId, Status = k.Status.ToString(), CreateDate = ApiCall.Date(k.CreateDate) }).ToList() },
        }),
        ["GetAccessKeyLastUsed"] = Op(RamActions.GetAccessKeyLastUsed, async c => new
        {
            AccessKeyLastUsed = new { LastUsedDate = ApiCall.Date(await c.Use<AccessKeyUseCases>().LastUsedAsync(c.Caller, KeyOwner(c), c.Required("UserAccessKeyId"), c.CancellationToken)) },
        }),
    };

    /// <summary>Alibaba's AccessKey calls default to the caller's own user when UserName is omitted.</summary>
    private static string KeyOwner(ApiCall c) => c.Optional("UserName") is { Length: > 0 } name ? name : c.Caller.Name;

    private static LoginProfiles.Request Profile(ApiCall c, bool required) =>
        new(c.Required("UserName"), required ? c.Required("Password") : c.Optional("Password"), c.Bool("PasswordResetRequired"), c.Bool("MFABindRequired"));

    private static object Profile(LoginProfileView p) => new
    {
        LoginProfile = new { p.UserName, p.PasswordResetRequired, MFABindRequired = p.MfaBindRequired, CreateDate = ApiCall.Date(p.CreateDate) },
    };

    internal static object User(UserView u) => new
    {
        u.UserId, u.UserName, u.DisplayName, u.Comments,
        CreateDate = ApiCall.Date(u.CreateDate), UpdateDate = ApiCall.Date(u.UpdateDate), LastLoginDate = ApiCall.Date(u.LastLoginDate),
    };
}
