using Microsoft.EntityFrameworkCore;

namespace Reduction.Identity.Persistence;

/// <summary>SQLite flavour, in the application's database file beside the runtime's tables.</summary>
public sealed class SqliteAccountDbContext(DbContextOptions<SqliteAccountDbContext> options) : AccountDbContext(options);
