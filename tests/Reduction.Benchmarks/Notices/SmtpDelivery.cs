using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using Reduction.Benchmarks.Support;
using Reduction.Notifications.Delivery;

namespace Reduction.Benchmarks.Notices;

/// <summary>(h) Messages per second delivered to a local smtp4dev (started here from the repository's tool manifest,
/// in-memory database, loopback only, stopped at the end) through the product's <see cref="SmtpMailTransport"/>: in
/// bursts as <see cref="NoticeDelivery"/> sends them (<see cref="DeliveryOptions.BatchSize"/> messages per burst over
/// <see cref="DeliveryOptions.Connections"/> connections, <see cref="MailBurst{T}"/>), and over one reused connection,
/// against a new connection (connect, EHLO, send, QUIT) per message. Alternating rounds, best of each.</summary>
internal static class SmtpDelivery
{
    private const int Rounds = 3;

    private static readonly TimeSpan ReplyDelay = TimeSpan.FromMilliseconds(2);

    /// <summary>Ports other tooling on this machine may hold; never used here.</summary>
    private static readonly int[] ReservedPorts = [52525, 55080, 55432];

    public static async Task RunAsync(BenchmarkSizes sizes, ResultTable table, CancellationToken cancellationToken)
    {
        var ports = FreePorts(4);
        var (smtpPort, webPort) = (ports[0], ports[1]);
        var folder = Path.Combine(Path.GetTempPath(), $"reduction-bench-smtp4dev-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        using var process = StartSmtp4dev(smtpPort, webPort, ports[2], ports[3], folder, out var log);
        try
        {
            var started = Stopwatch.StartNew();
            await WaitForApiAsync(process, webPort, log, cancellationToken);
            table.Note("h", $"smtp4dev SMTP 127.0.0.1:{smtpPort.ToString(CultureInfo.InvariantCulture)}, API :{webPort.ToString(CultureInfo.InvariantCulture)}, ready in {started.Elapsed.TotalSeconds:0.0} s");

            var messages = Enumerable.Range(1, sizes.SmtpMessages).Select(Message).ToList();
            var transport = new SmtpMailTransport(new SmtpOptions { Host = IPAddress.Loopback.ToString(), Port = smtpPort, Security = SmtpSecurity.None });
            var delivery = new DeliveryOptions();

            // Warm-up: every path once, untimed.
            var warmUp = messages.Take(20).ToList();
            await SendInBurstsAsync(transport, delivery, warmUp, cancellationToken);
            await SendReusedAsync(transport, warmUp, cancellationToken);
            await SendEachAsync(transport, warmUp, cancellationToken);

            // CPU time of smtp4dev (with its child processes) and of this process, per path over all rounds: what
            // bounds the rates when both share the machine's cores.
            var cpu = new CpuMeter(process);
            TimeSpan bursts = TimeSpan.MaxValue, reused = TimeSpan.MaxValue, each = TimeSpan.MaxValue;
            for (var round = 0; round < Rounds; round++)
            {
                bursts = Min(bursts, await cpu.MeasureAsync("bursts", () => SendInBurstsAsync(transport, delivery, messages, cancellationToken)));
                reused = Min(reused, await cpu.MeasureAsync("reused", () => SendReusedAsync(transport, messages, cancellationToken)));
                each = Min(each, await cpu.MeasureAsync("each", () => SendEachAsync(transport, messages, cancellationToken)));
            }

            var burstRate = messages.Count / bursts.TotalSeconds;
            var reusedRate = messages.Count / reused.TotalSeconds;
            var eachRate = messages.Count / each.TotalSeconds;
            var ratio = burstRate / eachRate;
            table.Add("h", $"SMTP delivery, product bursts ({delivery.BatchSize} per burst over {delivery.Connections} connections)", burstRate, "messages/s",
                (eachRate, "messages/s", "one connection per message"), "≥ 3×", ratio >= 3);
            table.Add("h", "SMTP delivery, one reused connection", reusedRate, "messages/s", (eachRate, "messages/s", "one connection per message"));
            table.Add("h", "SMTP delivery, one connection per message", eachRate, "messages/s");
            table.Note("h", $"{messages.Count} messages per path and round (Chinese subject and body in UTF-8, {Size(messages[0])} bytes each), best of {Rounds} alternating rounds: bursts {bursts.TotalSeconds:0.00} s, one reused connection {reused.TotalSeconds:0.00} s, per message {each.TotalSeconds:0.00} s");
            table.Note("h", $"bursts {Times(burstRate, eachRate)}, one reused connection {Times(reusedRate, eachRate)} the rate of a connection per message; bursts {Times(burstRate, reusedRate)} one reused connection");
            var perMessage = Rounds * messages.Count;
            table.Note("h", $"CPU per message, smtp4dev + this process: bursts {cpu.Format("bursts", perMessage)}, one reused connection {cpu.Format("reused", perMessage)}, per message {cpu.Format("each", perMessage)} (wall time per message: bursts {Milliseconds(bursts / messages.Count)}, reused {Milliseconds(reused / messages.Count)}, per message {Milliseconds(each / messages.Count)}; {Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture)} cores)");

            // The same paths to a relay a little farther away: a loopback proxy holds every reply of the server for
            // ReplyDelay, as a network round trip would. Lanes overlap those waits; one connection cannot.
            await using var proxy = new DelayProxy(smtpPort, ReplyDelay);
            var far = new SmtpMailTransport(new SmtpOptions { Host = IPAddress.Loopback.ToString(), Port = proxy.Port, Security = SmtpSecurity.None });
            await SendInBurstsAsync(far, delivery, warmUp, cancellationToken);
            TimeSpan farBursts = TimeSpan.MaxValue, farReused = TimeSpan.MaxValue, farEach = TimeSpan.MaxValue;
            for (var round = 0; round < Rounds; round++)
            {
                farBursts = Min(farBursts, await SendInBurstsAsync(far, delivery, messages, cancellationToken));
                farReused = Min(farReused, await SendReusedAsync(far, messages, cancellationToken));
                farEach = Min(farEach, await SendEachAsync(far, messages, cancellationToken));
            }

            var farBurstRate = messages.Count / farBursts.TotalSeconds;
            var farEachRate = messages.Count / farEach.TotalSeconds;
            var delay = ReplyDelay.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture);
            table.Add("h", $"SMTP delivery, product bursts, replies {delay} ms late", farBurstRate, "messages/s", (farEachRate, "messages/s", $"one connection per message, replies {delay} ms late"));
            table.Note("h", $"replies held {delay} ms by a loopback proxy: bursts {Milliseconds(farBursts / messages.Count)}, one reused connection {Milliseconds(farReused / messages.Count)}, per message {Milliseconds(farEach / messages.Count)} of wall time per message; bursts {Times(farBurstRate, farEachRate)} a connection per message, one reused connection {Times(messages.Count / farReused.TotalSeconds, farEachRate)}");
        }
        finally
        {
            Stop(process);
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    /// <summary>As <see cref="NoticeDelivery"/> sends a sweep: <see cref="DeliveryOptions.BatchSize"/> messages at a
    /// time, each batch one <see cref="MailBurst{T}"/> over up to <see cref="DeliveryOptions.Connections"/> sessions.</summary>
    private static async Task<TimeSpan> SendInBurstsAsync(SmtpMailTransport transport, DeliveryOptions delivery, IReadOnlyList<MimeMessage> messages, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        foreach (var batch in messages.Chunk(delivery.BatchSize))
        {
            await new MailBurst<MimeMessage>(transport, batch, delivery.Connections).RunAsync(async (lane, message, token) =>
                await (await lane.SessionAsync(token)).SendAsync(message, token), cancellationToken);
        }

        return clock.Elapsed;
    }

    private static async Task<TimeSpan> SendReusedAsync(SmtpMailTransport transport, IEnumerable<MimeMessage> messages, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await using (var session = await transport.OpenAsync(cancellationToken))
        {
            foreach (var message in messages)
            {
                await session.SendAsync(message, cancellationToken);
            }
        }

        return clock.Elapsed;
    }

    private static async Task<TimeSpan> SendEachAsync(SmtpMailTransport transport, IEnumerable<MimeMessage> messages, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        foreach (var message in messages)
        {
            await using var session = await transport.OpenAsync(cancellationToken);
            await session.SendAsync(message, cancellationToken);
        }

        return clock.Elapsed;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static string Milliseconds(TimeSpan time) => time.TotalMilliseconds.ToString("0.00", CultureInfo.InvariantCulture) + " ms";

    private static string Times(double rate, double baseline) =>
        (baseline > 0 ? rate / baseline : double.NaN).ToString("0.00", CultureInfo.InvariantCulture) + "×";

    private static MimeMessage Message(int number)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress("西藏自治区环境保护厅", "epb@reduction.local"));
        message.To.Add(new MailboxAddress("拉萨市人民政府", "lhasa@reduction.local"));
        message.Subject = $"关于报送2015年度主要污染物总量减排计划（拉萨市）的通知（第{number.ToString(CultureInfo.InvariantCulture)}号）";
        message.MessageId = $"bench-{number.ToString(CultureInfo.InvariantCulture)}@reduction.local";
        message.Body = new TextPart("plain")
        {
            Text = "拉萨市人民政府：\n"
                + "　　根据《“十二五”主要污染物总量减排考核办法》第四条的规定，现请你单位报送2015年度主要污染物总量减排计划（拉萨市）。\n"
                + "　　报送期限：请于北京时间2015年3月15日23时59分前报送。逾期未报送的，将按规定催报并督办。\n"
                + "　　特此通知。\n",
        };
        return message;
    }

    private static long Size(MimeMessage message)
    {
        using var stream = new MemoryStream();
        message.WriteTo(stream);
        return stream.Length;
    }

    private static Process StartSmtp4dev(int smtpPort, int webPort, int imapPort, int pop3Port, string folder, out Func<string> log)
    {
        var start = ChildProcess.StartInfo("dotnet",
        [
            "tool", "run", "smtp4dev", "--",
            $"--urls=http://127.0.0.1:{webPort.ToString(CultureInfo.InvariantCulture)}",
            $"--smtpport={smtpPort.ToString(CultureInfo.InvariantCulture)}",
            $"--imapport={imapPort.ToString(CultureInfo.InvariantCulture)}",
            $"--pop3port={pop3Port.ToString(CultureInfo.InvariantCulture)}",
            "--bindaddress=127.0.0.1",
            "--disableipv6",
            "--db=",
            "--nousersettings",
            $"--baseappdatapath={folder}",
        ]);
        start.WorkingDirectory = RepoPaths.Root;
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start smtp4dev");
        var lines = new Queue<string>();
        void Keep(object sender, DataReceivedEventArgs e)
        {
            if (e.Data is null)
            {
                return;
            }

            lock (lines)
            {
                lines.Enqueue(e.Data);
                if (lines.Count > 40)
                {
                    lines.Dequeue();
                }
            }
        }

        process.OutputDataReceived += Keep;
        process.ErrorDataReceived += Keep;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        log = () =>
        {
            lock (lines)
            {
                return string.Join('\n', lines);
            }
        };
        return process;
    }

    private static async Task WaitForApiAsync(Process process, int webPort, Func<string> log, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var url = new Uri($"http://127.0.0.1:{webPort.ToString(CultureInfo.InvariantCulture)}/api/messages");
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(120))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"smtp4dev exited with {process.ExitCode.ToString(CultureInfo.InvariantCulture)}:\n{log()}");
            }

            try
            {
                using var response = await http.GetAsync(url, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
            }

            await Task.Delay(500, cancellationToken);
        }

        throw new InvalidOperationException($"smtp4dev did not answer {url} within 120 s:\n{log()}");
    }

    private static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
        }
    }

    /// <summary>Distinct free loopback ports, none of <see cref="ReservedPorts"/>.</summary>
    private static int[] FreePorts(int count)
    {
        var ports = new List<int>();
        var listeners = new List<TcpListener>();
        try
        {
            while (ports.Count < count)
            {
                var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                listeners.Add(listener);
                var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                if (!ReservedPorts.Contains(port))
                {
                    ports.Add(port);
                }
            }
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Stop();
            }
        }

        return [.. ports];
    }

    /// <summary>CPU time of a process and its descendants (from /proc on Linux, else the process alone) and of this
    /// process, added up per label.</summary>
    private sealed class CpuMeter(Process server)
    {
        private readonly Dictionary<string, (TimeSpan Server, TimeSpan Client)> _totals = [];

        public async Task<TimeSpan> MeasureAsync(string label, Func<Task<TimeSpan>> run)
        {
            var (server, client) = (ServerCpu(), Process.GetCurrentProcess().TotalProcessorTime);
            var elapsed = await run();
            var (serverAfter, clientAfter) = (ServerCpu(), Process.GetCurrentProcess().TotalProcessorTime);
            var total = _totals.GetValueOrDefault(label);
            _totals[label] = (total.Server + serverAfter - server, total.Client + clientAfter - client);
            return elapsed;
        }

        public string Format(string label, int messages)
        {
            var total = _totals.GetValueOrDefault(label);
            return $"{Milliseconds(total.Server / messages)} + {Milliseconds(total.Client / messages)}";
        }

        private TimeSpan ServerCpu()
        {
            if (!OperatingSystem.IsLinux())
            {
                server.Refresh();
                return server.TotalProcessorTime;
            }

            // utime and stime (fields 14 and 15, in clock ticks of 1/100 s) of the process and every descendant.
            var stats = new Dictionary<int, (int Parent, long Ticks)>();
            foreach (var directory in Directory.EnumerateDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
                {
                    continue;
                }

                try
                {
                    var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                    var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                    stats[pid] = (int.Parse(fields[1], CultureInfo.InvariantCulture), long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // The process ended while the folder was read.
                }
            }

            var ticks = 0L;
            foreach (var (pid, stat) in stats)
            {
                for (var ancestor = pid; stats.TryGetValue(ancestor, out var up); ancestor = up.Parent)
                {
                    if (ancestor == server.Id)
                    {
                        ticks += stat.Ticks;
                        break;
                    }
                }
            }

            return TimeSpan.FromMilliseconds(ticks * 10);
        }
    }

    /// <summary>A loopback TCP proxy to the SMTP server that forwards what the client sends at once and holds every
    /// chunk the server sends for a fixed delay.</summary>
    private sealed class DelayProxy : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _accepting;

        public DelayProxy(int serverPort, TimeSpan delay)
        {
            _listener.Start();
            _accepting = AcceptAsync(serverPort, delay);
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            _listener.Stop();
            try
            {
                await _accepting;
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
            }

            _stop.Dispose();
        }

        private async Task AcceptAsync(int serverPort, TimeSpan delay)
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                _ = RelayAsync(client, serverPort, delay);
            }
        }

        private async Task RelayAsync(TcpClient client, int serverPort, TimeSpan delay)
        {
            using (client)
            using (var server = new TcpClient { NoDelay = true })
            {
                client.NoDelay = true;
                try
                {
                    await server.ConnectAsync(IPAddress.Loopback, serverPort, _stop.Token);
                    var up = PumpAsync(client.GetStream(), server.GetStream(), TimeSpan.Zero);
                    var down = PumpAsync(server.GetStream(), client.GetStream(), delay);
                    await Task.WhenAny(up, down);
                }
                catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
                {
                    // Either side hung up.
                }
            }
        }

        private async Task PumpAsync(NetworkStream from, NetworkStream to, TimeSpan delay)
        {
            var buffer = new byte[16 * 1024];
            int read;
            while ((read = await from.ReadAsync(buffer, _stop.Token)) > 0)
            {
                if (delay > TimeSpan.Zero)
                {
                    await Task.Delay(delay, _stop.Token);
                }

                await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
            }
        }
    }
}
