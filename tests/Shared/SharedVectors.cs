namespace RamConsole.Tests.Shared;

/// <summary>
/// Finds <c>../shared/vectors</c> beside the repository (CI puts <c>shared/</c> next to the clone), or the folder named
/// by RAMCONSOLE_SHARED.
/// </summary>
public static class SharedVectors
{
    public static string Directory
    {
        get
        {
            if (Environment.GetEnvironmentVariable("RAMCONSOLE_SHARED") is { Length: > 0 } configured)
                return Path.Combine(configured, "vectors");
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "RamConsole.sln")))
                    return Path.Combine(dir.Parent!.FullName, "shared", "vectors");
            }
            throw new DirectoryNotFoundException("RamConsole.sln not found above " + AppContext.BaseDirectory);
        }
    }

    public static string PathOf(string fileName)
    {
        var path = System.IO.Path.Combine(Directory, fileName);
        if (!File.Exists(path)) throw new FileNotFoundException($"Test vector {fileName} not found; expected ../shared/vectors beside the repository or RAMCONSOLE_SHARED.", path);
        return path;
    }
}
