using RamConsole.Policy.Catalog;
using RamConsole.Policy.Documents;
using RamConsole.Policy.Evaluation;

namespace RamConsole.Policy.Tests.Evaluation;

public sealed class EngineTests
{
    private const string Account = "1234567890123456";

    private static PolicyRef Policy(string name, string document, PolicyDocumentKind kind = PolicyDocumentKind.Identity)
    {
        var parsed = PolicyParser.Parse(document, kind);
        Assert.True(parsed.IsValid, parsed.Error?.Message);
        return new PolicyRef(name, "v3", PolicyRef.Custom, parsed.Document!);
    }

    private static readonly RequestContext NoContext = default;

    [Fact]
    public void A_decision_names_the_deciding_policy_version_and_statement()
    {
        var set = new PolicySet([
            Policy("ReadAll", """{"Version":"1","Statement":[{"Effect":"Allow","Action":"kvstore:Describe*","Resource":"*"}]}"""),
            Policy("NoFlush", """{"Version":"1","Statement":[{"Effect":"Allow","Action":"ecs:*","Resource":"*"},{"Effect":"Deny","Action":"kvstore:FlushInstance","Resource":"*"}]}"""),
        ]);

        var denied = set.Evaluate("kvstore:FlushInstance", "acs:kvstore:cn-hangzhou:1:instance/r-1", in NoContext);
        var allowed = set.Evaluate("kvstore:DescribeInstances", "acs:kvstore:cn-hangzhou:1:instance/r-1", in NoContext);
        var nothing = set.Evaluate("kvstore:CreateInstance", "acs:kvstore:cn-hangzhou:1:instance/r-1", in NoContext);

        Assert.Equal((DecisionKind.ExplicitDeny, "NoFlush", "v3", 1, PolicyRole.Identity), (denied.Kind, denied.Policy!.Name, denied.Policy.Version, denied.StatementIndex, denied.Role));
        Assert.Equal((DecisionKind.Allow, "ReadAll", 0), (allowed.Kind, allowed.Policy!.Name, allowed.StatementIndex));
        Assert.Equal(DecisionKind.ImplicitDeny, nothing.Kind);
        Assert.Null(nothing.Policy);
    }

    [Fact]
    public void Empty_and_star_regions_match_each_other()
    {
        var empty = new PolicySet([Policy("p", $$"""{"Version":"1","Statement":[{"Effect":"Allow","Action":"ram:GetUser","Resource":"acs:ram::{{Account}}:user/alice"}]}""")]);
        var star = new PolicySet([Policy("p", $$"""{"Version":"1","Statement":[{"Effect":"Allow","Action":"ram:GetUser","Resource":"acs:ram:*:{{Account}}:user/alice"}]}""")]);

        foreach (var resource in new[] { $"acs:ram::{Account}:user/alice", $"acs:ram:*:{Account}:user/alice" })
        {
            Assert.True(empty.Evaluate("ram:GetUser", resource, in NoContext).IsAllowed, resource);
            Assert.True(star.Evaluate("ram:GetUser", resource, in NoContext).IsAllowed, resource);
        }
        Assert.False(empty.Evaluate("ram:GetUser", $"acs:ram:cn-hangzhou:{Account}:user/alice", in NoContext).IsAllowed);
        Assert.Equal([$"acs:ram::{Account}:user/alice"], empty.Policies[0].Document.Statements[0].ResourcePatterns);
    }

    [Fact]
    public void The_region_rule_holds_at_the_edges_of_length()
    {
        // The shortest star-region resource ("acs:" + empty service + ":*:") and one longer than the stack buffer.
        var shortest = new PolicySet([Policy("p", """{"Version":"1","Statement":[{"Effect":"Allow","Action":"ram:GetUser","Resource":"acs:::*"}]}""")]);
        var longName = new string('n', 2000);
        var wide = new PolicySet([Policy("p", $$"""{"Version":"1","Statement":[{"Effect":"Allow","Action":"ram:GetUser","Resource":"acs:ram::{{Account}}:role/*"}]}""")]);
        var longRole = $"acs:ram:*:{Account}:role/a:{longName}"; // five colons: matched whole, not by segments

        Assert.True(shortest.Evaluate("ram:GetUser", "acs::*:", in NoContext).IsAllowed);
        Assert.True(wide.Evaluate("ram:GetUser", longRole, in NoContext).IsAllowed);
        Assert.True(wide.Policies[0].Document.Statements[0].MatchesResource(longRole));

        // The star-region retry is for the empty-region patterns alone: "acs:?:" meets the retried "acs:::" but not "acs::*:".
        var mixed = new PolicySet([Policy("p", """{"Version":"1","Statement":[{"Effect":"Allow","Action":"ram:GetUser","Resource":["acs:ram::1","acs:?:"]}]}""")]);
        Assert.Equal(DecisionKind.ImplicitDeny, mixed.Evaluate("ram:GetUser", "acs::*:", in NoContext).Kind);
        Assert.False(mixed.Policies[0].Document.Statements[0].MatchesResource("acs::*:"));
    }

