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

    public static Result Run(byte[] stdin, params string[] args)
    {
        var exe = Path.Combine(AppContext.BaseDirectory, "microneedling.dll");
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

    public static Result Run(string stdin, params string[] args) => Run(Encoding.UTF8.GetBytes(stdin), args);
}
