using RamConsole.Policy.Catalog;
using Microsoft.EntityFrameworkCore;
using RamConsole.Core.AccessKeys;
using RamConsole.Core.Groups;
using RamConsole.Core.Policies;
using RamConsole.Core.SignIn;
using RamConsole.Core.Tests.Support;
using RamConsole.Core.Users;
using static RamConsole.Core.Tests.Support.Errors;

namespace RamConsole.Core.Tests.Users;

public sealed class UserUseCaseTests
{
    private const string Password = "Str0ng-Passw0rd-1";

    [Fact]
    public async Task A_created_user_can_be_read_listed_renamed_and_is_audited()
    {
        await using var host = await CoreHost.StartAsync();

        var created = await host.Use<CreateUser>().RunAsync(host.Root, new("alice", "Alice A.", "ops"));
        await host.Use<UpdateUser>().RunAsync(host.Root, new("alice", NewUserName: "alice2", NewDisplayName: "Alice B."));
        var read = await host.Use<GetUser>().RunAsync(host.Root, "ALICE2");
        var page = await host.Use<ListUsers>().RunAsync(host.Root, "Alice B", 0, 10);

        Assert.Equal(created.UserId, read.UserId);
        Assert.Equal(("alice2", "Alice B.", "ops"), (read.UserName, read.DisplayName, read.Comments));
        Assert.Equal("alice2", Assert.Single(page.Users).UserName);
        await using var db = host.NewDb();
        var update = await db.AuditEvents.SingleAsync(e => e.Action == RamActions.UpdateUser);
        Assert.Contains("\"UserName\":\"alice\"", update.Before);
        Assert.Contains("\"UserName\":\"alice2\"", update.After);
    }

    [Theory]
    [InlineData("bad name", "InvalidParameter.UserName.InvalidChars")]
    [InlineData("bad/name", "InvalidParameter.UserName.InvalidChars")]
    [InlineData("", "MissingParameter")]
    [InlineData("root", "EntityAlreadyExists.User")]
    [InlineData("ROOT", "EntityAlreadyExists.User")]
    public async Task Bad_user_names_are_refused_with_their_codes(string name, string code)
    {
        await using var host = await CoreHost.StartAsync();

        Assert.Equal(code, await CodeOf(() => host.Use<CreateUser>().RunAsync(host.Root, new(name))));
    }

    [Fact]
    public async Task Names_are_unique_whatever_their_case_and_have_a_length_limit()
    {
        await using var host = await CoreHost.StartAsync();
        await host.Use<CreateUser>().RunAsync(host.Root, new("alice"));

        Assert.Equal("EntityAlreadyExists.User", await CodeOf(() => host.Use<CreateUser>().RunAsync(host.Root, new("ALICE"))));
        Assert.Equal("InvalidParameter.UserName.Length", await CodeOf(() => host.Use<CreateUser>().RunAsync(host.Root, new(new string('a', 65)))));
        Assert.Equal("InvalidParameter.DisplayName.Length", await CodeOf(() => host.Use<CreateUser>().RunAsync(host.Root, new("bob", new string('d', 129)))));
        Assert.Equal("EntityNotExist.User", await CodeOf(() => host.Use<GetUser>().RunAsync(host.Root, "nobody")));
    }

    [Fact]
    public async Task The_user_limit_holds()
    {
        await using var host = await CoreHost.StartAsync(new Dictionary<string, string?> { ["Limits:Users"] = "2" });
        await host.Use<CreateUser>().RunAsync(host.Root, new("u1"));
        await host.Use<CreateUser>().RunAsync(host.Root, new("u2"));

        Assert.Equal("LimitExceeded.User", await CodeOf(() => host.Use<CreateUser>().RunAsync(host.Root, new("u3"))));
    }

    [Fact]
    public async Task Deleting_a_user_with_anything_left_fails_with_the_matching_DeleteConflict()
    {
        await using var host = await CoreHost.StartAsync();
        await host.Use<CreateUser>().RunAsync(host.Root, new("alice"));
        await host.Use<CreateGroup>().RunAsync(host.Root, new("ops"));
        var delete = () => host.Use<DeleteUser>().RunAsync(host.Root, new("alice"));

        await host.Use<GroupMembership>().AddAsync(host.Root, "alice", "ops");
        Assert.Equal("DeleteConflict.User.Group", await CodeOf(delete));
        await host.Use<GroupMembership>().RemoveAsync(host.Root, "alice", "ops");

        var key = await host.Use<AccessKeyUseCases>().CreateAsync(host.Root, "alice");
        Assert.Equal("DeleteConflict.User.AccessKey", await CodeOf(delete));
        await host.Use<AccessKeyUseCases>().DeleteAsync(host.Root, "alice", key.AccessKeyId);

        await host.Use<LoginProfiles>().CreateAsync(host.Root, new("alice", Password));
        Assert.Equal("DeleteConflict.User.LoginProfile", await CodeOf(delete));
        await host.Use<LoginProfiles>().DeleteAsync(host.Root, "alice");

        await host.Use<PolicyAttachments>().AttachAsync(host.Root, "System", "AliyunKvstoreReadOnlyAccess", PrincipalKind.User, "alice");
        Assert.Equal("DeleteConflict.User.Policy", await CodeOf(delete));
        await host.Use<PolicyAttachments>().DetachAsync(host.Root, "System", "AliyunKvstoreReadOnlyAccess", PrincipalKind.User, "alice");

        await delete();
        Assert.Equal("EntityNotExist.User", await CodeOf(() => host.Use<GetUser>().RunAsync(host.Root, "alice")));
    }