    [Fact]
    public void NotResource_allows_everything_but_the_listed_resources()
    {
        var set = new PolicySet([Policy("p", """{"Version":"1","Statement":[{"Effect":"Allow","Action":"kvstore:*","NotResource":"acs:kvstore:*:*:instance/r-prod*"}]}""")]);

        Assert.True(set.Evaluate("kvstore:FlushInstance", "acs:kvstore:cn:1:instance/r-test1", in NoContext).IsAllowed);
        Assert.False(set.Evaluate("kvstore:FlushInstance", "acs:kvstore:cn:1:instance/r-prod1", in NoContext).IsAllowed);
    }

    [Fact]
    public void Actions_outside_the_catalogue_are_decided_too()
    {
        var set = new PolicySet([Policy("p", """{"Version":"1","Statement":[{"Effect":"Allow","Action":"oss:Get*","Resource":"*"}]}""")]);

        Assert.True(set.Evaluate("oss:GetObject", "acs:oss:*:1:bucket/b", in NoContext).IsAllowed);
        Assert.True(set.Evaluate("OSS:getobject", "acs:oss:*:1:bucket/b", in NoContext).IsAllowed);
        Assert.False(set.Evaluate("oss:PutObject", "acs:oss:*:1:bucket/b", in NoContext).IsAllowed);
    }

    [Fact]
    public void A_session_policy_denial_names_the_session_policy()
    {
        var identity = new PolicySet([Policy("Full", """{"Version":"1","Statement":[{"Effect":"Allow","Action":"kvstore:*","Resource":"*"}]}""")]);
        var session = new PolicySet([Policy("session", """{"Version":"1","Statement":[{"Effect":"Allow","Action":"kvstore:Describe*","Resource":"*"}]}""")], PolicyRole.SessionPolicy);

        var narrowed = PolicyEngine.Evaluate(identity, session, "kvstore:FlushInstance", "acs:kvstore:cn:1:instance/r", in NoContext);
        var allowed = PolicyEngine.Evaluate(identity, session, "kvstore:DescribeInstances", "acs:kvstore:cn:1:instance/r", in NoContext);

        Assert.Equal((DecisionKind.ImplicitDeny, PolicyRole.SessionPolicy), (narrowed.Kind, narrowed.Role));
        Assert.Equal((DecisionKind.Allow, "Full"), (allowed.Kind, allowed.Policy!.Name));
    }

    [Fact]
    public void Conditions_read_the_context_lazily_and_missing_keys_are_false()
    {
        var set = new PolicySet([Policy("p", """{"Version":"1","Statement":[{"Effect":"Allow","Action":"kvstore:*","Resource":"*","Condition":{"StringEquals":{"sts:ExternalId":"abc"},"NotIpAddress":{"acs:SourceIp":"10.0.0.0/8"}}}]}""")]);
        var ok = RequestContext.From([KeyValuePair.Create("sts:externalid", "abc"), KeyValuePair.Create("acs:SourceIp", "8.8.8.8")]);
        var noIp = RequestContext.From([KeyValuePair.Create("sts:ExternalId", "abc")]);
        var badIp = RequestContext.From([KeyValuePair.Create("sts:ExternalId", "abc"), KeyValuePair.Create("acs:SourceIp", "not-an-ip")]);

        Assert.True(set.Evaluate("kvstore:DescribeInstances", "*", in ok).IsAllowed);
        Assert.False(set.Evaluate("kvstore:DescribeInstances", "*", in noIp).IsAllowed);
        Assert.False(set.Evaluate("kvstore:DescribeInstances", "*", in badIp).IsAllowed);
    }

    private static readonly string RoleArn = $"acs:ram::{Account}:role/redis-ops";

