using System.Diagnostics;

namespace Microneedling.Bot.Tests;

/// <summary>
/// The built bot host run as a real process (<c>dotnet Microneedling.Bot.dll</c> from the test's
/// output folder), for what only a process shows: its exit code and what it prints when start-up fails.
/// </summary>
internal static class HostProcess
{
    public sealed record Exit(int Code, string Output, string Error);

    /// <summary>Starts the host with <paramref name="settings"/> (configuration keys) and waits for it to exit, at most <paramref name="timeout"/>.</summary>
    public static async Task<Exit> RunUntilExitAsync(IReadOnlyDictionary<string, string> settings, TimeSpan timeout)
    {
        var folder = AppContext.BaseDirectory;
        var start = new ProcessStartInfo("dotnet", [Path.Combine(folder, "Microneedling.Bot.dll")])
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["Storage__Provider"] = "memory";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (key, value) in settings) start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the bot host.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The host did not exit within {timeout.TotalSeconds} s.");
        }
        return new Exit(process.ExitCode, await output, await error);
    }
}
