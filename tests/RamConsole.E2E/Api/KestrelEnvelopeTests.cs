using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using RamConsole.Tests.Shared;
using RamConsole.Web.Api;

namespace RamConsole.E2E.Api;

/// <summary>
/// On the real server (Kestrel, whose own limits answer with a bare 414/431), a request line or headers just over the
/// API's limits still get the API's coded answer: Kestrel's limits are set above them.
/// </summary>
public sealed class KestrelEnvelopeTests : IAsyncLifetime
{
    private readonly RamConsoleFactory _factory = new();
    private HttpClient _http = null!;

    public Task InitializeAsync()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        _factory.UseKestrel(o => o.ListenLocalhost(port));
        _factory.StartServer();
        _http = new HttpClient { BaseAddress = new Uri($"http://localhost:{port}") };
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _factory.DisposeAsync();
    }

    private async Task<(int Status, string Code)> SendAsync(HttpRequestMessage request)
    {
        var response = await _http.SendAsync(request);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return ((int)response.StatusCode, json.RootElement.GetProperty("Code").GetString()!);
    }

    [Fact]
    public async Task A_long_request_line_is_answered_with_the_APIs_code_not_Kestrels_bare_414()
    {
        var path = "/?Action=ListUsers&Version=2015-05-01&Padding=" + new string('a', ApiEnvelope.MaxRequestLine);

        Assert.Equal((414, "InvalidParameter.RequestLine"), await SendAsync(new HttpRequestMessage(HttpMethod.Get, path)));
    }

    [Fact]
    public async Task A_federated_call_as_long_as_the_SDK_sends_reaches_the_API_and_beyond_its_limit_gets_the_APIs_code()
    {
        // As the official STS SDK sends AssumeRoleWithSAML: every parameter in the query string of a POST. A 150,000-
        // character line (past Kestrel's default 8 KB and the other calls' 64 KiB) reaches the API, which judges the call
        // (here: a provider of another account); past the API's own limit for these calls, the API's 414 — never Kestrel's.
        var line = "/?Action=AssumeRoleWithSAML&Version=2015-04-01&SAMLProviderArn=acs%3Aram%3A%3A1%3Asaml-provider%2Fx&RoleArn=acs%3Aram%3A%3A1%3Arole%2Fr&SAMLAssertion=";
        Assert.Equal((400, "InvalidParameter.SAMLProviderArn"), await SendAsync(new HttpRequestMessage(HttpMethod.Post, line + new string('A', 150_000))));
        Assert.Equal((414, "InvalidParameter.RequestLine"), await SendAsync(new HttpRequestMessage(HttpMethod.Post, line + new string('A', ApiEnvelope.MaxFederatedRequestLine))));
    }

    [Fact]
    public async Task Large_headers_are_answered_with_the_APIs_code_not_Kestrels_bare_431()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/?Action=ListUsers&Version=2015-05-01");
        for (var i = 0; i < 40; i++) request.Headers.TryAddWithoutValidation($"x-padding-{i}", new string('a', 1000)); // over Kestrel's default 32 KB

        Assert.Equal((431, "InvalidParameter.Headers"), await SendAsync(request));
    }
}
