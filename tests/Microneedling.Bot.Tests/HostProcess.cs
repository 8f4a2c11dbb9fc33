using System.Diagnostics;

namespace Microneedling.Bot.Tests;

/// <summary>
/// The built bot host run as a real process (<c>dotnet Microneedling.Bot.dll</c> from the test's
/// output folder), for what only a process shows: its exit code and what it prints when start-up fails.
/// </summary>
internal static class HostProcess
{
    public sealed record Exit(int Code, string Output, string Error);

    /// <summary>Starts the host with <paramref name="settings"/> (configuration keys) and <paramref name="arguments"/> and waits for it to exit, at most <paramref name="timeout"/>.</summary>
    public static async Task<Exit> RunUntilExitAsync(IReadOnlyDictionary<string, string> settings, TimeSpan timeout, params string[] arguments)
    {
        var folder = AppContext.BaseDirectory;
        var start = new ProcessStartInfo("dotnet", [Path.Combine(folder, "Microneedling.Bot.dll"), .. arguments])
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

    /// <summary>Copies the content folder the host ships with to <paramref name="target"/>, to break a copy.</summary>
    public static void CopyContent(string target)
    {
        var source = Path.Combine(AppContext.BaseDirectory, "content");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }
    }
}
