namespace Microneedling.Dialogs.Teams;

/// <summary>
/// A Teams invoke the bot cannot use (an unknown command id, a value of the wrong shape). The bot answers
/// it 400 with <see cref="Body"/>, which says why (the SDK's own InvokeResponseException is protected to
/// handler subclasses, so the extension classes throw this and the bot converts it).
/// </summary>
public sealed class BadInvokeException(string message) : Exception(message)
{
    public object Body => new { error = new { code = "BadRequest", message = Message } };
}

internal static class InvokeErrors
{
    public const string NoValue = "The invoke has no value object.";

    public static BadInvokeException BadRequest(string message) => new(message);
}
