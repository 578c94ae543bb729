using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RamConsole.Core.AccessKeys;
using RamConsole.Core.Changes;
using RamConsole.Core.Groups;
using RamConsole.Core.Persistence;
using RamConsole.Core.Tests.Support;
using RamConsole.Core.Users;
using RamConsole.Policy.Catalog;
using static RamConsole.Core.Tests.Support.Errors;

namespace RamConsole.Core.Tests.Changes;

/// <summary>Caches change only through the commit: what a change touched is read off what it saved and published after the commit.</summary>
public sealed class ChangeFeedTests
{
    /// <summary>Records each publication, and whether the change it reports was already visible to a fresh context.</summary>
    private sealed class RecordingFeed(CoreHost host, Func<RamDbContext, bool>? committed = null) : IChangeFeed
    {
        public List<(Touched Touched, bool Visible)> Published { get; } = [];

        public void Publish(Touched touched)
        {
            using var db = host.NewDb();
            Published.Add((touched, committed?.Invoke(db) ?? true));
        }
    }

    private static T With<T>(CoreHost host, IChangeFeed feed) where T : notnull
    {
        var scope = host.Services.CreateScope().ServiceProvider;
        var services = ActivatorUtilities.CreateInstance<UseCaseServices>(scope, feed);
        return ActivatorUtilities.CreateInstance<T>(scope, services);
    }

    [Fact]
    public async Task A_commit_publishes_what_it_saved_and_only_once_it_is_visible()
    {
        await using var host = await CoreHost.StartAsync();
        await host.Use<CreateUser>().RunAsync(host.Root, new("bot"));
        var feed = new RecordingFeed(host, db => db.AccessKeys.Any());

        await With<AccessKeyUseCases>(host, feed).CreateAsync(host.Root, "bot");

        Assert.Equal([(Touched.AccessKeys, true)], feed.Published);
    }

    [Fact]
    public async Task A_rename_touches_users_but_new_comments_do_not()
    {
        await using var host = await CoreHost.StartAsync();
        await host.Use<CreateUser>().RunAsync(host.Root, new("bot"));
        var feed = new RecordingFeed(host);
        var update = With<UpdateUser>(host, feed);

        await update.RunAsync(host.Root, new("bot", NewComments: "a program"));
        await update.RunAsync(host.Root, new("bot", NewUserName: "robot"));

        Assert.Equal([Touched.None, Touched.Users], feed.Published.Select(p => p.Touched));
    }

    [Fact]
    public async Task A_change_refused_by_its_checks_publishes_nothing()
    {
        await using var host = await CoreHost.StartAsync();
        await host.Use<CreateGroup>().RunAsync(host.Root, new("ops"));
        var feed = new RecordingFeed(host);

        Assert.Equal("EntityAlreadyExists.Group", await CodeOf(() => With<CreateGroup>(host, feed).RunAsync(host.Root, new("ops"))));

        Assert.All(feed.Published, p => Assert.Equal(Touched.None, p.Touched));
    }

    [Fact]
    public async Task What_a_change_saved_before_failing_is_published_when_it_is_disposed_and_bulk_writes_are_declared()
    {
        await using var host = await CoreHost.StartAsync();
        await host.Use<CreateGroup>().RunAsync(host.Root, new("ops"));
        var feed = new RecordingFeed(host);
        var services = ActivatorUtilities.CreateInstance<UseCaseServices>(host.Services, feed);

        await using (var change = await services.BeginChangeAsync(host.Root, RamActions.UpdateGroup, "*", CancellationToken.None))
        {
            (await change.Db.Groups.SingleAsync()).Comments = "saved, then the change failed";
            await change.Db.SaveChangesAsync();
            await change.Db.Groups.ExecuteUpdateAsync(u => u.SetProperty(g => g.UpdatedAt, host.Time.GetUtcNow()));
            change.Touches(Touched.Roles); // say, a bulk update of roles alongside
        }

        Assert.Equal([Touched.Groups | Touched.Roles], feed.Published.Select(p => p.Touched));
    }

    [Fact]
    public void The_local_feed_makes_only_the_caches_built_from_what_was_touched_forget()
    {
        var forgotten = new List<string>();
        var caches = new[] { new Cache("keys", Touched.AccessKeys | Touched.Users, forgotten), new Cache("roles", Touched.Roles, forgotten) };
        var feed = new LocalChangeFeed(caches);

        feed.Publish(Touched.Users);
        feed.Publish(Touched.None);
        feed.Publish(Touched.Roles | Touched.Settings);

        Assert.Equal(["keys", "roles"], forgotten);
    }

    private sealed class Cache(string name, Touched builtFrom, List<string> forgotten) : ICommittedStateCache
    {
        public Touched BuiltFrom => builtFrom;

        public void Forget() => forgotten.Add(name);
    }
}
