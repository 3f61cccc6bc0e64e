using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Reduction.Identity.Accounts;
using Reduction.Identity.Keys;

namespace Reduction.Identity.Persistence;

/// <summary>Accounts, roles, two-factor keys, API keys and bearer tokens: Identity's tables on the application
/// database, with their own migrations. Provider-specific subclasses carry them.</summary>
public abstract class AccountDbContext(DbContextOptions options) : IdentityDbContext<Account, IdentityRole<Guid>, Guid>(options)
{
    public DbSet<ApiKeyRecord> ApiKeys => Set<ApiKeyRecord>();

    public DbSet<AccessTokenRecord> AccessTokens => Set<AccessTokenRecord>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<Account>(e =>
        {
            e.ToTable("accounts");
            e.Property(a => a.PartyId).HasMaxLength(100);
            e.Property(a => a.FullName).HasMaxLength(100);
            e.HasIndex(a => a.PartyId);
        });
        builder.Entity<IdentityRole<Guid>>().ToTable("roles");
        builder.Entity<IdentityUserRole<Guid>>().ToTable("account_roles");
        builder.Entity<IdentityUserClaim<Guid>>().ToTable("account_claims");
        builder.Entity<IdentityUserLogin<Guid>>().ToTable("account_logins");
        builder.Entity<IdentityUserToken<Guid>>().ToTable("account_tokens");
        builder.Entity<IdentityRoleClaim<Guid>>().ToTable("role_claims");
        builder.Entity<ApiKeyRecord>(e =>
        {
            e.ToTable("api_keys");
            e.Property(k => k.Name).HasMaxLength(100);
            e.Property(k => k.Prefix).HasMaxLength(16);
            e.Property(k => k.SecretHash).HasMaxLength(64);
            e.Property(k => k.Scopes).HasMaxLength(500);
            e.Property(k => k.CreatedBy).HasMaxLength(256);
            e.Property(k => k.RevokedBy).HasMaxLength(256);
            e.HasIndex(k => k.SecretHash).IsUnique();
            e.HasIndex(k => k.Name).IsUnique();
        });
        builder.Entity<AccessTokenRecord>(e =>
        {
            e.ToTable("access_tokens");
            e.Property(t => t.TokenHash).HasMaxLength(64);
            e.HasIndex(t => t.TokenHash).IsUnique();
            e.HasIndex(t => t.AccountId);
        });
    }
}
