using RamConsole.Core.Account;
using RamConsole.Core.Persistence;
using RamConsole.Core.Policies;
using RamConsole.Policy.Documents;

namespace RamConsole.Core.Roles;

/// <summary>
/// CreateRole, GetRole, UpdateRole (trust policy, description, MaxSessionDuration), DeleteRole, ListRoles. Trust
/// policies are validated as trust policies by the engine; a trust change is audited with before and after.
/// </summary>
public sealed class RoleUseCases(UseCaseServices services)
{
    public sealed record CreateRequest(string RoleName, string AssumeRolePolicyDocument, string? Description = null, int? MaxSessionDuration = null);

    public sealed record UpdateRequest(string RoleName, string? NewAssumeRolePolicyDocument = null, string? NewDescription = null, int? NewMaxSessionDuration = null);

    public async Task<RoleView> CreateAsync(Caller caller, CreateRequest request, CancellationToken cancellationToken = default)
    {
        var name = RamNames.RoleName(request.RoleName);
        var trust = PolicyChecks.ValidDocument(request.AssumeRolePolicyDocument, services.Limits.PolicyDocumentLength, PolicyDocumentKind.Trust, "AssumeRolePolicyDocument");
        var description = RamNames.Text(request.Description, "Description", 1024);
        var duration = Duration(request.MaxSessionDuration ?? SessionDurations.RoleDefaultSeconds, "MaxSessionDuration");
        var resource = services.Resource("role", name);
        await using var change = await services.BeginChangeAsync(caller, RamActions.CreateRole, resource, cancellationToken);
        var db = change.Db;
        if (await db.Roles.AnyAsync(r => r.Name == name, cancellationToken)) throw RamErrors.AlreadyExists("Role", name, "RoleName");
        if (await db.Roles.CountAsync(cancellationToken) >= services.Limits.Roles)
            throw RamErrors.LimitExceeded("Role", $"The account already has the maximum of {services.Limits.Roles} roles.");
        var now = services.Time.GetUtcNow();
        var role = new Role { Name = name, AssumeRolePolicyDocument = trust, Description = description, MaxSessionDuration = duration, CreatedAt = now, UpdatedAt = now, TrustPolicyUpdatedAt = now };
        db.Roles.Add(role);
        await change.CommitAsync(null, Snapshot(role), cancellationToken);
        return View(role);
    }

    public async Task<RoleView> GetAsync(Caller caller, string roleName, CancellationToken cancellationToken = default)
    {
        var name = RamNames.RoleName(roleName);
        await using var db = await services.BeginReadAsync(caller, RamActions.GetRole, services.Resource("role", name), cancellationToken);
        return View(await FindAsync(db, name, cancellationToken));
    }

    public async Task<(IReadOnlyList<RoleView> Roles, int TotalCount)> ListAsync(Caller caller, string? search, int offset, int limit, CancellationToken cancellationToken = default)
    {
        await using var db = await services.BeginReadAsync(caller, RamActions.ListRoles, services.Resource("role", "*"), cancellationToken);
        var query = db.Roles.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search)) query = query.Where(r => r.Name.Contains(search.Trim()) || (r.Description != null && r.Description.Contains(search.Trim())));
        var total = await query.CountAsync(cancellationToken);
        var roles = await query.OrderBy(r => r.Name).Skip(Math.Max(offset, 0)).Take(Math.Clamp(limit, 1, 1000)).ToListAsync(cancellationToken);
        return ([.. roles.Select(View)], total);
    }

    public async Task<RoleView> UpdateAsync(Caller caller, UpdateRequest request, CancellationToken cancellationToken = default)
    {
        var name = RamNames.RoleName(request.RoleName);
        var trust = request.NewAssumeRolePolicyDocument is null ? null
            : PolicyChecks.ValidDocument(request.NewAssumeRolePolicyDocument, services.Limits.PolicyDocumentLength, PolicyDocumentKind.Trust, "NewAssumeRolePolicyDocument");
        var description = request.NewDescription is null ? null : RamNames.Text(request.NewDescription, "NewDescription", 1024) ?? "";
        var duration = request.NewMaxSessionDuration is { } d ? Duration(d, "NewMaxSessionDuration") : (int?)null;
        var resource = services.Resource("role", name);
        var (change, role) = await services.BeginChangeOfAsync(caller, RamActions.UpdateRole, resource, db => FindAsync(db, name, cancellationToken), cancellationToken);
        await using var _ = change;
        var before = Snapshot(role);
        var now = services.Time.GetUtcNow();
        if (trust is not null && trust != role.AssumeRolePolicyDocument)
        {
            role.AssumeRolePolicyDocument = trust;
            role.TrustPolicyUpdatedAt = now;
        }
        if (description is not null) role.Description = description.Length == 0 ? null : description;
        if (duration is not null) role.MaxSessionDuration = duration.Value;
        role.UpdatedAt = now;
        await change.CommitAsync(before, Snapshot(role), cancellationToken);
        return View(role);
    }

    public async Task DeleteAsync(Caller caller, string roleName, CancellationToken cancellationToken = default)
    {
        var name = RamNames.RoleName(roleName);
        var resource = services.Resource("role", name);
        var (change, role) = await services.BeginChangeOfAsync(caller, RamActions.DeleteRole, resource, db => FindAsync(db, name, cancellationToken), cancellationToken);
        await using var _ = change;
        await PolicyAttachments.RefuseWhileAttachedAsync(change.Db, PrincipalKind.Role, role.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "Role", name, cancellationToken);
        change.Db.Roles.Remove(role);
        await change.CommitAsync(Snapshot(role), null, cancellationToken); // the role directory forgets it: its sessions stop
    }

    private static int Duration(int seconds, string field) => seconds is >= SessionDurations.RoleMinimumSeconds and <= SessionDurations.RoleMaximumSeconds
        ? seconds
        : throw RamErrors.Invalid($"InvalidParameter.{field}", $"{field} is between {SessionDurations.RoleMinimumSeconds} and {SessionDurations.RoleMaximumSeconds} seconds.", field);

    private static async Task<Role> FindAsync(RamDbContext db, string name, CancellationToken cancellationToken) =>
        await db.Roles.SingleOrDefaultAsync(r => r.Name == name, cancellationToken) ?? throw RamErrors.NotFound("Role", name);

    private RoleView View(Role role) => new(role.Id, role.Name, Arns.Role(services.Account.AccountId, role.Name), role.Description,
        role.AssumeRolePolicyDocument, role.MaxSessionDuration, role.CreatedAt, role.UpdatedAt);

    private static object Snapshot(Role role) => new { RoleName = role.Name, role.Description, role.MaxSessionDuration, AssumeRolePolicyDocument = role.AssumeRolePolicyDocument };
}
