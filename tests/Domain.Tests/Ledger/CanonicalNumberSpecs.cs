using Registry.Ledger;

namespace Registry.Domain.Tests.Ledger;

public sealed class CanonicalNumberSpecs
{
    [Theory]
    [InlineData("1.50", "1.5")]
    [InlineData("1.0", "1")]
    [InlineData("100", "100")]
    [InlineData("0.10", "0.1")]
    [InlineData("-2.500", "-2.5")]
    [InlineData("-0", "0")]
    [InlineData("0", "0")]
    [InlineData("12345678901234567890.25", "12345678901234567890.25")]
    public void Numbers_decimal_holds_exactly_take_its_form(string raw, string canonical) =>
        CanonicalNumber.Of(raw).ShouldBe(canonical);

    /// <summary>A forger's digit past what decimal carries would otherwise round away and hash as the number it replaced.</summary>
    [Fact]
    public void A_number_decimal_would_round_keeps_its_own_text()
    {
        CanonicalNumber.Of("1.50000000000000000000000000001").ShouldBe("1.50000000000000000000000000001");
        CanonicalNumber.Of("12345678901234567890123456789.4").ShouldNotBe(CanonicalNumber.Of("12345678901234567890123456789"));
    }
}
