using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace RamConsole.Web.Hosting;

/// <summary>
/// Serilog set up from the <c>Serilog</c> section (levels, extra sinks) plus the two sinks every installation has:
/// the console and a daily rolling JSON file under <c>data/logs</c> (or <c>Logs:Directory</c>). Every event passes
/// through <see cref="SecretScrubber"/> first.
/// </summary>
public static class RamLogging
{
    public static void AddRamLogging(IServiceCollection services, IConfiguration configuration, string appDirectory) =>
        services.AddSerilog((provider, logger) => Configure(logger, configuration, appDirectory));

    public static LoggerConfiguration Configure(LoggerConfiguration logger, IConfiguration configuration, string appDirectory)
    {
        var directory = configuration["Logs:Directory"];
        directory = string.IsNullOrWhiteSpace(directory) ? Path.Combine(appDirectory, "data", "logs") : directory;
        // The defaults of appsettings.json, also when it is not found (a binary started from another folder): without
        // them every SQL command is logged at Information. The "Serilog" section overrides them.
        logger.MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.EntityFrameworkCore", LogEventLevel.Warning);
        logger.ReadFrom.Configuration(configuration)
            .Enrich.FromLogContext()
            .Enrich.With<SecretScrubber>()
            // Sinks write on a background thread so that a slow terminal or disk never stalls a request.
            .WriteTo.Async(a => a.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture));
        if (configuration.GetValue("Logs:File", true))
        {
            logger.WriteTo.Async(a => a.File(new CompactJsonFormatter(), Path.Combine(directory, "ramconsole-.json"),
                rollingInterval: RollingInterval.Day, retainedFileCountLimit: configuration.GetValue("Logs:RetainedFiles", 14)));
        }
        return logger;
    }
}
