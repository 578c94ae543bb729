using RamConsole.Web.Hosting;

// Verbs (DESIGN §7): none serves the console; `migrate` applies migrations and exits; `copy-database` moves the data to another engine; `policy …` needs no host.
switch (args)
{
    case ["migrate", ..]:
        return await RamConsoleHost.MigrateAsync(args[1..]);
    case ["policy", ..]:
        return PolicyVerbs.Run(args[1..], Console.Out, Console.Error);
    case ["copy-database", ..]:
        return await CopyDatabaseVerb.RunAsync(args[1..], Console.Out, Console.Error);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddRamConsole();
var app = builder.Build();
app.UseRamConsole();
await app.RunAsync();
return 0;

/// <summary>Entry point, public so that WebApplicationFactory can start the real host in tests.</summary>
public partial class Program;
