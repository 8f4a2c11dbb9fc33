using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;

namespace Microneedling.Tests.Shared;

/// <summary>
/// A real redis-server (the Debian package; tests/run.sh installs it when missing) on a free loopback
/// port, started for a test collection and stopped after it, with no persistence. It can be stopped
/// and started again on the same port to test an outage. Missing redis-server fails the tests: they
/// never skip.
/// </summary>
public sealed class RedisServer : IDisposable
{
    private Process? _process;
    private ConnectionMultiplexer? _admin;

    public RedisServer()
    {
        Port = FreePort();
        Start();
    }

    public int Port { get; }

    /// <summary>The connection string the hosts get as <c>ConnectionStrings:Redis</c>.</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    /// <summary>A connection of the tests' own (admin commands allowed), for seeding, inspecting and flushing.</summary>
    public IDatabase Database => Admin.GetDatabase();

    private ConnectionMultiplexer Admin => _admin ??= ConnectionMultiplexer.Connect($"{ConnectionString},allowAdmin=true,abortConnect=false");

    /// <summary>Starts redis-server and waits until it answers PING (at most 10 s).</summary>
    public void Start()
    {
        if (_process is { HasExited: false }) return;
        var info = new ProcessStartInfo("redis-server")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])["--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "yes"])
            info.ArgumentList.Add(arg);
        try
        {
            _process = Process.Start(info) ?? throw new InvalidOperationException("redis-server did not start.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("redis-server is not installed: run tests/run.sh (it installs the Debian package) or apt-get install -y redis-server.", ex);
        }
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = Stopwatch.StartNew();
        while (!Answers())
        {
            if (_process.HasExited || deadline.Elapsed > TimeSpan.FromSeconds(10))
                throw new InvalidOperationException($"redis-server on port {Port} did not answer within 10 s.");
            Thread.Sleep(20);
        }
    }

    /// <summary>Kills redis-server (an outage as abrupt as a crash) and waits until it is gone.</summary>
    public void Stop()
    {
        if (_process is null) return;
        if (!_process.HasExited) _process.Kill();
        _process.WaitForExit();
        _process.Dispose();
        _process = null;
    }

    /// <summary>Deletes every key, so each test starts from an empty store.</summary>
    public void Flush() => Admin.GetServer(ConnectionString).FlushAllDatabases();

    public void Dispose()
    {
        _admin?.Dispose();
        Stop();
    }

    private bool Answers()
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, Port);
            using var stream = client.GetStream();
            stream.Write("PING\r\n"u8);
            var buffer = new byte[16];
            stream.ReadTimeout = 500;
            var read = stream.Read(buffer);
            return read >= 5 && System.Text.Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
