namespace RamConsole.Policy.Catalog;

/// <summary>
/// The actions RamConsole knows — the constants of <see cref="RamActions"/>, <see cref="StsActions"/> and
/// <see cref="KvstoreActions"/>, in declaration order. Used for completion in the simulator, for "what changes" diffs,
/// and to pre-compute per-action statement lists.
/// </summary>
public static class ActionCatalog
{
    public static IReadOnlyList<string> Ram { get; } = ConstantsOf(typeof(RamActions));

    public static IReadOnlyList<string> Sts { get; } = ConstantsOf(typeof(StsActions));

    public static IReadOnlyList<string> Kvstore { get; } = ConstantsOf(typeof(KvstoreActions));

    public static IReadOnlyList<string> All { get; } = [.. Ram, .. Sts, .. Kvstore];

    private static string[] ConstantsOf(Type type) =>
        [.. type.GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string)).Select(f => (string)f.GetRawConstantValue()!)];
}
