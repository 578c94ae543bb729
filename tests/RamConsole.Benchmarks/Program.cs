namespace RamConsole.Benchmarks;

public static class Program
{
    public static void Main(string[] args)
    {
        if (args is ["--probe"]) { Probe.Run(); return; }
        if (args is ["--alloc"]) { AllocProbe.Run(); return; }
    }
}
