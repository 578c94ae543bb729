using Microsoft.EntityFrameworkCore;
using RamConsole.Core.Groups;
using RamConsole.Core.Policies;
using RamConsole.Core.Tests.Support;
using RamConsole.Core.Users;
using static RamConsole.Core.Tests.Support.Errors;

namespace RamConsole.Core.Tests.Policies;

public sealed class PolicyUseCaseTests
{
    private static string Doc(string action) => $$"""{"Version":"1","Statement":[{"Effect":"Allow","Action":"{{action}}","Resource":"*"}]}""";

    [Fact]
    public async Task Invalid_documents_are_refused_with_the_engine_error()
    {
        await using var host = await CoreHost.StartAsync();

        var malformed = await Assert.ThrowsAsync<Errors.RamException>(() => host.Use<CreatePolicy>().RunAsync(host.Root, new("bad", """{"Version":"1","Statement":[{"Effect":"Permit","Action":"a:b","Resource":"*"}]}""")));
        var tooLong = await CodeOf(() => host.Use<CreatePolicy>().RunAsync(host.Root, new("long", Doc("kvstore:" + new string('x', 7000)))));

        Assert.Equal(("MalformedPolicyDocument", "PolicyDocument"), (malformed.Code, malformed.Field));
        Assert.Contains("Statement[0].Effect", malformed.Message);
        Assert.Equal("InvalidParameter.PolicyDocument.Length", tooLong);
        Assert.Equal("InvalidParameter.PolicyName.InvalidChars", await CodeOf(() => host.Use<CreatePolicy>().RunAsync(host.Root, new("bad_name", Doc("a:b")))));
        Assert.Equal("EntityAlreadyExists.Policy", await CodeOf(() => host.Use<CreatePolicy>().RunAsync(host.Root, new("AdministratorAccess", Doc("a:b")))));
    }

    [Fact]
    public async Task A_sixth_version_is_refused_the_default_cannot_be_deleted_and_rollback_works()
    {
        await using var host = await CoreHost.StartAsync();
        var versions = host.Use<PolicyVersions>();
        await host.Use<CreatePolicy>().RunAsync(host.Root, new("p1", Doc("kvstore:v1")));
        for (var i = 2; i <= 5; i++) await versions.CreateAsync(host.Root, "p1", Doc($"kvstore:v{i}"), setAsDefault: true);

        Assert.Equal("LimitExceeded.Policy.Version", await CodeOf(() => versions.CreateAsync(host.Root, "p1", Doc("kvstore:v6"), true)));
        Assert.Equal("DeleteConflict.Policy.Version.Default", await CodeOf(() => versions.DeleteAsync(host.Root, "p1", "v5")));
        await versions.SetDefaultAsync(host.Root, "p1", "v2");
        await versions.DeleteAsync(host.Root, "p1", "v5");
        var next = await versions.CreateAsync(host.Root, "p1", Doc("kvstore:v6"), setAsDefault: false);

        Assert.Equal("v6", next.VersionId); // numbers are never reused
        var (policy, document) = await host.Use<ListPolicies>().GetAsync(host.Root, "Custom", "p1");
        Assert.Equal("v2", policy.DefaultVersion);
        Assert.Contains("kvstore:v2", document);
        Assert.Equal(["v6", "v4", "v3", "v2", "v1"], (await versions.ListAsync(host.Root, "p1")).Select(v => v.VersionId));
        Assert.Equal("EntityNotExist.Policy.Version", await CodeOf(() => versions.SetDefaultAsync(host.Root, "p1", "v5")));
    }

