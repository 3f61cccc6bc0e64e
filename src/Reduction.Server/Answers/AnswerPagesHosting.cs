using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.Extensions.Options;
using Reduction.Notifications.Links;
using Reduction.Server.Answers.Attachments;
using Reduction.Server.Answers.Links;
using Reduction.Server.Cycles;
using Reduction.Server.Outbox;
using Reduction.Workflows.Hosting;
using Reduction.Workflows.Persistence;

namespace Reduction.Server.Answers;

public static class AnswerPagesHosting
{
    /// <summary>The address task links point to when `Notifications:Links:BaseUrl` is not set and no `--urls` is given.</summary>
    public const string DefaultBaseUrl = "http://127.0.0.1:5080";

    /// <summary>The task pages and the admin pages (static server-rendered components) with what they use: antiforgery,
    /// rate limits, attachments, the outbox reader, the cycle starter; and task links that point at this server
    /// unless `Notifications:Links:BaseUrl` says otherwise.</summary>
    public static WebApplicationBuilder AddAnswerPages(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AnswerPageOptions>().BindConfiguration(AnswerPageOptions.SectionName)
            .PostConfigure<IOptions<WorkflowStorageOptions>>((options, storage) =>
                options.AttachmentsFolder = DataRoot.PathOf(storage.Value.DataRoot!, options.AttachmentsFolder));
        services.AddRazorComponents();

        // Chinese text as UTF-8, not as numeric entities: a third of the bytes on a slow link.
        services.AddWebEncoders(encoders => encoders.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = "reduction-csrf";
            antiforgery.FormFieldName = "__csrf";
        });
        services.AddAnswerRateLimits();
        services.AddSingleton<AttachmentStore>();
        services.AddSingleton<AnswerSubmitter>();
        services.AddSingleton<TaskPageLoader>();
        services.AddSingleton<LinkTaskLookup>();
        services.AddSingleton<LinkReissuer>();
        services.AddSingleton<OutboxReader>();
        services.AddSingleton<CycleStarter>();

        if (string.IsNullOrWhiteSpace(builder.Configuration[$"{TaskLinkOptions.SectionName}:BaseUrl"]))
        {
            var own = OwnUrl(builder.Configuration["urls"]);
            services.PostConfigure<TaskLinkOptions>(links => links.BaseUrl = own);
        }

        return builder;
    }

    /// <summary>Rate limiting (after routing, so the task pages' policies apply).</summary>
    public static WebApplication UseAnswerPages(this WebApplication app)
    {
        app.UseRateLimiter();
        return app;
    }

    /// <summary>The first configured listen address, with a wildcard host made concrete; else <see cref="DefaultBaseUrl"/>.</summary>
    internal static string OwnUrl(string? urls)
    {
        var first = urls?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        if (first is null)
        {
            return DefaultBaseUrl;
        }

        foreach (var wildcard in new[] { "://*", "://+", "://0.0.0.0", "://[::]" })
        {
            first = first.Replace(wildcard, "://localhost", StringComparison.Ordinal);
        }

        return first.TrimEnd('/');
    }
}
