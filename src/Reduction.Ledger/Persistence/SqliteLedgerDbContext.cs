using Microsoft.EntityFrameworkCore;

namespace Reduction.Ledger.Persistence;

/// <summary>SQLite flavour, in the application's database file beside the runtime's tables. SQLite keeps decimals as
/// text, so the figures stay exact; sums are taken in memory.</summary>
public sealed class SqliteLedgerDbContext(DbContextOptions<SqliteLedgerDbContext> options) : LedgerDbContext(options);
