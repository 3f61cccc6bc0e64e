using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace Reduction.Server.Tests.Answers;

/// <summary>A task page as a browser holds it: the HTML, the antiforgery token and the submission key of its form.</summary>
internal sealed partial record AnswerPage(HttpStatusCode Status, string Html)
{
    public string? Csrf => CsrfField().Match(Html) is { Success: true } m ? m.Groups[1].Value : null;

    public string? SubmissionKey => KeyField().Match(Html) is { Success: true } m ? m.Groups[1].Value : null;

    public bool HasForm => Html.Contains("<form method=\"post\" action=\"/t/", StringComparison.Ordinal) && Html.Contains("name=\"submissionKey\"", StringComparison.Ordinal);

    public static async Task<AnswerPage> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        return new AnswerPage(response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Posts the fields (and files) as the page's form would; the page's token and key unless overridden.</summary>
    public async Task<AnswerPage> PostAsync(
        HttpClient client,
        string path,
        IReadOnlyDictionary<string, string> fields,
        IReadOnlyList<(string Name, byte[] Content, string ContentType)>? files = null,
        bool withCsrf = true,
        string? submissionKey = null)
    {
        using var content = Form(fields, files, withCsrf ? Csrf : null, submissionKey ?? SubmissionKey);
        using var response = await client.PostAsync(new Uri(path, UriKind.Relative), content);
        return new AnswerPage(response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public static MultipartFormDataContent Form(
        IReadOnlyDictionary<string, string> fields,
        IReadOnlyList<(string Name, byte[] Content, string ContentType)>? files,
        string? csrf,
        string? submissionKey)
    {
        var content = new MultipartFormDataContent();
        if (csrf is not null)
        {
            content.Add(new StringContent(csrf), "__csrf");
        }

        if (submissionKey is not null)
        {
            content.Add(new StringContent(submissionKey), "submissionKey");
        }

        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value), name);
        }

        foreach (var (name, bytes, type) in files ?? [])
        {
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = new MediaTypeHeaderValue(type);
            content.Add(part, "attachments", name);
        }

        content.Add(new StringContent("1"), "submit");
        return content;
    }

    [GeneratedRegex("name=\"__csrf\" value=\"([^\"]+)\"")]
    private static partial Regex CsrfField();

    [GeneratedRegex("name=\"submissionKey\" value=\"([^\"]+)\"")]
    private static partial Regex KeyField();
}
