using RamConsole.Core.Persistence;

namespace RamConsole.Web.Hosting;

/// <summary>
/// <c>copy-database --to-provider PostgreSQL --to "&lt;connection string&gt;"</c>: copies this installation's database
/// (as configured: <c>Database:Provider</c>, <c>ConnectionStrings:Ram</c>) into an empty database of the other engine,
/// then prints each table's row count. Stop the node first; the target's password belongs in the argument or the
/// environment, and is never printed.
/// </summary>
public static class CopyDatabaseVerb
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        string? provider = null, to = null;
        var rest = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--to-provider" when i + 1 < args.Length: provider = args[++i]; break;
                case "--to" when i + 1 < args.Length: to = args[++i]; break;
                default: rest.Add(args[i]); break;
            }
        }
        if (provider is null || string.IsNullOrWhiteSpace(to))
        {
            await error.WriteLineAsync("usage: copy-database --to-provider PostgreSQL|Sqlite --to \"<connection string>\"");
            return 2;
        }
        // The source is found exactly as a node finds its database: the same configuration sources and content root.
        var host = WebApplication.CreateBuilder([.. rest]);
        DatabaseProvider targetProvider;
        try
        {
            targetProvider = RamDatabase.ResolveProvider(new ConfigurationBuilder().AddInMemoryCollection([KeyValuePair.Create(RamDatabase.ProviderKey, (string?)provider)]).Build());
        }
        catch (InvalidOperationException e)
        {
            await error.WriteLineAsync(e.Message);
            return 2;
        }
        try
        {
            var counts = await DatabaseCopy.CopyAsync(host.Configuration, RamConsoleHost.AppDirectory(host.Environment), targetProvider, to);
            foreach (var count in counts) await output.WriteLineAsync($"{count.Table,-28} {count.Source,10} → {count.Target,10}");
            await output.WriteLineAsync($"Copied {counts.Sum(c => c.Target)} rows in {counts.Count} tables; the counts match. Point Database:Provider and ConnectionStrings:Ram at the new database.");
            return 0;
        }
        catch (Exception e) when (e is InvalidOperationException or System.Data.Common.DbException)
        {
            await error.WriteLineAsync("copy-database: " + e.Message);
            return 1;
        }
    }
}
