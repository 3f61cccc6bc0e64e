using System.Text.Json.Nodes;
using Reduction.Server.Answers.Attachments;

namespace Reduction.Server.Tests.Answers;

public sealed class AttachmentNameTests
{
    [Theory]
    [InlineData('\u202A')]
    [InlineData('\u202B')]
    [InlineData('\u202C')]
    [InlineData('\u202D')]
    [InlineData('\u202E')]
    [InlineData('\u2066')]
    [InlineData('\u2067')]
    [InlineData('\u2068')]
    [InlineData('\u2069')]
    [InlineData('\u200E')]
    [InlineData('\u200F')]
    [InlineData('\u061C')]
    [InlineData('\u0007')]
    [InlineData('\u2028')]
    public void CleanName_BidirectionalAndControlCharacters_Removed(char control)
    {
        Assert.Equal("报告fdp.exe.pdf", AttachmentCheck.CleanName($"报告{control}fdp.exe.pdf"));
    }

    [Fact]
    public void ListOf_NameStoredWithAnOverride_ShownWithout()
    {
        var data = new JsonObject { ["attachments"] = new JsonArray(new JsonObject { ["name"] = "报告\u202Efdp.exe", ["size"] = 1L, ["sha256"] = "", ["contentType"] = "application/pdf" }) };

        Assert.Equal("报告fdp.exe", Assert.Single(StoredAttachment.ListOf(data)).Name);
    }
}