    [Fact]
    public async Task A_policy_cannot_be_deleted_while_attached_or_with_other_versions()
    {
        await using var host = await CoreHost.StartAsync();
        await host.Use<CreateUser>().RunAsync(host.Root, new("alice"));
        await host.Use<CreatePolicy>().RunAsync(host.Root, new("p1", Doc("kvstore:*")));
        await host.Use<PolicyAttachments>().AttachAsync(host.Root, "Custom", "p1", PrincipalKind.User, "alice");

        Assert.Equal("DeleteConflict.Policy.Attachment", await CodeOf(() => host.Use<DeletePolicy>().RunAsync(host.Root, "p1")));
        await host.Use<PolicyAttachments>().DetachAsync(host.Root, "Custom", "p1", PrincipalKind.User, "alice");
        await host.Use<PolicyVersions>().CreateAsync(host.Root, "p1", Doc("kvstore:Describe*"), setAsDefault: false);
        Assert.Equal("DeleteConflict.Policy.Version", await CodeOf(() => host.Use<DeletePolicy>().RunAsync(host.Root, "p1")));
        await host.Use<PolicyVersions>().DeleteAsync(host.Root, "p1", "v2");
        await host.Use<DeletePolicy>().RunAsync(host.Root, "p1");

        await using var db = host.NewDb();
        Assert.Equal(0, await db.PolicyVersions.CountAsync());
    }

    [Fact]
    public async Task Attachments_are_listed_both_ways_refused_twice_and_limited()
    {
        await using var host = await CoreHost.StartAsync(new Dictionary<string, string?> { ["Limits:CustomPoliciesPerGroupOrRole"] = "1" });
        await host.Use<CreateGroup>().RunAsync(host.Root, new("ops"));
        await host.Use<CreatePolicy>().RunAsync(host.Root, new("p1", Doc("kvstore:*")));
        await host.Use<CreatePolicy>().RunAsync(host.Root, new("p2", Doc("ram:*")));
        var attachments = host.Use<PolicyAttachments>();

        await attachments.AttachAsync(host.Root, "Custom", "P1", PrincipalKind.Group, "ops");
        await attachments.AttachAsync(host.Root, "System", "aliyunramreadonlyaccess", PrincipalKind.Group, "ops");

        Assert.Equal(["AliyunRAMReadOnlyAccess", "p1"], (await attachments.ForPrincipalAsync(host.Root, PrincipalKind.Group, "ops")).Select(p => p.PolicyName));
        Assert.Equal("ops", Assert.Single(await attachments.EntitiesForPolicyAsync(host.Root, "Custom", "p1")).Name);
        Assert.Equal("EntityAlreadyExists.Group.Policy", await CodeOf(() => attachments.AttachAsync(host.Root, "Custom", "p1", PrincipalKind.Group, "ops")));
        Assert.Equal("LimitExceeded.Group.Policy", await CodeOf(() => attachments.AttachAsync(host.Root, "Custom", "p2", PrincipalKind.Group, "ops")));
        Assert.Equal("EntityNotExist.Policy", await CodeOf(() => attachments.AttachAsync(host.Root, "System", "NoSuchPolicy", PrincipalKind.Group, "ops")));
        Assert.Equal("EntityNotExist.Group", await CodeOf(() => attachments.AttachAsync(host.Root, "Custom", "p2", PrincipalKind.Group, "nope")));
        Assert.Equal("InvalidParameter.PolicyType", await CodeOf(() => attachments.AttachAsync(host.Root, "Other", "p2", PrincipalKind.Group, "ops")));
    }

    [Fact]
    public async Task Listing_policies_shows_system_and_custom_with_attachment_counts()
    {
        await using var host = await CoreHost.StartAsync();
        await host.Use<CreateUser>().RunAsync(host.Root, new("alice"));
        await host.Use<CreatePolicy>().RunAsync(host.Root, new("kv-ops", Doc("kvstore:*"), "Redis operators"));
        await host.Use<PolicyAttachments>().AttachAsync(host.Root, "Custom", "kv-ops", PrincipalKind.User, "alice");

        var all = await host.Use<ListPolicies>().RunAsync(host.Root, null, null, 0, 100);
        var custom = await host.Use<ListPolicies>().RunAsync(host.Root, "Custom", null, 0, 100);
        var search = await host.Use<ListPolicies>().RunAsync(host.Root, null, "kvstore", 0, 100);

        Assert.Equal(7, all.TotalCount);
        Assert.Equal(1, Assert.Single(custom.Policies).AttachmentCount);
        Assert.Equal(["AliyunKvstoreFullAccess", "AliyunKvstoreReadOnlyAccess"], search.Policies.Select(p => p.PolicyName));
    }
}
