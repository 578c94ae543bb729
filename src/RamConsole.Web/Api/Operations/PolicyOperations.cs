using RamConsole.Core.Policies;

namespace RamConsole.Web.Api.Operations;

/// <summary>Policies, versions and attachments.</summary>
internal static class PolicyOperations
{
    public static IReadOnlyDictionary<string, Func<ApiCall, Task<object>>> All { get; } = Build();

    private static Dictionary<string, Func<ApiCall, Task<object>>> Build()
    {
        var all = new Dictionary<string, Func<ApiCall, Task<object>>>
        {
            ["CreatePolicy"] = async c => new { Policy = Policy(await c.Use<CreatePolicy>().RunAsync(c.Caller,
                new(c.Required("PolicyName"), c.Required("PolicyDocument"), c.Optional("Description")), c.CancellationToken)) },
            ["GetPolicy"] = async c =>
            {
                var (policy, document) = await c.Use<ListPolicies>().GetAsync(c.Caller, c.Required("PolicyType"), c.Required("PolicyName"), c.CancellationToken);
                return new
                {
                    Policy = Policy(policy),
                    DefaultPolicyVersion = new { VersionId = policy.DefaultVersion, IsDefaultVersion = true, PolicyDocument = document, CreateDate = ApiCall.Date(policy.UpdateDate) },
                };
            },
            ["DeletePolicy"] = async c => { await c.Use<DeletePolicy>().RunAsync(c.Caller, c.Required("PolicyName"), c.CancellationToken); return new { }; },
            ["ListPolicies"] = async c =>
            {
                var (offset, limit) = c.Page();
                var page = await c.Use<ListPolicies>().RunAsync(c.Caller, c.Optional("PolicyType"), null, offset, limit, c.CancellationToken);
                return ApiCall.Paged(offset, page.Policies.Count, page.TotalCount, "Policies", new { Policy = page.Policies.Select(Policy).ToList() });
            },
            ["UpdatePolicyDescription"] = async c =>
            {
                await c.Use<UpdatePolicyDescription>().RunAsync(c.Caller, c.Required("PolicyName"), c.Optional("NewDescription"), c.CancellationToken);
                var (policy, _) = await c.Use<ListPolicies>().GetAsync(c.Caller, "Custom", c.Required("PolicyName"), c.CancellationToken);
                return new { Policy = Policy(policy) };
            },
            ["CreatePolicyVersion"] = async c => new { PolicyVersion = Version(await c.Use<PolicyVersions>().CreateAsync(c.Caller, c.Required("PolicyName"),
                c.Required("PolicyDocument"), c.Bool("SetAsDefault") ?? false, c.CancellationToken)) },
            ["ListPolicyVersions"] = async c => new { PolicyVersions = new { PolicyVersion = (await c.Use<PolicyVersions>().ListAsync(c.Caller, c.Required("PolicyName"), c.CancellationToken)).Select(Version).ToList() } },
            ["GetPolicyVersion"] = async c =>
            {
                var id = c.Required("VersionId");
                var version = (await c.Use<PolicyVersions>().ListAsync(c.Caller, c.Required("PolicyName"), c.CancellationToken)).SingleOrDefault(v => v.VersionId == id)
                    ?? throw Core.Errors.RamErrors.NotFound("Policy.Version", $"{c.Required("PolicyName")} {id}");
                return new { PolicyVersion = Version(version) };
            },
            ["SetDefaultPolicyVersion"] = async c => { await c.Use<PolicyVersions>().SetDefaultAsync(c.Caller, c.Required("PolicyName"), c.Required("VersionId"), c.CancellationToken); return new { }; },
            ["DeletePolicyVersion"] = async c => { await c.Use<PolicyVersions>().DeleteAsync(c.Caller, c.Required("PolicyName"), c.Required("VersionId"), c.CancellationToken); return new { }; },
            ["ListEntitiesForPolicy"] = async c =>
            {
                var entities = await c.Use<PolicyAttachments>().EntitiesForPolicyAsync(c.Caller, c.Required("PolicyType"), c.Required("PolicyName"), c.CancellationToken);
                object Of(PrincipalKindForPolicy kind, string nameField) =>
                    entities.Where(e => e.Type == kind).Select(e => new Dictionary<string, string> { [nameField] = e.Name, ["AttachDate"] = ApiCall.Date(e.AttachDate) }).ToList();
                return new
                {
                    Users = new { User = Of(PrincipalKindForPolicy.User, "UserName") },
                    Groups = new { Group = Of(PrincipalKindForPolicy.Group, "GroupName") },
                    Roles = new { Role = Of(PrincipalKindForPolicy.Role, "RoleName") },
                };
            },
        };
        foreach (var (kind, nameParameter) in new[] { (PrincipalKindForPolicy.User, "UserName"), (PrincipalKindForPolicy.Group, "GroupName"), (PrincipalKindForPolicy.Role, "RoleName") })
        {
            all[$"AttachPolicyTo{kind}"] = async c =>
            {
                await c.Use<PolicyAttachments>().AttachAsync(c.Caller, c.Required("PolicyType"), c.Required("PolicyName"), kind, c.Required(nameParameter), c.CancellationToken);
                return new { };
            };
            all[$"DetachPolicyFrom{kind}"] = async c =>
            {
                await c.Use<PolicyAttachments>().DetachAsync(c.Caller, c.Required("PolicyType"), c.Required("PolicyName"), kind, c.Required(nameParameter), c.CancellationToken);
                return new { };
            };
            all[$"ListPoliciesFor{kind}"] = async c => new
            {
                Policies = new { Policy = (await c.Use<PolicyAttachments>().ForPrincipalAsync(c.Caller, kind, c.Required(nameParameter), c.CancellationToken))
                    .Select(p => new { p.PolicyName, p.PolicyType, p.Description, p.DefaultVersion, AttachDate = ApiCall.Date(p.AttachDate) }).ToList() },
            };
        }
        return all;
    }

    private static object Policy(PolicyView p) => new
    {
        p.PolicyName, p.PolicyType, p.Description, p.DefaultVersion, p.AttachmentCount,
        CreateDate = ApiCall.Date(p.CreateDate), UpdateDate = ApiCall.Date(p.UpdateDate),
    };

    private static object Version(PolicyVersionView v) => new { v.VersionId, v.IsDefaultVersion, v.PolicyDocument, CreateDate = ApiCall.Date(v.CreateDate) };
}
