using RamConsole.Core.Roles;
using RamConsole.Policy.Catalog;
using static RamConsole.Web.Api.Rpc;

namespace RamConsole.Web.Api.Operations;

internal static class RoleOperations
{
    public static IReadOnlyDictionary<string, ApiOperation> All { get; } = new Dictionary<string, ApiOperation>
    {
        ["CreateRole"] = Op(RamActions.CreateRole, async c => new { Role = Role(await c.Use<RoleUseCases>().CreateAsync(c.Caller, new(c.Required("RoleName"), c.Required("AssumeRolePolicyDocument"),
            c.Optional("Description"), c.Optional("MaxSessionDuration") is null ? null : c.Int("MaxSessionDuration", SessionDurations.RoleDefaultSeconds, SessionDurations.RoleMinimumSeconds, SessionDurations.RoleMaximumSeconds)), c.CancellationToken)) }),
        ["GetRole"] = Op(RamActions.GetRole, async c => new { Role = Role(await c.Use<RoleUseCases>().GetAsync(c.Caller, c.Required("RoleName"), c.CancellationToken)) }),
        ["UpdateRole"] = Op(RamActions.UpdateRole, async c => new { Role = Role(await c.Use<RoleUseCases>().UpdateAsync(c.Caller, new(c.Required("RoleName"), c.Optional("NewAssumeRolePolicyDocument"),
            c.Optional("NewDescription"), c.Optional("NewMaxSessionDuration") is null ? null : c.Int("NewMaxSessionDuration", SessionDurations.RoleDefaultSeconds, SessionDurations.RoleMinimumSeconds, SessionDurations.RoleMaximumSeconds)), c.CancellationToken)) }),
        ["DeleteRole"] = Op(RamActions.DeleteRole, c => c.Use<RoleUseCases>().DeleteAsync(c.Caller, c.Required("RoleName"), c.CancellationToken)),
        ["ListRoles"] = Op(RamActions.ListRoles, async c =>
        {
            var (offset, limit) = c.Page();
            var (roles, total) = await c.Use<RoleUseCases>().ListAsync(c.Caller, null, offset, limit, c.CancellationToken);
            return ApiCall.Paged(offset, roles.Count, total, "Roles", new { Role = roles.Select(Role).ToList() });
        }),
    };

    internal static object Role(RoleView r) => new
    {
        RoleId = r.RoleId.ToString(System.Globalization.CultureInfo.InvariantCulture), r.RoleName, r.Arn, r.Description, r.AssumeRolePolicyDocument,
        r.MaxSessionDuration, CreateDate = ApiCall.Date(r.CreateDate), UpdateDate = ApiCall.Date(r.UpdateDate),
    };
}
