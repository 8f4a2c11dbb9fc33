using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Microneedling.Deployment.Tests.ScaleOut;

/// <summary>
/// Debian's nginx (tests/run.sh installs it when missing) running the repository's own
/// docker/nginx.conf — round-robin, no affinity, WebSocket upgrade — with its upstreams pointed at
/// loopback instances instead of the compose services. One worker, so round-robin is one sequence,
/// and an access log of each request's upstream, so a test can see where requests landed.
/// </summary>
internal sealed partial class NginxBalancer : IDisposable
{
    private readonly Process _process;
    private readonly TempDirectory _folder = new();

    public NginxBalancer(IReadOnlyList<int> upstreamPorts)
    {
        Port = FreePort.Next();
        File.WriteAllText(_folder.File("nginx.conf"), Configuration(upstreamPorts));
        var start = new ProcessStartInfo(Binary(), ["-p", _folder.Path, "-c", _folder.File("nginx.conf")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("nginx could not be started.");
        WaitUntilListening();
    }

    public int Port { get; }

    public string Origin => "http://127.0.0.1:" + Port.ToString(CultureInfo.InvariantCulture);

    /// <summary>One request as nginx logged it when it finished: a WebSocket stream is logged when it closes.</summary>
    public sealed record Request(string Method, string Path, int Status, string Upstream);

    public IReadOnlyList<Request> AccessLog() =>
        File.ReadAllLines(_folder.File("access.log"))
            .Select(line => line.Split(' '))
            .Select(f => new Request(f[0], f[1], int.Parse(f[2], CultureInfo.InvariantCulture),
                // "a, b" when nginx moved on to the next upstream: the last one answered.
                string.Join(' ', f.Skip(3)).Split(", ").Last()))
            .ToList();

    /// <summary>The access log once <paramref name="complete"/> holds of it (requests are logged when they end), or as it is after <paramref name="within"/>.</summary>
    public async Task<IReadOnlyList<Request>> AccessLogOnceAsync(Func<IReadOnlyList<Request>, bool> complete, TimeSpan within)
    {
        var started = Stopwatch.StartNew();
        var log = AccessLog();
        while (!complete(log) && started.Elapsed < within)
        {
            await Task.Delay(100);
            log = AccessLog();
        }
        return log;
    }

    public string ErrorLog => File.Exists(_folder.File("error.log")) ? File.ReadAllText(_folder.File("error.log")) : "";

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
        _process.Dispose();
        _folder.Dispose();
    }

    /// <summary>docker/nginx.conf (an http-level file) inside a main configuration that keeps everything in the test's folder.</summary>
    private string Configuration(IReadOnlyList<int> upstreamPorts)
    {
        var shipped = File.ReadAllText(Path.Combine(RepoPaths.Root, "docker", "nginx.conf"));
        var servers = ComposeUpstream().Matches(shipped);
        if (servers.Count != upstreamPorts.Count)
            throw new InvalidOperationException($"docker/nginx.conf names {servers.Count} bot upstreams; the test starts {upstreamPorts.Count}.");
        var next = 0;
        var http = ComposeUpstream().Replace(shipped, _ => "server 127.0.0.1:" + upstreamPorts[next++].ToString(CultureInfo.InvariantCulture));
        http = ListenLine().Replace(http, "listen 127.0.0.1:" + Port.ToString(CultureInfo.InvariantCulture) + ";");
        var dir = _folder.Path;
        // As root, nginx's workers would drop to "nobody" and could not write the test's folder.
        var user = Environment.UserName == "root" ? "user root;\n" : "";
        return $$"""
            {{user}}worker_processes 1;
            daemon off;
            pid {{dir}}/nginx.pid;
            error_log {{dir}}/error.log warn;
            events { worker_connections 1024; }
            http {
                client_body_temp_path {{dir}}/body;
                proxy_temp_path {{dir}}/proxy;
                fastcgi_temp_path {{dir}}/fastcgi;
                uwsgi_temp_path {{dir}}/uwsgi;
                scgi_temp_path {{dir}}/scgi;
                log_format upstreams '$request_method $uri $status $upstream_addr';
                access_log {{dir}}/access.log upstreams;
            {{http}}
            }
            """;
    }

    private void WaitUntilListening()
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"nginx exited with {_process.ExitCode}: {_process.StandardError.ReadToEnd()} {ErrorLog}");
            try
            {
                using var client = new TcpClient();
                client.Connect("127.0.0.1", Port);
                return;
            }
            catch (SocketException) when (deadline.Elapsed < TimeSpan.FromSeconds(10))
            {
                Thread.Sleep(50);
            }
        }
    }

    /// <summary>nginx from PATH or Debian's /usr/sbin (not on a normal user's PATH). Missing fails: the test never skips.</summary>
    private static string Binary()
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, "nginx"));
        return onPath.Append("/usr/sbin/nginx").FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("nginx is not installed: run tests/run.sh (it installs the Debian package) or apt-get install -y nginx.");
    }

    [GeneratedRegex(@"server bot\d+:8080")]
    private static partial Regex ComposeUpstream();

    [GeneratedRegex(@"listen 80;")]
    private static partial Regex ListenLine();
}
