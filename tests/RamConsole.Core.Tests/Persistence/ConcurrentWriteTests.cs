using RamConsole.Policy.Catalog;
using RamConsole.Core.AccessKeys;
using RamConsole.Core.Errors;
using RamConsole.Core.Groups;
using RamConsole.Core.Policies;
using RamConsole.Core.Tests.Support;
using RamConsole.Core.Users;

namespace RamConsole.Core.Tests.Persistence;

/// <summary>
/// The same change sent several times at once (a double-clicked button, a retrying client): one wins, the others get
/// the answer they would get one after another — never an unhandled database error, never a limit exceeded.
/// </summary>
public sealed class ConcurrentWriteTests
{
    private static async Task<IReadOnlyList<string>> OutcomesAsync(int times, Func<Task> change)
    {
        var outcomes = await Task.WhenAll(Enumerable.Range(0, times).Select(_ => Task.Run(async () =>
        {
            try
            {
                await change();
                return "ok";
            }
            catch (RamException e)
            {
                return e.Code;
            }
        })));
        return [.. outcomes.Order()];
    }

    [Fact]
    public async Task Creating_the_same_user_group_and_policy_at_once_creates_each_once()
    {
        await using var host = await CoreHost.StartAsync();

        Assert.Equal(["EntityAlreadyExists.User", "EntityAlreadyExists.User", "EntityAlreadyExists.User", "ok"],
            await OutcomesAsync(4, () => host.Use<CreateUser>().RunAsync(host.Root, new("alice"))));
        Assert.Equal(["EntityAlreadyExists.Group", "EntityAlreadyExists.Group", "EntityAlreadyExists.Group", "ok"],
            await OutcomesAsync(4, () => host.Use<CreateGroup>().RunAsync(host.Root, new("ops"))));
        Assert.Equal(["EntityAlreadyExists.Group.User", "EntityAlreadyExists.Group.User", "EntityAlreadyExists.Group.User", "ok"],
            await OutcomesAsync(4, () => host.Use<GroupMembership>().AddAsync(host.Root, "alice", "ops")));
    }

    [Fact]
    public async Task Creating_AccessKeys_at_once_stops_at_the_limit()
    {
        await using var host = await CoreHost.StartAsync();
        await host.Use<CreateUser>().RunAsync(host.Root, new("bot"));

        Assert.Equal(["LimitExceeded.User.AccessKey", "LimitExceeded.User.AccessKey", "ok", "ok"],
            await OutcomesAsync(4, () => host.Use<AccessKeyUseCases>().CreateAsync(host.Root, "bot")));
        Assert.Equal(2, (await host.Use<AccessKeyUseCases>().ListAsync(host.Root, "bot")).Count);
    }

    [Fact]
    public async Task A_change_that_waits_too_long_for_the_one_before_it_is_answered_503_and_changes_nothing()
    {
        await using var host = await CoreHost.StartAsync();
        var services = host.Use<UseCaseServices>();
        services.ChangeWait = TimeSpan.FromMilliseconds(200);

        await using (await services.BeginChangeAsync(host.Root, RamActions.CreateGroup, "*", CancellationToken.None)) // a change in progress
        {
            var error = await Assert.ThrowsAsync<RamException>(() => host.Use<CreateUser>().RunAsync(host.Root, new("alice")));
            Assert.Equal(("ServiceUnavailable", 503), (error.Code, error.HttpStatus));
        }
        Assert.Equal("EntityNotExist.User", await Support.Errors.CodeOf(() => host.Use<GetUser>().RunAsync(host.Root, "alice")));
        await host.Use<CreateUser>().RunAsync(host.Root, new("alice")); // the lock was given back
    }
}
