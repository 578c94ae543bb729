using RamConsole.Core.Errors;

namespace RamConsole.Web.Api;

/// <summary>Protocol-level refusals (signature, timestamp, parameters) with Alibaba's codes; use-case errors are RamExceptions already.</summary>
public static class ApiError
{
    public static RamException Missing(string parameter) => new("MissingParameter", $"The input parameter \"{parameter}\" that is mandatory for processing this request is not supplied.", 400, parameter);

    public static RamException IncompleteSignature(string message) => new("IncompleteSignature", message, 400);

    public static RamException NodeNotInSync() => new("ServiceUnavailable", "This node has lost contact with the cluster's change transport; retry (another node will answer).", 503);

    public static RamException KeyNotFound() => new("InvalidAccessKeyId.NotFound", "Specified access key is not found.", 404);

    public static RamException KeyInactive() => new("InvalidAccessKeyId.Inactive", "Specified access key is disabled.", 400);

    public static RamException TimestampExpired(string value) => new("InvalidTimeStamp.Expired", $"Specified time stamp or date value is expired: {value}. It must be within 15 minutes of the server time.", 400);

    public static RamException NonceUsed() => new("SignatureNonceUsed", "Specified signature nonce was used already.", 400);

    public static RamException SignatureMismatch(string stringToSign) =>
        new("SignatureDoesNotMatch", $"Specified signature is not matched with our calculation. server string to sign is:{stringToSign}", 400);

    public static RamException UnknownAction(string action, string version) =>
        new("InvalidAction.NotFound", $"Specified api {action} is not found for version {version}; check the Action and Version parameters.", 404);
}
