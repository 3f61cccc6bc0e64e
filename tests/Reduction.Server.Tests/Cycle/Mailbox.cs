using System.Net.Http.Json;
using MimeKit;

namespace Reduction.Server.Tests.Cycle;

/// <summary>Every message smtp4dev received for one mail domain, each read once and kept here: smtp4dev may drop its
/// oldest messages and is shared with other tests, so the test harvests as it goes and asserts on what it kept.</summary>
public sealed class Mailbox : IDisposable
{
    private readonly HttpClient _http;
    private readonly Dictionary<string, Mail> _mails = [];

    public Mailbox(Uri api, string domain)
    {
        Domain = domain;
        _http = new HttpClient { BaseAddress = api, Timeout = TimeSpan.FromSeconds(30) };
    }

    public string Domain { get; }

    /// <summary>What was harvested so far, oldest first (by Date header, then arrival).</summary>
    public IReadOnlyList<Mail> All => [.. _mails.Values.OrderBy(m => m.Date).ThenBy(m => m.Sequence)];

    public string Address(string partyId) => $"{partyId}@{Domain}";

    /// <summary>Reads the messages to this domain that arrived since the last call.</summary>
    public async Task RefreshAsync()
    {
        var page = await _http.GetFromJsonAsync<Page>("api/messages?pageSize=5000") ?? new Page();
        foreach (var summary in page.Results)
        {
            if (_mails.ContainsKey(summary.Id) || !summary.To.Any(t => t.EndsWith("@" + Domain, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            await using var raw = await _http.GetStreamAsync(new Uri($"api/messages/{summary.Id}/raw", UriKind.Relative));
            using var buffer = new MemoryStream();
            await raw.CopyToAsync(buffer);
            buffer.Position = 0;
            var message = await MimeMessage.LoadAsync(buffer);
            _mails[summary.Id] = new Mail(
                _mails.Count,
                message.Headers["X-Reduction-Template"] ?? "",
                message.Subject ?? "",
                [.. message.To.Mailboxes.Select(m => m.Address.ToLowerInvariant())],
                [.. message.Cc.Mailboxes.Select(m => m.Address.ToLowerInvariant())],
                message.Date,
                message.Headers["X-Reduction-Document-Number"],
                message.TextBody ?? "",
                message.MessageId);
        }
    }

    /// <summary>Waits until <paramref name="count"/> harvested messages match; returns them.</summary>
    public async Task<IReadOnlyList<Mail>> WaitForAsync(Func<Mail, bool> match, int count, string what, TimeSpan timeout)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            await RefreshAsync();
            var found = All.Where(match).ToList();
            if (found.Count >= count)
            {
                return found;
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"{what}: {found.Count} of {count} messages within {timeout.TotalSeconds:0} s; harvested:\n{Describe()}");
            }

            await Task.Delay(300);
        }
    }

    public Task<IReadOnlyList<Mail>> WaitForAsync(string partyId, string template, int count, string what, TimeSpan timeout) =>
        WaitForAsync(m => m.Template == template && m.IsTo(Address(partyId)), count, what, timeout);

    /// <summary>One line per harvested message, for failure messages.</summary>
    public string Describe() => string.Join('\n', All.Select(m => m.ToString()));

    public void Dispose() => _http.Dispose();

    private sealed class Page
    {
        public List<Summary> Results { get; set; } = [];
    }

    private sealed class Summary
    {
        public string Id { get; set; } = "";

        public List<string> To { get; set; } = [];
    }
}

/// <summary>A received notice: its template (X-Reduction-Template), subject, principal and copy recipients, the date it
/// bears (the workflow's time when queued), its document number, plain text and Message-ID.</summary>
public sealed record Mail(int Sequence, string Template, string Subject, IReadOnlyList<string> To, IReadOnlyList<string> Cc, DateTimeOffset Date, string? Number, string Text, string? MessageId = null)
{
    public bool IsTo(string address) => To.Contains(address, StringComparer.OrdinalIgnoreCase);

    public bool IsCc(string address) => Cc.Contains(address, StringComparer.OrdinalIgnoreCase);

    /// <summary>The Beijing date the notice bears.</summary>
    public DateOnly Day => Reduction.Domain.Calendar.BeijingTime.DateOf(Date);

    public override string ToString() =>
        $"{Reduction.Domain.Calendar.BeijingTime.ToBeijing(Date):yyyy-MM-dd HH:mm:ss} {Template,-16} to {string.Join(",", To)} cc {string.Join(",", Cc)}: {Subject}";
}
