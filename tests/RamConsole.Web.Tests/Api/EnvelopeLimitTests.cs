using System.Text;
using System.Text.Json;
using RamConsole.Tests.Shared;
using RamConsole.Web.Api;
using Ops = RamConsole.Web.Api.ApiOperations;

namespace RamConsole.Web.Tests.Api;

/// <summary>Every envelope limit answers a 4xx with an Alibaba-style code — never the framework's 500 — one limit a test.</summary>
public sealed class EnvelopeLimitTests : IAsyncLifetime
{
    private readonly RamConsoleFactory _factory = new();
    private RpcClient _admin = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _http = _factory.CreateClient();
        var key = await _factory.UserWithKeyAsync("admin-bot", "AdministratorAccess");
        _admin = new RpcClient(_factory.CreateClient(), key.AccessKeyId, key.AccessKeySecret);
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private async Task<(int Status, string Code)> SendAsync(HttpRequestMessage request)
    {
        var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        using var json = JsonDocument.Parse(text);
        return ((int)response.StatusCode, json.RootElement.GetProperty("Code").GetString()!);
    }

    /// <summary>A signed ListUsers call, its signature parameters in the query, with <paramref name="form"/> as its body.</summary>
    private HttpRequestMessage SignedPost(string form) => new(HttpMethod.Post, _admin.V1Path(Ops.Ram, "ListUsers"))
    {
        Content = new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded"),
    };

    [Fact]
    public async Task A_form_body_with_two_thousand_fields_is_refused_for_its_count()
    {
        var form = string.Join("&", Enumerable.Range(0, 2000).Select(i => $"Field{i}=x"));

        Assert.Equal((400, "InvalidParameter.ParameterCount"), await SendAsync(SignedPost(form)));
    }

    [Fact]
    public async Task A_query_with_too_many_parameters_is_refused_for_its_count()
    {
        var path = _admin.V1Path(Ops.Ram, "ListUsers") + string.Concat(Enumerable.Range(0, ApiEnvelope.MaxParameters).Select(i => $"&P{i}=x"));

        Assert.Equal((400, "InvalidParameter.ParameterCount"), await SendAsync(new HttpRequestMessage(HttpMethod.Get, path)));
    }

    [Fact]
    public async Task A_body_over_the_size_limit_is_refused_with_413()
    {
        var form = "PolicyDocument=" + new string('a', ApiEnvelope.MaxBodyBytes);

        Assert.Equal((413, "InvalidParameter.Body"), await SendAsync(SignedPost(form)));
    }

    [Fact]
    public async Task A_request_line_over_the_limit_is_refused_with_414()
    {
        var path = _admin.V1Path(Ops.Ram, "ListUsers") + "&Padding=" + new string('a', ApiEnvelope.MaxRequestLine);

        Assert.Equal((414, "InvalidParameter.RequestLine"), await SendAsync(new HttpRequestMessage(HttpMethod.Get, path)));
    }

    [Fact]
    public async Task Headers_over_the_limit_are_refused_with_431()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, _admin.V1Path(Ops.Ram, "ListUsers"));
        for (var i = 0; i < 20; i++) request.Headers.TryAddWithoutValidation($"x-padding-{i}", new string('a', 1000));

        Assert.Equal((431, "InvalidParameter.Headers"), await SendAsync(request));
    }

    [Fact]
    public async Task A_parameter_over_the_length_limit_is_refused_naming_it()
    {
        var form = "PolicyDocument=" + new string('a', ApiEnvelope.MaxParameterLength + 1);

        Assert.Equal((400, "InvalidParameter.PolicyDocument.Length"), await SendAsync(SignedPost(form)));
    }

    [Fact]
    public async Task A_parameter_name_over_the_length_limit_is_refused_in_the_query_and_in_the_form()
    {
        var name = new string('N', 3000); // beyond the form reader's own 2,048-character key limit too
        var query = await SendAsync(new HttpRequestMessage(HttpMethod.Get, _admin.V1Path(Ops.Ram, "ListUsers") + $"&{name}=x"));
        var form = await SendAsync(SignedPost($"{name}=x"));

        Assert.Equal((400, "InvalidParameter.ParameterName"), query);
        Assert.Equal(400, form.Status);
        Assert.StartsWith("InvalidParameter.", form.Code);
    }
}
