using Registry.Projections;

namespace Registry.Api.Tests.HouseholdRoutes;

/// <summary>The canonical form and hash of an event never change: every stored chain was computed with them.</summary>
public sealed class HashChainFormTests
{
    private const string Data =
        """{"z":1.50,"a":{"y":[3,1e3,-0.0,12345678901234567890],"b":null,"名":"王大山 \"小\" <b>&'\n\u00e9"},"t":true,"f":false,"e":[],"o":{},"s":"\ud83d\ude00"}""";

    [Fact]
    public void The_canonical_form_sorts_keys_escapes_as_before_and_normalises_numbers()
    {
        HashChain.Canonical(Data).ShouldBe(
            """{"a":{"b":null,"y":[3,1000,0,12345678901234567890],"\u540D":"\u738B\u5927\u5C71 \u0022\u5C0F\u0022 \u003Cb\u003E\u0026\u0027\n\u00E9"},"e":[],"f":false,"o":{},"s":"\uD83D\uDE00","t":true,"z":1.5}""");
        HashChain.Canonical("null").ShouldBe("null");
        HashChain.Canonical("\"x\"").ShouldBe("\"x\"");
    }

    [Fact]
    public void The_hash_of_an_event_is_the_one_chains_were_stored_with()
    {
        var headers = new Dictionary<string, string?> { ["unit"] = "500101001001", ["actor-id"] = "u1", ["actor-name"] = "村文书", ["hash"] = "ignored" };
        HashChain.Compute("abc", new Guid("5c7a1a36-1d2b-4a8e-9f3e-0c2d4e6f8a10"), 3, "household.registered.v1", Data, headers, "corr")
            .ShouldBe("5d0b437ebc73cd8e898c557a374fa0422d2910f190e07c568306e8d8d59bdf11");
    }
}
