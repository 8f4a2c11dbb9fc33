using System.Diagnostics;
using System.Text;

namespace Microneedling.Cli.Tests;

/// <summary>Runs the built CLI as a real process (bytes in, text out), as curators and scripts do.</summary>
internal static class CliRunner
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public string[] Lines => Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>The CLI built next to the tests, with the content and sentence model it ships with.</summary>
    public static string AppDirectory => AppContext.BaseDirectory;

    public static Result Run(byte[] stdin, params string[] args) => RunIn(AppDirectory, stdin, null, args);

    public static Result Run(string stdin, params string[] args) => Run(Encoding.UTF8.GetBytes(stdin), args);

    /// <summary>As <see cref="Run(string, string[])"/> with environment variables set for the process.</summary>
    public static Result RunWith(IReadOnlyDictionary<string, string> environment, string stdin, params string[] args) =>
        RunIn(AppDirectory, Encoding.UTF8.GetBytes(stdin), environment, args);

    /// <summary>Runs the copy of the CLI in <paramref name="appDirectory"/> (to break what it ships with).</summary>
    public static Result RunIn(string appDirectory, byte[] stdin, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var exe = Path.Combine(appDirectory, "microneedling.dll");
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // Run outside any checkout so the shipped content next to the executable is used.
            WorkingDirectory = Path.GetTempPath(),
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) psi.Environment[name] = value;
        psi.ArgumentList.Add(exe);
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardInput.BaseStream.Write(stdin);
        process.StandardInput.Close();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("the CLI did not finish within 2 minutes");
        }
        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }
}