    [Fact]
    public async Task Removing_everything_deletes_a_user_and_all_it_holds_in_one_step()
    {
        await using var host = await CoreHost.StartAsync();
        await host.Use<CreateUser>().RunAsync(host.Root, new("alice"));
        await host.Use<CreateGroup>().RunAsync(host.Root, new("ops"));
        await host.Use<GroupMembership>().AddAsync(host.Root, "alice", "ops");
        await host.Use<AccessKeyUseCases>().CreateAsync(host.Root, "alice");
        await host.Use<LoginProfiles>().CreateAsync(host.Root, new("alice", Password));
        await host.Use<PolicyAttachments>().AttachAsync(host.Root, "System", "AliyunKvstoreReadOnlyAccess", PrincipalKind.User, "alice");

        await host.Use<DeleteUser>().RunAsync(host.Root, new("alice", RemoveEverything: true));

        await using var db = host.NewDb();
        Assert.Equal(0, await db.GroupMembers.CountAsync());
        Assert.Equal(0, await db.AccessKeys.CountAsync());
        Assert.Equal(0, await db.PolicyAttachments.CountAsync());
        Assert.False(await db.Users.AnyAsync(u => u.UserName == "alice"));
    }

    [Fact]
    public async Task A_login_profile_lets_the_user_sign_in_by_user_name_and_its_password_must_meet_the_policy()
    {
        await using var host = await CoreHost.StartAsync();
        await host.Use<CreateUser>().RunAsync(host.Root, new("alice"));

        Assert.Equal("InvalidParameter.Password.PolicyViolation", await CodeOf(() => host.Use<LoginProfiles>().CreateAsync(host.Root, new("alice", "short"))));
        var profile = await host.Use<LoginProfiles>().CreateAsync(host.Root, new("alice", Password, PasswordResetRequired: true));
        Assert.Equal("EntityAlreadyExists.User.LoginProfile", await CodeOf(() => host.Use<LoginProfiles>().CreateAsync(host.Root, new("alice", Password))));
        var signIn = await host.InScopeAsync<PasswordSignIn, SignInOutcome>(s => s.CheckAsync(new SignInAttempt("alice", Password, null)));

        Assert.True(profile.PasswordResetRequired);
        Assert.True(signIn.Succeeded);
        await using var db = host.NewDb();
        var audit = await db.AuditEvents.SingleAsync(e => e.Action == "ram:CreateLoginProfile");
        Assert.DoesNotContain(Password, audit.After);
        Assert.DoesNotContain(Password, string.Concat(await db.AuditEvents.Select(e => e.Before + e.After + e.Detail).ToListAsync()));
    }

    [Fact]
    public async Task Creating_a_user_with_a_password_the_policy_refuses_writes_nothing()
    {
        await using var host = await CoreHost.StartAsync();

        var error = await Assert.ThrowsAsync<Errors.RamException>(() => host.Use<CreateUser>().RunAsync(host.Root, new("alice", ConsolePassword: "weak")));

        Assert.Equal(("InvalidParameter.Password.PolicyViolation", "ConsolePassword"), (error.Code, error.Field));
        await using var db = host.NewDb();
        Assert.False(await db.Users.AnyAsync(u => u.UserName == "alice"));
        Assert.False(await db.AuditEvents.AnyAsync(e => e.Action == RamActions.CreateUser));
    }

    [Fact]
    public async Task Deleting_the_login_profile_takes_console_access_away()
    {
        await using var host = await CoreHost.StartAsync();
        await host.Use<CreateUser>().RunAsync(host.Root, new("alice"));
        await host.Use<LoginProfiles>().CreateAsync(host.Root, new("alice", Password));

        await host.Use<LoginProfiles>().DeleteAsync(host.Root, "alice");

        var signIn = await host.InScopeAsync<PasswordSignIn, SignInOutcome>(s => s.CheckAsync(new SignInAttempt("alice", Password, null)));
        Assert.False(signIn.Succeeded);
        Assert.Equal("EntityNotExist.User.LoginProfile", await CodeOf(() => host.Use<LoginProfiles>().GetAsync(host.Root, "alice")));
    }

    [Fact]
    public async Task A_user_with_console_access_and_AccessKeys_is_flagged()
    {
        await using var host = await CoreHost.StartAsync();
        await host.Use<CreateUser>().RunAsync(host.Root, new("alice"));
        await host.Use<LoginProfiles>().CreateAsync(host.Root, new("alice", Password));
        Assert.False((await host.Use<GetUser>().RunAsync(host.Root, "alice")).MixesPeopleAndPrograms);

        await host.Use<AccessKeyUseCases>().CreateAsync(host.Root, "alice");

        var user = await host.Use<GetUser>().RunAsync(host.Root, "alice");
        Assert.True(user.MixesPeopleAndPrograms);
        Assert.True(Assert.Single((await host.Use<ListUsers>().RunAsync(host.Root, null, 0, 10)).Users).MixesPeopleAndPrograms);
    }
}
