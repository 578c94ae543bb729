using RamConsole.Policy.Evaluation;
using RamConsole.Policy.Simulation;

namespace RamConsole.Web.Components.Pages.Policies.Simulator;

/// <summary>The simulator's editable state, turned into a <see cref="SimulationInput"/> on submit.</summary>
public sealed class SimulatorForm
{
    public sealed class DocumentField
    {
        public string Name { get; set; } = "";
        public string Text { get; set; } = "";
    }

    public List<DocumentField> Documents { get; } = [new() { Name = "Document 1" }];
    public IReadOnlyCollection<string> SystemPolicies { get; set; } = [];
    public string SessionPolicy { get; set; } = "";
    public string? Action { get; set; }
    public string Resource { get; set; } = "";
    public string SourceIp { get; set; } = "";
    public string MfaPresent { get; set; } = "";
    public string SecureTransport { get; set; } = "";
    public string CurrentTime { get; set; } = "";
    public string PrincipalArn { get; set; } = "";

    /// <summary>Other condition keys, one <c>key=value</c> per line.</summary>
    public string ExtraContext { get; set; } = "";

    public void AddDocument() => Documents.Add(new DocumentField { Name = $"Document {Documents.Count + 1}" });

    public SimulationInput ToInput(int maxDocumentLength)
    {
        var context = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        void Put(string key, string value)
        {
            if (!string.IsNullOrWhiteSpace(value)) context[key] = value.Trim();
        }
        Put(ContextKeys.SourceIp, SourceIp);
        Put(ContextKeys.MfaPresent, MfaPresent);
        Put(ContextKeys.SecureTransport, SecureTransport);
        Put(ContextKeys.CurrentTime, CurrentTime);
        Put(ContextKeys.PrincipalArn, PrincipalArn);
        foreach (var line in ExtraContext.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = line.IndexOf('=');
            if (equals > 0) Put(line[..equals].Trim(), line[(equals + 1)..]);
        }
        return new SimulationInput
        {
            Documents = [.. Documents.Where(d => !string.IsNullOrWhiteSpace(d.Text)).Select(d => new SimulatedDocument(d.Name, d.Text))],
            SystemPolicies = [.. SystemPolicies],
            SessionPolicy = SessionPolicy,
            Action = Action?.Trim() ?? "",
            Resource = Resource.Trim(),
            Context = context,
            MaxDocumentLength = maxDocumentLength,
        };
    }
}
