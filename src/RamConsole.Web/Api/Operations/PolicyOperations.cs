using RamConsole.Core;
using RamConsole.Core.Policies;
using RamConsole.Policy.Catalog;
using static RamConsole.Web.Api.Rpc;

namespace RamConsole.Web.Api.Operations;

/// <summary>Policies, versions and attachments.</summary>
internal static class PolicyOperations
{
    public static IReadOnlyDictionary<string, ApiOperation> All { get; } = Build();

    private static Dictionary<string, ApiOperation> Build()
    {
        var all = new Dictionary<string, ApiOperation>
        {
            ["CreatePolicy"] = Op(RamActions.CreatePolicy, async c => new { Policy = Policy(await c.Use<CreatePolicy>().RunAsync(c.Caller,
                new(c.Required("PolicyName"), c.Required("PolicyDocument"), c.Optional("Description")), c.CancellationToken)) }),
            ["GetPolicy"] = Op(RamActions.GetPolicy, async c =>
            {
                var (policy, document) = await c.Use<ListPolicies>().GetAsync(c.Caller, c.Required("PolicyType"), c.Required("PolicyName"), c.CancellationToken);
                return new
                {
                    Policy = Policy(policy),
                    DefaultPolicyVersion = new { VersionId = policy.DefaultVersion, IsDefaultVersion = true, PolicyDocument = document, CreateDate = ApiCall.Date(policy.UpdateDate) },
                };
            }),
            ["DeletePolicy"] = Op(RamActions.DeletePolicy, c => c.Use<DeletePolicy>().RunAsync(c.Caller, c.Required("PolicyName"), c.CancellationToken)),
            ["ListPolicies"] = Op(RamActions.ListPolicies, async c =>
            {
                var (offset, limit) = c.Page();
                var page = await c.Use<ListPolicies>().RunAsync(c.Caller, c.Optional("PolicyType"), null, offset, limit, c.CancellationToken);
                return ApiCall.Paged(offset, page.Policies.Count, page.TotalCount, "Policies", new { Policy = page.Policies.Select(Policy).ToList() });
            }),
            ["UpdatePolicyDescription"] = Op(RamActions.UpdatePolicyDescription, async c => new
            {
                Policy = Policy(await c.Use<UpdatePolicyDescription>().RunAsync(c.Caller, c.Required("PolicyName"), c.Optional("NewDescription"), c.CancellationToken)),
            }),
            ["CreatePolicyVersion"] = Op(RamActions.CreatePolicyVersion, async c => new { PolicyVersion = Version(await c.Use<PolicyVersions>().CreateAsync(c.Caller, c.Required("PolicyName"),
                c.Required("PolicyDocument"), c.Bool("SetAsDefault") ?? false, c.CancellationToken)) }),
            ["ListPolicyVersions"] = Op(RamActions.ListPolicyVersions, async c => new
            {
                PolicyVersions = new { PolicyVersion = (await c.Use<PolicyVersions>().ListAsync(c.Caller, c.Required("PolicyName"), c.CancellationToken)).Select(Version).ToList() },
            }),
            ["GetPolicyVersion"] = Op(RamActions.GetPolicyVersion, async c => new
            {
                PolicyVersion = Version(await c.Use<PolicyVersions>().GetAsync(c.Caller, c.Required("PolicyName"), c.Required("VersionId"), c.CancellationToken)),
            }),
            ["SetDefaultPolicyVersion"] = Op(RamActions.SetDefaultPolicyVersion, c => c.Use<PolicyVersions>().SetDefaultAsync(c.Caller, c.Required("PolicyName"), c.Required("VersionId"), c.CancellationToken)),
            ["DeletePolicyVersion"] = Op(RamActions.DeletePolicyVersion, c => c.Use<PolicyVersions>().DeleteAsync(c.Caller, c.Required("PolicyName"), c.Required("VersionId"), c.CancellationToken)),
            ["ListEntitiesForPolicy"] = Op(RamActions.ListEntitiesForPolicy, async c =>
            {
                var entities = await c.Use<PolicyAttachments>().EntitiesForPolicyAsync(c.Caller, c.Required("PolicyType"), c.Required("PolicyName"), c.CancellationToken);
                object Of(PrincipalKind kind, string nameField) =>
                    entities.Where(e => e.Type == kind).Select(e => new Dictionary<string, string> { [nameField] = e.Name, ["AttachDate"] = ApiCall.Date(e.AttachDate) }).ToList();
                return new
                {
                    Users = new { User = Of(PrincipalKind.User, "UserName") },
                    Groups = new { Group = Of(PrincipalKind.Group, "GroupName") },
                    Roles = new { Role = Of(PrincipalKind.Role, "RoleName") },
                };
            }),
        };
        foreach (var (kind, nameParameter, attach, detach, list) in new[]
        {
            (PrincipalKind.User, "UserName", RamActions.AttachPolicyToUser, RamActions.DetachPolicyFromUser, RamActions.ListPoliciesForUser),
            (PrincipalKind.Group, "GroupName", RamActions.AttachPolicyToGroup, RamActions.DetachPolicyFromGroup, RamActions.ListPoliciesForGroup),
            (PrincipalKind.Role, "RoleName", RamActions.AttachPolicyToRole, RamActions.DetachPolicyFromRole, RamActions.ListPoliciesForRole),
        })
        {
            all[$"AttachPolicyTo{kind}"] = Op(attach, c =>
                c.Use<PolicyAttachments>().AttachAsync(c.Caller, c.Required("PolicyType"), c.Required("PolicyName"), kind, c.Required(nameParameter), c.CancellationToken));
            all[$"DetachPolicyFrom{kind}"] = Op(detach, c =>
                c.Use<PolicyAttachments>().DetachAsync(c.Caller, c.Required("PolicyType"), c.Required("PolicyName"), kind, c.Required(nameParameter), c.CancellationToken));
            all[$"ListPoliciesFor{kind}"] = Op(list, async c => new
            {
                Policies = new { Policy = (await c.Use<PolicyAttachments>().ForPrincipalAsync(c.Caller, kind, c.Required(nameParameter), c.CancellationToken))
                    .Select(p => new { p.PolicyName, p.PolicyType, p.Description, p.DefaultVersion, AttachDate = ApiCall.Date(p.AttachDate) }).ToList() },
            });
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