    private static PolicyRef Trust(string principal) => Policy("trust",
        $$"""{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{{principal}}}]}""", PolicyDocumentKind.Trust);

    private static readonly PolicySet MayAssume = new([SystemPolicies.ByName["AliyunSTSAssumeRoleAccess"]]);

    [Fact]
    public void AssumeRole_needs_both_the_identity_policy_and_the_trust_policy()
    {
        var alice = new TrustCaller($"acs:ram::{Account}:user/alice", Account);

        var trustsAccount = PolicyEngine.CheckAssumeRole(MayAssume, Trust($$"""{"RAM":"acs:ram::{{Account}}:root"}"""), RoleArn, alice, in NoContext);
        var trustsBob = PolicyEngine.CheckAssumeRole(MayAssume, Trust($$"""{"RAM":"acs:ram::{{Account}}:user/bob"}"""), RoleArn, alice, in NoContext);
        var noIdentity = PolicyEngine.CheckAssumeRole(PolicySet.Empty(), Trust($$"""{"RAM":"acs:ram::{{Account}}:root"}"""), RoleArn, alice, in NoContext);

        Assert.Equal((DecisionKind.Allow, PolicyRole.AssumeRolePolicy), (trustsAccount.Kind, trustsAccount.Role));
        Assert.Equal((DecisionKind.ImplicitDeny, PolicyRole.AssumeRolePolicy), (trustsBob.Kind, trustsBob.Role));
        Assert.Equal((DecisionKind.ImplicitDeny, PolicyRole.Identity), (noIdentity.Kind, noIdentity.Role));
    }

    [Fact]
    public void A_trust_policy_of_another_account_root_does_not_trust_this_accounts_users()
    {
        var alice = new TrustCaller($"acs:ram::{Account}:user/alice", Account);

        var decision = PolicyEngine.CheckAssumeRole(MayAssume, Trust("""{"RAM":"acs:ram::9999999999999999:root"}"""), RoleArn, alice, in NoContext);

        Assert.False(decision.IsAllowed);
    }

    [Fact]
    public void A_trusted_service_and_an_ExternalId_condition_are_honoured()
    {
        var trust = Policy("trust", """{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"Service":"ecs.aliyuncs.com","RAM":"acs:ram::1234567890123456:user/alice"},"Condition":{"StringEquals":{"sts:ExternalId":"x-1"}}}]}""", PolicyDocumentKind.Trust);
        var alice = new TrustCaller($"acs:ram::{Account}:user/alice", Account);
        var withId = RequestContext.From([KeyValuePair.Create("sts:ExternalId", "x-1")]);

        Assert.True(PolicyEngine.CheckAssumeRole(PolicySet.Empty(), trust, RoleArn, new TrustCaller("", Account, "ecs.aliyuncs.com"), in withId).IsAllowed);
        Assert.True(PolicyEngine.CheckAssumeRole(MayAssume, trust, RoleArn, alice, in withId).IsAllowed);
        Assert.False(PolicyEngine.CheckAssumeRole(MayAssume, trust, RoleArn, alice, in NoContext).IsAllowed);
    }

    [Fact]
    public void An_identity_provider_is_trusted_only_by_a_Federated_entry_naming_it_and_RAM_callers_never_by_one()
    {
        var provider = $"acs:ram::{Account}:saml-provider/corp";
        var federated = new TrustCaller(provider, Account, Federated: true);
        var alice = new TrustCaller($"acs:ram::{Account}:user/alice", Account);

        Assert.True(PolicyEngine.EvaluateTrust(Trust($$"""{"Federated":"{{provider}}"}"""), federated, in NoContext).IsAllowed);
        Assert.False(PolicyEngine.EvaluateTrust(Trust($$"""{"Federated":"acs:ram::{{Account}}:saml-provider/other"}"""), federated, in NoContext).IsAllowed);
        Assert.False(PolicyEngine.EvaluateTrust(Trust("""{"RAM":"*"}"""), federated, in NoContext).IsAllowed);
        Assert.False(PolicyEngine.EvaluateTrust(Trust($$"""{"RAM":"acs:ram::{{Account}}:root"}"""), federated, in NoContext).IsAllowed);
        // A user ARN written under Federated grants the user nothing, and a provider ARN under RAM grants the provider nothing.
        Assert.False(PolicyEngine.EvaluateTrust(Trust($$"""{"Federated":"acs:ram::{{Account}}:user/alice"}"""), alice, in NoContext).IsAllowed);
        Assert.False(PolicyEngine.EvaluateTrust(Trust($$"""{"RAM":"{{provider}}"}"""), federated, in NoContext).IsAllowed);
    }

