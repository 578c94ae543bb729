using Microsoft.EntityFrameworkCore.Design;
using RamConsole.Core.Persistence;

namespace RamConsole.Migrations.PostgreSQL;

/// <summary>Lets <c>dotnet ef migrations add</c> build the PostgreSQL model; no server is contacted.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<RamDbContext>
{
    public RamDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<RamDbContext>();
        RamDatabase.Configure(options, DatabaseProvider.PostgreSQL, "Host=localhost;Database=design_time");
        return new RamDbContext(options.Options);
    }
}
