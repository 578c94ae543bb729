using RamConsole.Core;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RamConsole.Core.AccessKeys;
using RamConsole.Core.Account;
using RamConsole.Core.Authorization;
using RamConsole.Core.Hygiene;
using RamConsole.Core.Policies;
using RamConsole.Core.Users;
using RamConsole.Tests.Shared;
using Ops = RamConsole.Web.Api.ApiOperations;

namespace RamConsole.Web.Tests.Api;

/// <summary>IMS 2019-08-15 GenerateCredentialReport / GetCredentialReport through the real pipeline.</summary>
public sealed class ImsApiTests : IAsyncLifetime
{
    private readonly RamConsoleFactory _factory = new();
    private RpcClient _auditor = null!, _nobody = null!;

    public async Task InitializeAsync()
    {
        _factory.CreateClient();
        using var scope = _factory.Services.CreateScope();
        var s = scope.ServiceProvider;
        var account = s.GetRequiredService<RamAccount>();
        var root = new Caller { Type = PrincipalKind.Root, Arn = account.RootArn, Name = "root", DisplayName = "root", Channel = CallChannel.Console };
        foreach (var name in new[] { "auditor", "nobody", "carol", "dave" }) await s.GetRequiredService<CreateUser>().RunAsync(root, new(name));
        await s.GetRequiredService<CreatePolicy>().RunAsync(root, new("CredentialReports",
            """{"Version":"1","Statement":[{"Effect":"Allow","Action":["ram:GenerateCredentialReport","ram:GetCredentialReport"],"Resource":"*"}]}"""));
        await s.GetRequiredService<PolicyAttachments>().AttachAsync(root, "Custom", "CredentialReports", PrincipalKind.User, "auditor");
        var keys = s.GetRequiredService<AccessKeyUseCases>();
        var auditorKey = await keys.CreateAsync(root, "auditor");
        var nobodyKey = await keys.CreateAsync(root, "nobody");
        _auditor = new RpcClient(_factory.CreateClient(), auditorKey.AccessKeyId, auditorKey.AccessKeySecret);
        _nobody = new RpcClient(_factory.CreateClient(), nobodyKey.AccessKeyId, nobodyKey.AccessKeySecret);
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private static string[] Lines(JsonElement body) =>
        Encoding.UTF8.GetString(Convert.FromBase64String(body.GetProperty("Content").GetString()!)).Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public async Task A_report_is_generated_then_read_page_by_page_as_base64_csv()
    {
        var (missing, missingBody) = await _auditor.V1Async(Ops.Ims, "GetCredentialReport");
        Assert.Equal((404, "EntityNotExist.CredentialReport"), (missing, missingBody.GetProperty("Code").GetString()));

        var (status, started) = await _auditor.V3Async(Ops.Ims, "GenerateCredentialReport");
        Assert.Equal(200, status);
        Assert.Equal("STARTED", started.GetProperty("State").GetString());
        await _factory.Services.GetRequiredService<CredentialReport>().Completion;

        var (_, first) = await _auditor.V1Async(Ops.Ims, "GetCredentialReport", new Dictionary<string, string> { ["MaxItems"] = "3" });
        Assert.True(first.GetProperty("IsTruncated").GetBoolean());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", first.GetProperty("GeneratedTime").GetString());
        var page1 = Lines(first);
        Assert.Equal(3, page1.Length);
        Assert.StartsWith("user,arn,user_creation_time", page1[0], StringComparison.Ordinal);
        Assert.StartsWith("<root>,", page1[1], StringComparison.Ordinal);
        var (_, second) = await _auditor.V1Async(Ops.Ims, "GetCredentialReport",
            new Dictionary<string, string> { ["MaxItems"] = "3", ["NextToken"] = first.GetProperty("NextToken").GetString()! });
        Assert.False(second.GetProperty("IsTruncated").GetBoolean());
        Assert.False(second.TryGetProperty("NextToken", out _));
        // Header, root, then the four users by name: every line exactly once across the pages.
        Assert.Equal(["auditor", "carol", "dave", "nobody"], page1.Skip(2).Concat(Lines(second)).Select(l => l.Split(',')[0]));
    }

    [Fact]
    public async Task Bad_paging_and_callers_without_permission_get_their_codes()
    {
        await _auditor.V1Async(Ops.Ims, "GenerateCredentialReport");
        await _factory.Services.GetRequiredService<CredentialReport>().Completion;

        async Task<(int, string?)> Get(RpcClient client, Dictionary<string, string>? query = null)
        {
            var (status, body) = await client.V1Async(Ops.Ims, "GetCredentialReport", query);
            return (status, body.GetProperty("Code").GetString());
        }
        Assert.Equal((400, "InvalidParameter.MaxItems"), await Get(_auditor, new() { ["MaxItems"] = "0" }));
        Assert.Equal((400, "InvalidParameter.NextToken"), await Get(_auditor, new() { ["NextToken"] = "not-a-token" }));
        Assert.Equal((400, "InvalidParameter.NextToken"), await Get(_auditor, new() { ["NextToken"] = Convert.ToBase64String(Encoding.ASCII.GetBytes("1:5")) }));
        Assert.Equal((403, "NoPermission"), await Get(_nobody));
        var (status, body) = await _nobody.V1Async(Ops.Ims, "GenerateCredentialReport");
        Assert.Equal((403, "ram:GenerateCredentialReport"), (status, body.GetProperty("AccessDeniedDetail").GetProperty("AuthAction").GetString()));
    }
}
