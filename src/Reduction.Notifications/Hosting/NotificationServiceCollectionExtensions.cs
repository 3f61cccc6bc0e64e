using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Reduction.Domain.Calendar;
using Reduction.Domain.Parties;
using Reduction.Notifications.Contacts;
using Reduction.Notifications.Delivery;
using Reduction.Notifications.Documents;
using Reduction.Notifications.Links;
using Reduction.Notifications.Templates;
using Reduction.Workflows.Hosting;
using Reduction.Workflows.Notices;
using Reduction.Workflows.Persistence;
using Reduction.Workflows.Scheduling;

namespace Reduction.Notifications.Hosting;

public static class NotificationServiceCollectionExtensions
{
    /// <summary>Registers e-mail delivery of notices in place of the runtime's do-nothing default, with task links,
    /// document numbers, templates and contacts, and the delivery sweep as a hosted service. Needs
    /// <c>AddReductionWorkflows</c> (database, scheduler, parties, calendar). Sections: `Notifications`,
    /// `Notifications:Smtp` (no host: .eml files in the pickup folder), `Notifications:Delivery`, `Notifications:Links`.</summary>
    public static IServiceCollection AddReductionNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<NotificationOptions>().Bind(configuration.GetSection(NotificationOptions.SectionName))
            .PostConfigure<IOptions<WorkflowStorageOptions>>((options, storage) =>
                options.PickupFolder = DataRoot.PathOf(storage.Value.DataRoot!, options.PickupFolder));
        services.AddOptions<SmtpOptions>().Bind(configuration.GetSection(SmtpOptions.SectionName));
        services.AddOptions<DeliveryOptions>().Bind(configuration.GetSection(DeliveryOptions.SectionName));
        services.AddOptions<TaskLinkOptions>().Bind(configuration.GetSection(TaskLinkOptions.SectionName))
            .PostConfigure<IOptions<WorkflowStorageOptions>>((options, storage) =>
                options.KeyFile = DataRoot.PathOf(storage.Value.DataRoot!, options.KeyFile));
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<NotificationOptions>>().Value);
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<SmtpOptions>>().Value);
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<DeliveryOptions>>().Value);
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<TaskLinkOptions>>().Value);

        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<PartyDirectoryOptions>().Bind(configuration.GetSection(PartyDirectoryOptions.SectionName));
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<PartyDirectoryOptions>>().Value.Build());
        services.TryAddSingleton(_ => OfficialCalendar.LoadDefault());
        services.TryAddSingleton(sp => new NoticeTemplateStore(NoticeTemplateStore.ResolveFolder(sp.GetRequiredService<NotificationOptions>().TemplatesFolder)));
        services.TryAddSingleton<NoticeRenderer>();
        services.TryAddSingleton<NoticeAddressing>();
        services.TryAddSingleton(sp => new ContactSource(sp.GetRequiredService<NotificationOptions>().ContactsFile, sp.GetRequiredService<PartyDirectory>()));
        services.TryAddSingleton<NoticeOutbox>();
        services.TryAddSingleton<DocumentNumberAllocator>();
        services.TryAddSingleton(sp => new TaskLinkService(
            sp.GetRequiredService<WorkflowDatabase>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<TaskLinkOptions>(),
            sp.GetRequiredService<NoticeOutbox>(),
            sp.GetRequiredService<PartyDirectory>(),
            sp.GetRequiredService<OfficialCalendar>(),
            sp.GetService<IWorkflowScheduler>()));
        services.TryAddSingleton<NoticeComposer>();
        services.TryAddSingleton<IMailTransport>(sp =>
        {
            var smtp = sp.GetRequiredService<SmtpOptions>();
            if (smtp.IsConfigured)
            {
                return new SmtpMailTransport(smtp);
            }

            var options = sp.GetRequiredService<NotificationOptions>();
            sp.GetService<ILoggerFactory>()?.CreateLogger(typeof(NotificationServiceCollectionExtensions))
                .LogWarning("No SMTP server configured (Notifications:Smtp:Host): notices are written to {Folder}", Path.GetFullPath(options.PickupFolder));
            return new PickupFolderTransport(options.PickupFolder);
        });
        services.TryAddSingleton(sp => new NoticeDelivery(
            sp.GetRequiredService<NoticeOutbox>(),
            sp.GetRequiredService<NoticeComposer>(),
            sp.GetRequiredService<IMailTransport>(),
            sp.GetRequiredService<DeliveryOptions>(),
            sp.GetRequiredService<NotificationOptions>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<IWorkflowScheduler>(),
            sp.GetService<ILogger<NoticeDelivery>>()));

        // Replace, not TryAdd: the runtime registers a do-nothing delivery with TryAdd, whichever comes first.
        services.Replace(ServiceDescriptor.Singleton<INoticeDelivery>(sp => sp.GetRequiredService<NoticeDelivery>()));
        services.AddHostedService<NoticeDeliverySweeper>();
        return services;
    }
}