    [Fact]
    public void An_explicit_deny_in_the_trust_policy_wins()
    {
        var trust = Policy("trust", $$$"""{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":"acs:ram::{{{Account}}}:root"}},{"Effect":"Deny","Action":"sts:*","Principal":{"RAM":"acs:ram::{{{Account}}}:user/mallory"}}]}""", PolicyDocumentKind.Trust);

        var decision = PolicyEngine.CheckAssumeRole(MayAssume, trust, RoleArn, new TrustCaller($"acs:ram::{Account}:user/mallory", Account), in NoContext);

        Assert.Equal((DecisionKind.ExplicitDeny, 1), (decision.Kind, decision.StatementIndex));
    }

    [Theory]
    [InlineData("AdministratorAccess", "ecs:DeleteInstance", true)]
    [InlineData("AliyunRAMFullAccess", "ram:DeleteUser", true)]
    [InlineData("AliyunRAMFullAccess", "kvstore:DescribeInstances", false)]
    [InlineData("AliyunRAMReadOnlyAccess", "ram:ListUsers", true)]
    [InlineData("AliyunRAMReadOnlyAccess", "ram:ListAuditEvents", true)]
    [InlineData("AliyunRAMReadOnlyAccess", "ram:GenerateCredentialReport", true)]
    [InlineData("AliyunRAMReadOnlyAccess", "ram:CreateUser", false)]
    [InlineData("AliyunSTSAssumeRoleAccess", "sts:AssumeRole", true)]
    [InlineData("AliyunKvstoreFullAccess", "kvstore:FlushInstance", true)]
    [InlineData("AliyunKvstoreReadOnlyAccess", "kvstore:DescribeBackups", true)]
    [InlineData("AliyunKvstoreReadOnlyAccess", "kvstore:FlushInstance", false)]
    public void System_policies_grant_what_their_names_say(string policy, string action, bool allowed)
    {
        var set = new PolicySet([SystemPolicies.ByName[policy]]);

        Assert.Equal(allowed, set.Evaluate(action, "acs:any:*:1:thing/x", in NoContext).IsAllowed);
        Assert.Equal(PolicyRef.System, SystemPolicies.ByName[policy].PolicyType);
    }

    [Fact]
    public void Matching_statements_lists_every_statement_that_applies()
    {
        var set = new PolicySet([
            Policy("a", """{"Version":"1","Statement":[{"Effect":"Allow","Action":"kvstore:*","Resource":"*"},{"Effect":"Deny","Action":"kvstore:Flush*","Resource":"*"}]}"""),
            Policy("b", """{"Version":"1","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"""),
        ]);

        var matches = set.MatchingStatements("kvstore:FlushInstance", "acs:kvstore:cn:1:instance/r", in NoContext);

        Assert.Equal([("a", 0), ("a", 1), ("b", 0)], matches.Select(m => (m.Policy.Name, m.Statement.Index)));
    }

    [Fact]
    public void Deciding_allocates_nothing_in_steady_state()
    {
        var set = new PolicySet([Policy("p", """{"Version":"1","Statement":[{"Effect":"Deny","Action":"kvstore:*","Resource":"acs:kvstore:*:*:instance/r-prod*","Condition":{"NotIpAddress":{"acs:SourceIp":"10.0.0.0/8"}}},{"Effect":"Allow","Action":"kvstore:Describe*","Resource":"*","Condition":{"DateLessThan":{"acs:CurrentTime":"2030-01-01T00:00:00Z"},"Bool":{"acs:MFAPresent":"true"}}}]}""")]);
        var context = new RequestContext { SourceIp = "10.1.2.3", CurrentTime = "2026-11-27T10:00:00Z", MfaPresent = "true" };
        var resource = "acs:kvstore:cn-hangzhou:1:instance/r-prod01";
        set.Evaluate("kvstore:DescribeInstances", resource, in context);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var allowed = 0;
        for (var i = 0; i < 1000; i++) allowed += set.Evaluate("kvstore:DescribeInstances", resource, in context).IsAllowed ? 1 : 0;
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(1000, allowed);
        Assert.Equal(0, allocated);
    }
}
