using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RamConsole.Core.Audit;
using RamConsole.Core.Authorization;
using RamConsole.Core.Errors;
using RamConsole.Core.Tests.Support;

namespace RamConsole.Core.Tests.Authorization;

public sealed class RamAuthorizerTests
{
    private static Caller As(PrincipalKind type, string arn) => new()
    {
        Type = type,
        Arn = arn,
        Name = arn[(arn.LastIndexOf('/') + 1)..],
        DisplayName = arn,
        Channel = CallChannel.Console,
        SourceIp = "198.51.100.4",
    };

    [Fact]
    public async Task Root_is_allowed_and_nothing_is_audited_for_an_allowed_check()
    {
        await using var host = await CoreHost.StartAsync();
        var gate = host.Services.GetRequiredService<RamAuthorizer>();
        await using var db = host.NewDb();
        var before = await db.AuditEvents.CountAsync();

        await gate.DemandAsync(As(PrincipalKind.Root, "acs:ram::1:root"), "ram:CreateUser", "acs:ram:*:1:user/alice");

        Assert.Equal(before, await db.AuditEvents.CountAsync());
    }

    [Fact]
    public async Task A_RAM_user_is_denied_with_NoPermission_and_the_denial_is_audited()
    {
        await using var host = await CoreHost.StartAsync();
        var gate = host.Services.GetRequiredService<RamAuthorizer>();
        var caller = As(PrincipalKind.User, "acs:ram::1:user/alice");

        var error = await Assert.ThrowsAsync<RamException>(() => gate.DemandAsync(caller, "ram:CreateUser", "acs:ram:*:1:user/bob"));

        Assert.Equal("NoPermission", error.Code);
        Assert.Equal(403, error.HttpStatus);
        Assert.Equal("ImplicitDeny", error.AccessDenied!.NoPermissionType);
        Assert.Equal("ram:CreateUser", error.AccessDenied.AuthAction);
        await using var db = host.NewDb();
        var denial = await db.AuditEvents.SingleAsync(e => e.Result == AuditResult.Denied);
        Assert.Equal("ram:CreateUser", denial.Action);
        Assert.Equal("acs:ram::1:user/alice", denial.PrincipalArn);
        Assert.Equal("acs:ram:*:1:user/bob", denial.ResourceArn);
        Assert.Equal("NoPermission", denial.ErrorCode);
        Assert.Equal(caller.RequestId, denial.RequestId);
        Assert.Equal(AuditChannel.Console, denial.Channel);
    }
}
