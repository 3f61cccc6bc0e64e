using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using Reduction.Benchmarks.Support;

namespace Reduction.Benchmarks.Notices;

/// <summary>(h) Messages per second delivered to a local smtp4dev (started here from the repository's tool manifest,
/// in-memory database, loopback only, stopped at the end): one MailKit connection reused for every message, against a
/// new connection (connect, EHLO, send, QUIT) per message.</summary>
internal static class SmtpDelivery
{
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

            // Warm-up: both paths once, untimed.
            await SendReusedAsync(smtpPort, messages.Take(10), cancellationToken);
            await SendEachAsync(smtpPort, messages.Take(10), cancellationToken);

            var reused = await SendReusedAsync(smtpPort, messages, cancellationToken);
            var each = await SendEachAsync(smtpPort, messages, cancellationToken);
            var reusedRate = messages.Count / reused.TotalSeconds;
            var eachRate = messages.Count / each.TotalSeconds;
            table.Add("h", "SMTP delivery, one reused connection", reusedRate, "messages/s", (eachRate, "messages/s", "one connection per message"));
            table.Add("h", "SMTP delivery, one connection per message", eachRate, "messages/s");
            table.Note("h", $"{messages.Count} messages each way (Chinese subject and body in UTF-8, {Size(messages[0])} bytes each): reused {reused.TotalSeconds:0.00} s, per message {each.TotalSeconds:0.00} s, {(eachRate > 0 ? reusedRate / eachRate : double.NaN).ToString("0.00", CultureInfo.InvariantCulture)}× faster reused");
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

    private static async Task<TimeSpan> SendReusedAsync(int port, IEnumerable<MimeMessage> messages, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        using var client = new SmtpClient();
        await client.ConnectAsync(IPAddress.Loopback.ToString(), port, SecureSocketOptions.None, cancellationToken);
        foreach (var message in messages)
        {
            await client.SendAsync(message, cancellationToken);
        }

        await client.DisconnectAsync(quit: true, cancellationToken);
        return clock.Elapsed;
    }

    private static async Task<TimeSpan> SendEachAsync(int port, IEnumerable<MimeMessage> messages, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        foreach (var message in messages)
        {
            using var client = new SmtpClient();
            await client.ConnectAsync(IPAddress.Loopback.ToString(), port, SecureSocketOptions.None, cancellationToken);
            await client.SendAsync(message, cancellationToken);
            await client.DisconnectAsync(quit: true, cancellationToken);
        }

        return clock.Elapsed;
    }

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
}
