using Microsoft.Extensions.Time.Testing;
using Reduction.Notifications.Documents;
using Reduction.Testing;
using Reduction.Workflows.Persistence;

namespace Reduction.Notifications.Tests.Documents;

public class DocumentNumberAllocatorTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task Allocate_ManyNoticesConcurrently_GivesConsecutiveUniqueSerials()
    {
        var database = new WorkflowDatabase(new WorkflowStorageOptions { PostgresConnectionString = await postgres.CreateDatabaseAsync() });
        await database.MigrateAsync();
        var allocator = new DocumentNumberAllocator(database, new FakeTimeProvider());

        var numbers = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => Task.Run(() => allocator.AllocateAsync(Guid.NewGuid(), "藏环发", 2015))));

        Assert.Equal(Enumerable.Range(1, 30), numbers.Select(n => n.Serial).Order());
        Assert.All(numbers, n => Assert.Equal($"藏环发〔2015〕{n.Serial}号", n.ToString()));
    }

    [Fact]
    public async Task Allocate_SameNoticeAgain_KeepsItsNumber()
    {
        using var file = new SqliteTestDatabase();
        var database = new WorkflowDatabase(new WorkflowStorageOptions { SqliteConnectionString = file.ConnectionString });
        await database.MigrateAsync();
        var allocator = new DocumentNumberAllocator(database, new FakeTimeProvider());
        var notice = Guid.NewGuid();

        var first = await allocator.AllocateAsync(notice, "藏环函", 2015);
        var other = await allocator.AllocateAsync(Guid.NewGuid(), "藏环函", 2015);
        var again = await allocator.AllocateAsync(notice, "藏环函", 2015);
        var nextYear = await allocator.AllocateAsync(Guid.NewGuid(), "藏环函", 2016);
        var otherSeries = await allocator.AllocateAsync(Guid.NewGuid(), "藏环发", 2015);

        Assert.Equal("藏环函〔2015〕1号", first.ToString());
        Assert.Equal("藏环函〔2015〕2号", other.ToString());
        Assert.Equal(first, again);
        Assert.Equal("藏环函〔2016〕1号", nextYear.ToString());
        Assert.Equal("藏环发〔2015〕1号", otherSeries.ToString());
    }
}
