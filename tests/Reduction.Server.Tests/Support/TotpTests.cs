namespace Reduction.Server.Tests.Support;

public sealed class TotpTests
{
    // RFC 6238 appendix B, SHA-1 seed "12345678901234567890" (base32 below), last six digits of the 8-digit values.
    [Theory]
    [InlineData(59, "287082")]
    [InlineData(1111111109, "081804")]
    [InlineData(1234567890, "005924")]
    [InlineData(2000000000, "279037")]
    public void Code_Rfc6238Vectors_Match(long unixSeconds, string expected) =>
        Assert.Equal(expected, Totp.Code("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", DateTimeOffset.FromUnixTimeSeconds(unixSeconds)));
}
