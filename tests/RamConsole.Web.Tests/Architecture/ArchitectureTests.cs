using System.Reflection;
using System.Text.RegularExpressions;
using Mono.Cecil;
using Mono.Cecil.Cil;
using NetArchTest.Rules;
using RamConsole.Core;
using RamConsole.Core.Authorization;
using RamConsole.Core.Changes;

namespace RamConsole.Web.Tests.Architecture;

/// <summary>
/// The rules of README.md's "Architecture" section, each checked here so that breaking one fails the build's tests:
/// dependencies point one way (Web → Core → Policy); no component touches the database; every use case begins at
/// the gate (the database is reached only through UseCaseServices after a decision, or by a named gate-free step);
/// caches change only through the commit; action names come from the one catalogue.
/// </summary>
public sealed partial class ArchitectureTests
{
    private static readonly Assembly Policy = typeof(RamConsole.Policy.Catalog.ActionCatalog).Assembly;
    private static readonly Assembly Core = typeof(UseCaseServices).Assembly;
    private static readonly Assembly Web = typeof(Program).Assembly;

    private static string Failing(TestResult result) => string.Join(", ", result.FailingTypeNames ?? []);

    [Fact]
    public void Policy_imports_nothing_of_ours_nor_any_framework_beyond_the_base_library()
    {
        var result = Types.InAssembly(Policy).ShouldNot()
            .HaveDependencyOnAny("RamConsole.Core", "RamConsole.Web", "Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore", "Microsoft.Extensions")
            .GetResult();
        Assert.True(result.IsSuccessful, Failing(result));
    }

    [Fact]
    public void Core_never_imports_Web_Blazor_or_HTTP()
    {
        var result = Types.InAssembly(Core).ShouldNot()
            .HaveDependencyOnAny("RamConsole.Web", "Microsoft.AspNetCore.Components", "Microsoft.AspNetCore.Http", "MudBlazor")
            .GetResult();
        Assert.True(result.IsSuccessful, Failing(result));
    }

    [Fact]
    public void Web_composes_no_authorization_and_no_component_touches_the_database()
    {
        // Pages, endpoints and API operations call Core use cases; the gate and the unit of work are Core's.
        var result = Types.InAssembly(Web).ShouldNot()
            .HaveDependencyOnAny("RamConsole.Core.Authorization.RamAuthorizer", "RamConsole.Core.UseCaseServices", "RamConsole.Core.Changes.Change",
                "RamConsole.Core.Persistence.RamDbContext", "Microsoft.EntityFrameworkCore.IDbContextFactory")
            .GetResult();
        Assert.True(result.IsSuccessful, Failing(result));
    }

    /// <summary>
    /// Only UseCaseServices (after the gate), the audit writer and the caches of committed state create database
    /// contexts; everyone else gets one from UseCaseServices — decided, or for a named gate-free step.
    /// </summary>
    [Fact]
    public void Only_the_gate_the_audit_writer_and_the_caches_open_the_database()
    {
        var allowed = new HashSet<string> { typeof(UseCaseServices).FullName!, typeof(RamConsole.Core.Audit.AuditTrail).FullName! };
        allowed.UnionWith(Core.GetTypes().Where(t => typeof(ICommittedStateCache).IsAssignableFrom(t) && t.IsClass).Select(t => t.FullName!));
        allowed.Add("RamConsole.Core.Persistence.RamDatabase"); // migrations at start-up

        var opening = CallersOf(Core, m => m.DeclaringType.Name.StartsWith("IDbContextFactory", StringComparison.Ordinal) && m.Name.StartsWith("CreateDbContext", StringComparison.Ordinal));

        Assert.Empty(opening.Except(allowed));
    }

    /// <summary>Classes that take a context or the user manager but reach no data of their own.</summary>
    private static readonly HashSet<string> NotGateFree =
    [
        "PasswordRules",           // asks Identity's password validators, through the user manager, about a password; writes nothing
        "PasswordPolicyValidator", // one of those validators
        "HygieneContext",          // carries the hygiene report's context, opened by BeginReadAsync after the decision
    ];

    [Fact]
    public void Gate_free_steps_are_taken_only_by_classes_that_name_theirs()
    {
        var marked = Core.GetTypes().Where(t => t.GetCustomAttributes<GateFreeAttribute>().Any()).Select(t => t.FullName!).ToHashSet();
        var taking = CallersOf(Core, m => m.DeclaringType.FullName == typeof(UseCaseServices).FullName
            && m.Name is nameof(UseCaseServices.OpenGateFreeAsync) or nameof(UseCaseServices.BeginGateFreeChangeAsync));
        // Classes that hold a raw context or Identity's user manager run outside the gate too.
        var holding = Core.GetTypes().Where(t => t.GetConstructors().SelectMany(c => c.GetParameters())
                .Any(p => p.ParameterType == typeof(RamConsole.Core.Persistence.RamDbContext) || p.ParameterType.Name.StartsWith("UserManager", StringComparison.Ordinal)))
            .Where(t => t.Namespace != "RamConsole.Core.Persistence" && !NotGateFree.Contains(t.Name))
            .Select(t => t.FullName!);

        Assert.Empty(taking.Concat(holding).Except(marked));
        // The list is short on purpose: a new gate-free class is a decision, reviewed here.
        Assert.Equal(
            ["AccountBootstrap", "ApiUsage", "AuditPurge", "ConsoleSignInCompletion", "ConsoleSso", "CredentialReport", "JobLeases", "MfaDeviceGate", "PasswordSignIn", "Readiness", "RecentPassword", "RedisSupervisor", "RequiredPasswordChange", "SecondFactor",
                "TemporaryAccountSweeper"],
            marked.Select(n => n[(n.LastIndexOf('.') + 1)..]).Order());
    }

