using System.Data.Common;

namespace Reduction.Server.Hosting;

/// <summary>Recognises failures that mean "the database is unreachable right now" (worth retrying), as opposed to bugs.</summary>
internal static class StorageErrors
{
    public static bool IsUnavailable(Exception e)
    {
        for (var current = (Exception?)e; current is not null; current = current.InnerException)
        {
            if (current is DbException or TimeoutException)
            {
                return true;
            }
        }

        return false;
    }
}
