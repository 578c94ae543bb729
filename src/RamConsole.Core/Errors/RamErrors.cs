namespace RamConsole.Core.Errors;

/// <summary>The Alibaba error codes use cases raise (DESIGN §6), in one place so messages stay consistent.</summary>
public static class RamErrors
{
    public static RamException NotFound(string entity, string name) =>
        new($"EntityNotExist.{entity}", $"The {entity.ToLowerInvariant()} {name} does not exist.", 404);

    public static RamException AlreadyExists(string entity, string name, string field) =>
        new($"EntityAlreadyExists.{entity}", $"The {entity.ToLowerInvariant()} {name} already exists.", 409, field);

    public static RamException DeleteConflict(string code, string message) => new($"DeleteConflict.{code}", message, 409);

    public static RamException LimitExceeded(string code, string message) => new($"LimitExceeded.{code}", message, 409);

    public static RamException Invalid(string code, string message, string? field = null) => new(code, message, 400, field);
}
