using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using RamConsole.Web.Hosting;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Extensions.Logging;

namespace RamConsole.Web.Tests.Hosting;

public sealed class SecretScrubberTests : IDisposable
{
    private const string Planted = "PlantedS3cretValue9";
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "ramconsole-log-tests", Guid.NewGuid().ToString("N"));

    private sealed class Capture : ILogEventSink
    {
        public List<LogEvent> Events { get; } = [];
        public void Emit(LogEvent logEvent) => Events.Add(logEvent);
    }

    public void Dispose()
    {
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { } // best effort
    }

    [Fact]
    public void A_planted_secret_never_reaches_the_console_or_the_json_log_file()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Logs:Directory"] = _directory,
        }).Build();
        var capture = new Capture();
        var console = new StringWriter();
        var originalOut = Console.Out;
        Console.SetOut(console);
        try
        {
            var serilog = RamLogging.Configure(new LoggerConfiguration(), configuration, _directory).WriteTo.Sink(capture).CreateLogger();
            using (var factory = new SerilogLoggerFactory(serilog, dispose: true))
            {
                var log = factory.CreateLogger("Test");
                log.LogInformation("Created key {AccessKeyId} with {AccessKeySecret}", "LTAIkeepme", Planted);
                log.LogInformation("Sign-in by {UserName} with {Password}", "alice", Planted);
                log.LogInformation("Token {SecurityToken} for session", Planted);
                log.LogInformation("MFA {MfaCode} entered", Planted);
                log.LogWarning("Request {QueryString}", $"?Action=ListUsers&Signature={Planted}&SecurityToken={Planted}&AccessKeyId=LTAIkeepme");
                log.LogWarning("Header {Header}", $"ACS3-HMAC-SHA256 Credential=LTAIkeepme,SignedHeaders=host,Signature={Planted}");
                log.LogWarning("Body {Body}", $"{{\"UserName\":\"alice\",\"Password\":\"{Planted}\"}}");
                log.LogWarning("Object {@Key}", new { AccessKeyId = "LTAIkeepme", AccessKeySecret = Planted, Nested = new { Password = Planted } });
                log.LogWarning("Dictionary {Settings}", new Dictionary<string, string> { ["RootPassword"] = Planted, ["Alias"] = "keep" });
                log.LogWarning("Path {WebRootPath} kept", "/srv/keep-this-path"); // names that merely contain "otp" are not secrets
                // Federated credentials: a SAML assertion and an OIDC id_token are bearer credentials until they expire.
                log.LogWarning("Federated {QueryString}", $"?Action=AssumeRoleWithSAML&SAMLAssertion={Planted}&OIDCToken={Planted}&RoleArn=keep");
                log.LogWarning("Posted {SAMLResponse}", Planted);
            }
        }
        finally
        {
            Console.SetOut(originalOut);
        }

        var file = Assert.Single(Directory.GetFiles(_directory, "ramconsole-*.json"));
        var fileText = File.ReadAllText(file);
        var rendered = string.Join("\n", capture.Events.Select(e => e.RenderMessage() + " " + string.Join(",", e.Properties.Values)));
        Assert.Equal(12, capture.Events.Count);
        Assert.Contains("/srv/keep-this-path", fileText);
        Assert.DoesNotContain(Planted, rendered);
        Assert.DoesNotContain(Planted, fileText);
        Assert.DoesNotContain(Planted, console.ToString());
        Assert.Contains("LTAIkeepme", fileText); // ids are not secrets and stay
        Assert.Contains("alice", fileText);
        Assert.Contains(SecretScrubber.Mask, fileText);
    }
}
