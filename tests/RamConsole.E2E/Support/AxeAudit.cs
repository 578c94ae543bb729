using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace RamConsole.E2E.Support;

/// <summary>
/// Runs axe-core (WCAG 2.0/2.1 A and AA rules only) over a page in the state a person sees it, keeps the critical and
/// serious violations with the page they were found on, and saves a screenshot of each state. No rule is disabled.
/// </summary>
public sealed class AxeAudit
{
    private static readonly AxeRunOptions Options = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        ResultTypes = [ResultType.Violations],
    };

    private static readonly HashSet<string> Failing = ["critical", "serious"];

    private readonly List<(string State, AxeResultItem Rule, AxeResultNode Node)> _found = [];
    private readonly List<(string State, int Critical, int Serious, int Other)> _counts = [];

    /// <summary>Waits until the page has settled (no progress indicator, animations done), then audits it.</summary>
    public async Task CheckAsync(IPage page, string state)
    {
        await SettleAsync(page);
        var result = await page.RunAxe(Options);
        int critical = 0, serious = 0, other = 0;
        foreach (var rule in result.Violations)
        {
            foreach (var node in rule.Nodes)
            {
                if (rule.Impact == "critical") critical++;
                else if (rule.Impact == "serious") serious++;
                else other++;
                if (Failing.Contains(rule.Impact ?? "")) _found.Add((state, rule, node));
            }
        }
        _counts.Add((state, critical, serious, other));
        var file = string.Concat(state.Select(c => char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-'));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ArtifactPath($"a11y/{file}.png"), FullPage = true });
    }

    /// <summary>
    /// Until every server call the page started has answered (MudBlazor's progress bars and spinners are gone) and the
    /// transitions of popovers, dialogs and tabs have run: axe measures colours as they are drawn.
    /// </summary>
    private static async Task SettleAsync(IPage page)
    {
        await page.WaitForFunctionAsync(
            "() => (document.querySelector('.mud-layout, .rc-account-shell') !== null) && "
            + "![...document.querySelectorAll('.mud-progress-linear, .mud-progress-circular, .rc-boot')].some(e => e.getClientRects().length > 0)",
            null, new PageWaitForFunctionOptions { Timeout = 20_000 });
        await page.WaitForTimeoutAsync(400);
    }

    public int FailingCount => _found.Count;

    /// <summary>Per state: critical / serious / other node counts, then every failing node with its rule.</summary>
    public string Report()
    {
        var text = new StringBuilder("state | critical | serious | moderate+minor\n");
        foreach (var (state, critical, serious, other) in _counts) text.AppendLine($"{state} | {critical} | {serious} | {other}");
        text.AppendLine().AppendLine($"{_counts.Sum(c => c.Critical)} critical, {_counts.Sum(c => c.Serious)} serious on {_counts.Count} states.");
        foreach (var group in _found.GroupBy(f => f.State))
        {
            text.AppendLine().AppendLine($"## {group.Key}");
            foreach (var (_, rule, node) in group)
                text.AppendLine($"- {rule.Impact} {rule.Id}: {node.Target} — {Trim(node.Html)}");
        }
        return text.ToString();
    }

    private static string Trim(string? html) => html is null ? "" : html.Length <= 160 ? html : html[..160] + "…";
}
