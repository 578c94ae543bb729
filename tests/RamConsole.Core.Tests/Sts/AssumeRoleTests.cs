using RamConsole.Policy.Catalog;
using Microsoft.EntityFrameworkCore;
using RamConsole.Core.Audit;
using RamConsole.Core.Errors;
using RamConsole.Core.Policies;
using RamConsole.Core.Roles;
using RamConsole.Core.Sts;
using RamConsole.Core.Tests.Support;
using RamConsole.Core.Users;
using static RamConsole.Core.Tests.Support.Errors;

namespace RamConsole.Core.Tests.Sts;

public sealed class AssumeRoleTests
{
    private static async Task<(CoreHost Host, string RoleArn)> SetUpAsync(string trustPrincipal)
    {
        var host = await CoreHost.StartAsync();
        await host.Use<CreateUser>().RunAsync(host.Root, new("alice"));
        await host.Use<PolicyAttachments>().AttachAsync(host.Root, "System", "AliyunSTSAssumeRoleAccess", PrincipalKind.User, "alice");
        var role = await host.Use<RoleUseCases>().CreateAsync(host.Root, new("ops",
            $$$"""{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":"{{{trustPrincipal.Replace("ACCOUNT", host.AccountId)}}}"}}]}"""));
        return (host, role.Arn);
    }

    [Fact]
    public async Task The_token_opens_to_its_session_until_it_expires_and_the_secret_is_never_audited()
    {
        var (host, roleArn) = await SetUpAsync("acs:ram::ACCOUNT:root");
        await using var _ = host;

        var result = await host.Use<AssumeRole>().RunAsync(host.As("alice", mfa: true), new(roleArn, "s-1", 900));

        var tokens = host.Use<StsTokens>();
        var opened = tokens.Open(result.SecurityToken);
        Assert.Equal((result.Session.AccessKeyId, result.Session.AccessKeySecret, true), (opened!.AccessKeyId, opened.AccessKeySecret, opened.MfaPresent));
        Assert.Equal($"{roleArn}/s-1", opened.Arn);
        Assert.Equal(host.Time.GetUtcNow().AddSeconds(900), opened.Expiration);
        host.Time.Advance(TimeSpan.FromSeconds(901));
        Assert.Null(tokens.Open(result.SecurityToken));
        Assert.Null(tokens.Open("forged-token"));
        await using var db = host.NewDb();
        var issued = await db.AuditEvents.SingleAsync(e => e.Action == StsActions.AssumeRole && e.Result == AuditResult.Success);
        Assert.Contains(result.Session.AccessKeyId, issued.After);
        Assert.DoesNotContain(result.Session.AccessKeySecret, issued.After);
        Assert.DoesNotContain(result.SecurityToken[..40], issued.After);
    }

    [Fact]
    public async Task An_opened_token_is_remembered_but_still_expires_and_an_altered_one_is_not_taken_for_it()
    {
        var (host, roleArn) = await SetUpAsync("acs:ram::ACCOUNT:root");
        await using var _ = host;
        var token = (await host.Use<AssumeRole>().RunAsync(host.As("alice"), new(roleArn, "s-1", 900))).SecurityToken;
        var tokens = host.Use<StsTokens>();

        var first = tokens.Open(token);

        Assert.Same(first, tokens.Open(token)); // the second use is not decrypted again
        var middle = token.Length / 2;
        Assert.Null(tokens.Open(token[..middle] + (token[middle] == 'A' ? 'B' : 'A') + token[(middle + 1)..])); // one character changed
        host.Time.Advance(TimeSpan.FromSeconds(900));
        Assert.Null(tokens.Open(token));
    }

    [Fact]
    public async Task Root_may_not_assume_roles()
    {
        var (host, roleArn) = await SetUpAsync("acs:ram::ACCOUNT:root");
        await using var _ = host;

        var error = await Assert.ThrowsAsync<RamException>(() => host.Use<AssumeRole>().RunAsync(host.Root, new(roleArn, "s-1")));

        Assert.Equal(("NoPermission", "Roles may not be assumed by root accounts."), (error.Code, error.Message));
    }

    [Fact]
    public async Task A_trust_policy_that_does_not_name_the_caller_refuses_and_the_refusal_is_audited()
    {
        var (host, roleArn) = await SetUpAsync("acs:ram::ACCOUNT:user/bob");
        await using var _ = host;

        var error = await Assert.ThrowsAsync<RamException>(() => host.Use<AssumeRole>().RunAsync(host.As("alice"), new(roleArn, "s-1")));

        Assert.Equal(("NoPermission", "AssumeRolePolicy"), (error.Code, error.AccessDenied!.PolicyType));
        await using var db = host.NewDb();
        Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.Action == StsActions.AssumeRole && e.Result == AuditResult.Denied));
    }

    [Fact]
    public async Task An_invalid_session_policy_is_refused_beside_its_field()
    {
        var (host, roleArn) = await SetUpAsync("acs:ram::ACCOUNT:root");
        await using var _ = host;

        var error = await Assert.ThrowsAsync<RamException>(() => host.Use<AssumeRole>().RunAsync(host.As("alice"), new(roleArn, "s-1", Policy: """{"Version":"2"}""")));

        Assert.Equal(("MalformedPolicyDocument", "Policy"), (error.Code, error.Field));
        Assert.Equal("InvalidParameter.DurationSeconds", await CodeOf(() => host.Use<AssumeRole>().RunAsync(host.As("alice"), new(roleArn, "s-1", 899))));
    }
}
