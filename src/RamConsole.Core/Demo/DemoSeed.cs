using System.Security.Cryptography;
using RamConsole.Core.Account;
using RamConsole.Core.AccessKeys;
using RamConsole.Core.Groups;
using RamConsole.Core.Policies;
using RamConsole.Core.Roles;
using RamConsole.Core.Users;

namespace RamConsole.Core.Demo;

/// <summary>
/// Demo data (DESIGN §8, <c>Demo:Seed</c>, on by default in Development): a few users, groups, roles and custom
/// policies, so a fresh console has something to look at. It runs once, right after the first bootstrap, through
/// the ordinary use cases (so it is validated and audited like any change). Demo console users get random
/// passwords that are not shown: reset one from its Console access tab to sign in as it.
/// </summary>
public sealed class DemoSeed(
    RamAccount account,
    CreateUser createUser,
    CreateGroup createGroup,
    GroupMembership membership,
    CreatePolicy createPolicy,
    PolicyAttachments attachments,
    RoleUseCases roles,
    AccessKeyUseCases accessKeys)
{
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        var root = new Caller
        {
            Type = PrincipalKind.Root, Arn = account.RootArn, Name = RamUser.RootUserName, DisplayName = "demo seed",
            Channel = CallChannel.Console, SourceIp = "127.0.0.1",
        };

        await createPolicy.RunAsync(root, new("kvstore-no-flush-prod",
            """{"Version":"1","Statement":[{"Effect":"Deny","Action":"kvstore:FlushInstance","Resource":"acs:kvstore:*:*:instance/r-prod*"}]}""",
            "Nobody flushes production Redis instances."), cancellationToken);
        await createPolicy.RunAsync(root, new("ram-team-admin",
            $$"""{"Version":"1","Statement":[{"Effect":"Allow","Action":"ram:*","Resource":"acs:ram:*:{{account.AccountId}}:user/team-*"}]}""",
            "Manage the team-* users only."), cancellationToken);
        await createPolicy.RunAsync(root, new("kvstore-writes-need-mfa",
            """{"Version":"1","Statement":[{"Effect":"Deny","NotAction":"kvstore:Describe*","Resource":"*","Condition":{"Bool":{"acs:MFAPresent":"false"}}}]}""",
            "kvstore changes only after MFA."), cancellationToken);

        foreach (var (group, comments, policies) in new[]
        {
            ("redis-operators", "Operate ApsaraDB for Redis", new[] { ("System", "AliyunKvstoreFullAccess"), ("Custom", "kvstore-no-flush-prod"), ("Custom", "kvstore-writes-need-mfa") }),
            ("redis-readers", "Read-only view of Redis", new[] { ("System", "AliyunKvstoreReadOnlyAccess") }),
            ("ram-admins", "Administer RAM", new[] { ("System", "AliyunRAMFullAccess") }),
        })
        {
            await createGroup.RunAsync(root, new(group, comments), cancellationToken);
            foreach (var (type, name) in policies) await attachments.AttachAsync(root, type, name, PrincipalKind.Group, group, cancellationToken);
        }

        foreach (var (user, display, group) in new[] { ("alice", "Alice (RAM admin)", "ram-admins"), ("bob", "Bob (Redis operator)", "redis-operators"), ("carol", "Carol (support)", "redis-readers") })
        {
            await createUser.RunAsync(root, new(user, display, null, RandomPassword(), PasswordResetRequired: true, MfaBindRequired: true), cancellationToken);
            await membership.AddAsync(root, user, group, cancellationToken);
        }
        await createUser.RunAsync(root, new("team-lead", "Team lead", null, RandomPassword(), PasswordResetRequired: true, MfaBindRequired: true), cancellationToken);
        await attachments.AttachAsync(root, "Custom", "ram-team-admin", PrincipalKind.User, "team-lead", cancellationToken);
        await createUser.RunAsync(root, new("ci-deployer", "CI pipeline (program)", "Uses STS: assumes redis-ops"), cancellationToken);
        await attachments.AttachAsync(root, "System", "AliyunSTSAssumeRoleAccess", PrincipalKind.User, "ci-deployer", cancellationToken);
        await accessKeys.CreateAsync(root, "ci-deployer", cancellationToken); // the secret is discarded: a demo key nobody holds

        await roles.CreateAsync(root, new("redis-ops",
            $$$"""{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":["acs:ram::{{{account.AccountId}}}:root"]}}]}""",
            "Temporary Redis operations for programs", 3600), cancellationToken);
        await attachments.AttachAsync(root, "System", "AliyunKvstoreFullAccess", PrincipalKind.Role, "redis-ops", cancellationToken);
        await roles.CreateAsync(root, new("ecs-monitor",
            """{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"Service":["ecs.aliyuncs.com"]}}]}""",
            "ECS instances read Redis metrics", 3600), cancellationToken);
        await attachments.AttachAsync(root, "System", "AliyunKvstoreReadOnlyAccess", PrincipalKind.Role, "ecs-monitor", cancellationToken);
    }

    private static string RandomPassword() =>
        RandomNumberGenerator.GetString("ABCDEFGHJKLMNPQRSTUVWXYZ", 6) + RandomNumberGenerator.GetString("abcdefghijkmnopqrstuvwxyz", 6)
        + RandomNumberGenerator.GetString("23456789", 4) + "-#";
}
