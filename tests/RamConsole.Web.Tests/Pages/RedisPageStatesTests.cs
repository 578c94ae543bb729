using Bunit;
using Microsoft.AspNetCore.Components;
using RamConsole.Core;
using RamConsole.Core.Policies;
using RamConsole.Core.Redis;
using RamConsole.Core.Users;
using RamConsole.Policy.Catalog;
using RamConsole.Web.Components.Pages.Redis;
using RamConsole.Web.Tests.Support;

namespace RamConsole.Web.Tests.Pages;

/// <summary>
/// The Redis pages' states against the real gate and a real managed redis-server: the list loading, empty, refused and
/// populated; the instance page missing, refused, and for a read-only viewer every write button (Connect, Restart,
/// Flush, Delete, Create account) disabled with the kvstore action it would need.
/// </summary>
public sealed class RedisPageStatesTests : IAsyncLifetime
{
    private readonly ConsoleTestContext _ctx = new();

    public async Task InitializeAsync()
    {
        await _ctx.UseRealCoreAsync();
        var root = _ctx.RootCaller;
        await _ctx.Use<CreateUser>().RunAsync(root, new("reader"));
        await _ctx.Use<CreateUser>().RunAsync(root, new("nobody"));
        await _ctx.Use<PolicyAttachments>().AttachAsync(root, "System", "AliyunKvstoreReadOnlyAccess", PrincipalKind.User, "reader");
    }

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    private Task<RedisInstanceView> InstanceAsync() => _ctx.Use<CreateRedisInstance>().RunAsync(_ctx.RootCaller, new("orders-cache", "Orders-Passw0rd-1"));

    [Fact]
    public void An_empty_list_says_what_to_do()
    {
        _ctx.SignInAsRoot();
        var empty = _ctx.RenderPage(typeof(RedisInstancesPage)).Page;
        empty.WaitForAssertion(() => Assert.Contains("No Redis instances", empty.Markup));
    }

    [Fact]
    public void A_viewer_without_rights_is_told_what_was_refused_instead_of_an_empty_list()
    {
        _ctx.SignInAsUser("nobody");
        var refused = _ctx.RenderPage(typeof(RedisInstancesPage)).Page;
        refused.WaitForAssertion(() => Assert.Contains("kvstore:DescribeInstances", refused.Markup));
        Assert.Contains("NoPermission", refused.Markup);
        Assert.DoesNotContain("No Redis instances", refused.Markup);
    }

    [Fact]
    public async Task The_list_shows_each_instance_with_its_status_and_a_read_only_viewer_cannot_create()
    {
        var instance = await InstanceAsync();
        _ctx.SignInAsUser("reader");
        IRenderedComponent<DynamicComponent> page;
        using (_ctx.HoldDatabase())
        {
            page = _ctx.RenderPage(typeof(RedisInstancesPage)).Page;
            page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=loading]")));
        }

        page.WaitForAssertion(() => Assert.Contains(instance.InstanceId, page.Find("[data-testid=instances]").TextContent));
        Assert.Equal("Normal", page.Find("[data-testid=instance-status]").TextContent.Trim());
        Assert.Contains(instance.Address, page.Markup);
        var create = page.Find("[data-testid=create-instance]");
        Assert.True(create.HasAttribute("disabled"));
        Assert.Equal(KvstoreActions.CreateInstance, create.GetAttribute("data-refused"));
    }

    [Fact]
    public async Task A_read_only_viewer_sees_the_instance_with_every_write_button_disabled_and_its_action_named()
    {
        var instance = await InstanceAsync();
        _ctx.SignInAsUser("reader");
        var page = _ctx.RenderPage(typeof(RedisInstancePage), new Dictionary<string, object> { ["InstanceId"] = instance.InstanceId }).Page;

        page.WaitForAssertion(() => Assert.Equal("orders-cache", page.Find("h1").TextContent.Trim()));
        page.WaitForAssertion(() => Assert.Equal(
            [KvstoreActions.CreateTemporaryAccount, KvstoreActions.RestartInstance, KvstoreActions.FlushInstance, KvstoreActions.DeleteInstance],
            page.FindAll("[data-refused]").Select(b => b.GetAttribute("data-refused")).Take(4)));
        Assert.Equal(instance.Address, page.Find("[data-testid=instance-address]").TextContent.Trim());
    }

    [Fact]
    public async Task An_administrator_has_every_button_enabled()
    {
        var instance = await InstanceAsync();
        _ctx.SignInAsRoot();
        var page = _ctx.RenderPage(typeof(RedisInstancePage), new Dictionary<string, object> { ["InstanceId"] = instance.InstanceId }).Page;
        page.WaitForAssertion(() => Assert.Equal("orders-cache", page.Find("h1").TextContent.Trim()));
        page.WaitForAssertion(() => Assert.False(page.Find("[data-testid=connect]").HasAttribute("disabled")));
        Assert.Empty(page.FindAll("[data-refused]"));
    }

    [Fact]
    public void An_instance_that_does_not_exist_says_so_in_the_heading()
    {
        _ctx.SignInAsRoot();
        var missing = _ctx.RenderPage(typeof(RedisInstancePage), new Dictionary<string, object> { ["InstanceId"] = "r-00000000000000000000" }).Page;
        missing.WaitForAssertion(() => Assert.Contains("Instance not found", missing.Find("h1").TextContent));
    }

    [Fact]
    public async Task A_viewer_the_gate_refuses_is_told_what_was_refused()
    {
        var instance = await InstanceAsync();
        _ctx.SignInAsUser("nobody");
        var refused = _ctx.RenderPage(typeof(RedisInstancePage), new Dictionary<string, object> { ["InstanceId"] = instance.InstanceId }).Page;
        refused.WaitForAssertion(() => Assert.Contains("You may not view this instance", refused.Find("[data-testid=detail-refused]").TextContent));
        Assert.Contains(KvstoreActions.DescribeInstanceAttribute, refused.Markup);
    }
}
