namespace Reduction.Server.Tests.Answers;

/// <summary>The page and API tests share one server (<see cref="AnswerFixture"/>).</summary>
[CollectionDefinition(Name)]
public sealed class AnswerCollection : ICollectionFixture<AnswerFixture>
{
    public const string Name = "answer-pages";
}
