using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Microneedling.Deployment.Tests.ScaleOut;

/// <summary>
/// A client script in tests/clients (the npm clients tests/run.sh installs) run with node, spoken to
/// line by line: it prints JSON lines (steps, then its result) and waits on stdin where the test acts.
/// </summary>
internal sealed class NodeScript : IDisposable
{
    private readonly Process _process;
    private readonly Task<string> _errors;
    private bool _disposed;

    public NodeScript(string script, params string[] arguments)
    {
        var clients = Path.Combine(RepoPaths.Root, "tests", "clients");
        if (!Directory.Exists(Path.Combine(clients, "node_modules", "botframework-directlinejs")))
            throw new InvalidOperationException("The npm clients are not installed: run `npm ci` in tests/clients (tests/run.sh does).");
        var start = new ProcessStartInfo("node", [Path.Combine(clients, script), .. arguments])
        {
            WorkingDirectory = clients,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("node could not be started (Node.js 20 or later is needed).");
        _errors = _process.StandardError.ReadToEndAsync();
    }

    /// <summary>The next JSON line the script prints, within <paramref name="timeout"/>.</summary>
    public async Task<JsonObject> ReadAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            var line = await _process.StandardOutput.ReadLineAsync(cancel.Token);
            if (line is null || !line.StartsWith('{'))
                throw new InvalidOperationException($"the script printed {line ?? "nothing"} (stderr: {await StderrAsync()})");
            return JsonNode.Parse(line)!.AsObject();
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"the script printed nothing within {timeout.TotalSeconds} s");
        }
    }

    /// <summary>Lets a script that waits on stdin go on.</summary>
    public Task ContinueAsync() => _process.StandardInput.WriteLineAsync("go");

    /// <summary>Ends the script (its connections close with it); safe to call twice.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
        _process.Dispose();
    }

    private async Task<string> StderrAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        return await _errors;
    }
}
