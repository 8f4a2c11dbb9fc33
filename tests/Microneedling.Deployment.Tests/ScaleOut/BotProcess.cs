using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Reflection;

namespace Microneedling.Deployment.Tests.ScaleOut;

/// <summary>
/// One bot instance as deployments run it: the host's own build (Microneedling.Bot.dll, built by
/// this project's reference) in its own process on a free loopback port, configured only through
/// environment variables, as docker-compose.yml configures it. Killed, not stopped, when a test
/// wants a crash.
/// </summary>
internal sealed class BotProcess : IDisposable
{
    private const int KeptOutputLines = 200;

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    public BotProcess(string name, IReadOnlyDictionary<string, string> settings)
    {
        Name = name;
        Port = FreePort.Next();
        var start = new ProcessStartInfo("dotnet", [HostAssembly])
        {
            // The content root: wwwroot (the Web Chat page) is in the project folder, as with `dotnet run`.
            WorkingDirectory = Path.Combine(RepoPaths.Root, "src", "Microneedling.Bot"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_URLS"] = Origin;
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in settings) start.Environment[key] = value;
        _process = Process.Start(start) ?? throw new InvalidOperationException("dotnet could not be started.");
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Name { get; }

    public int Port { get; }

    public string Origin => "http://127.0.0.1:" + Port.ToString(CultureInfo.InvariantCulture);

    public bool HasExited => _process.HasExited;

    /// <summary>The last lines the host printed, for a failure message.</summary>
    public string Output => string.Join('\n', _output);

    /// <summary>Waits until /readyz answers 200 (the claim set loaded and Redis reachable).</summary>
    public async Task WaitUntilReadyAsync(HttpClient http, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (await ReadyzAsync(http) != HttpStatusCode.OK)
        {
            if (_process.HasExited) throw new InvalidOperationException($"{Name} exited with {_process.ExitCode}:\n{Output}");
            if (deadline.Elapsed > timeout) throw new TimeoutException($"{Name} was not ready within {timeout.TotalSeconds} s:\n{Output}");
            await Task.Delay(250);
        }
    }

    /// <summary>The status of /readyz, or null when nothing answers.</summary>
    public async Task<HttpStatusCode?> ReadyzAsync(HttpClient http)
    {
        try
        {
            using var response = await http.GetAsync(new Uri(Origin + "/readyz"));
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return null;
        }
        catch (TaskCanceledException)
        {
            return null;
        }
    }

    /// <summary>An abrupt end, as a crashed or evicted instance: no graceful shutdown, no lock released.</summary>
    public void Kill()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        _output.Enqueue(line);
        while (_output.Count > KeptOutputLines) _output.TryDequeue(out _);
    }

    /// <summary>Where this project's build reference put the host (see the csproj's AssemblyMetadata).</summary>
    private static string HostAssembly
    {
        get
        {
            var path = typeof(BotProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BotHostAssembly").Value!;
            if (!File.Exists(path)) throw new FileNotFoundException("The bot host is not built (the test project's reference builds it).", path);
            return path;
        }
    }
}
