using Microsoft.Extensions.Options;

namespace Microneedling.Bot;

/// <summary>The one line a failed start-up prints: the innermost useful message, without a stack trace.</summary>
internal static class StartupFailure
{
    public static string Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var current = exception;
        // DI and the host wrap the real failure (a content error, an options failure) in their own.
        while (current is AggregateException or System.Reflection.TargetInvocationException or InvalidOperationException { InnerException: not null }
               && current.InnerException is not null)
            current = current.InnerException;
        return current is OptionsValidationException options
            ? string.Join(" ", options.Failures)
            : current.Message;
    }
}
