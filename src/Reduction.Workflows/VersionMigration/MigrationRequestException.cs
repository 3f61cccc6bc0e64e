namespace Reduction.Workflows.VersionMigration;

/// <summary>A migration request that cannot be planned at all (same versions, a mapping naming activities the versions
/// lack, too many instances); the message is Chinese and never repeats the request's text.</summary>
public sealed class MigrationRequestException : Exception
{
    public MigrationRequestException()
    {
    }

    public MigrationRequestException(string message)
        : base(message)
    {
    }

    public MigrationRequestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