    [Fact]
    public void The_database_is_handed_out_only_after_a_decision_or_for_a_named_gate_free_step()
    {
        var handing = typeof(UseCaseServices).GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Where(m => m.ReturnType.IsGenericType && m.ReturnType.GetGenericArguments()[0] is var t
                && (t == typeof(RamConsole.Core.Persistence.RamDbContext) || t == typeof(Change) || t.Name.StartsWith("ValueTuple", StringComparison.Ordinal)
                    || Nullable.GetUnderlyingType(t) is not null));
        foreach (var method in handing)
        {
            var parameters = method.GetParameters();
            var decided = parameters.Length >= 1 && parameters[0].ParameterType == typeof(Caller);
            var gateFree = parameters.Any(p => p.ParameterType == typeof(GateFreeStep));
            Assert.True(decided || gateFree, $"UseCaseServices.{method.Name} hands out the database without a caller to decide for or a gate-free step");
        }
        Assert.DoesNotContain(typeof(UseCaseServices).GetProperties(), p => p.PropertyType.Name.Contains("DbContext", StringComparison.Ordinal));
    }

    [Fact]
    public void Caches_change_only_through_the_commit()
    {
        var caches = Core.GetTypes().Where(t => typeof(ICommittedStateCache).IsAssignableFrom(t) && t.IsClass).Select(t => t.FullName!).ToHashSet();
        var forgetting = CallersOf(Core, m => m.Name == nameof(ICommittedStateCache.Forget) && (caches.Contains(m.DeclaringType.FullName) || m.DeclaringType.Name == nameof(ICommittedStateCache)))
            .Concat(CallersOf(Web, m => m.Name == nameof(ICommittedStateCache.Forget)));
        var invalidating = CallersOf(Core, m => m.DeclaringType.Name.StartsWith("GenerationCache", StringComparison.Ordinal) && m.Name == "Invalidate");

        Assert.Equal([typeof(LocalChangeFeed).FullName!], forgetting.Distinct());
        Assert.Empty(invalidating.Except(caches));
    }

    [Fact]
    public void Action_names_come_from_the_catalogue_not_inline_strings()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "RamConsole.sln"))) root = root.Parent!;
        var catalogue = Path.Combine("src", "RamConsole.Policy", "Catalog");
        var contextKeys = Path.Combine("src", "RamConsole.Policy", "Evaluation", "RequestContext.cs"); // sts:ExternalId is a condition key
        var offenders = Directory.EnumerateFiles(Path.Combine(root.FullName, "src"), "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
                && !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                && !f.Contains(Path.DirectorySeparatorChar + "Migrations" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                && !Path.GetRelativePath(root.FullName, f).StartsWith(catalogue, StringComparison.Ordinal)
                && Path.GetRelativePath(root.FullName, f) != contextKeys)
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetRelativePath(root.FullName, f), Line: i + 1, Text: line)))
            .Where(l => InlineAction().IsMatch(l.Text))
            .Select(l => $"{l.File}:{l.Line}");

        Assert.Empty(offenders);
    }

    // A string literal that is exactly an action name — not one inside a policy document's JSON (after ":", "[" or ",").
    [GeneratedRegex("""(?<![:\[,]\s*)"(ram|sts|kvstore|ims):[A-Z][A-Za-z]*"(?!\s*:)""")]
    private static partial Regex InlineAction();

    /// <summary>The types (outermost, so async state machines and lambdas count for their class) with a method calling a matching method.</summary>
    private static HashSet<string> CallersOf(Assembly assembly, Func<MethodReference, bool> matches)
    {
        using var module = ModuleDefinition.ReadModule(assembly.Location);
        var callers = new HashSet<string>();
        foreach (var type in module.GetTypes())
        {
            foreach (var method in type.Methods.Where(m => m.HasBody))
            {
                if (!method.Body.Instructions.Any(i => i.OpCode.FlowControl == FlowControl.Call && i.Operand is MethodReference called && matches(called))) continue;
                var outer = type;
                while (outer.DeclaringType is not null) outer = outer.DeclaringType;
                callers.Add(outer.FullName);
            }
        }
        return callers;
    }
}
