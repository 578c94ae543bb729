using Microsoft.EntityFrameworkCore.Design;

namespace RamConsole.Core.Persistence;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the web host.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<RamDbContext>
{
    public RamDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<RamDbContext>();
        RamDatabase.Configure(options, "Data Source=design-time.db");
        return new RamDbContext(options.Options);
    }
}
