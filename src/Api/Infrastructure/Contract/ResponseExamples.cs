using Registry.Api.Audit.History;
using Registry.Api.Bulk;
using Registry.Api.Quality;
using Registry.Api.Reference;
using Registry.Ledger;

namespace Registry.Api.Infrastructure.Contract;

/// <summary>
/// An example answer for each operation a client calls with nothing to fill in (no body, no parameter), so that every
/// operation shows an example; built from the same data and code the routes answer from, shortened.
/// </summary>
public static class ResponseExamples
{
    /// <summary>A public key made for this example alone; nothing is signed with its private half.</summary>
    private const string ExampleKey = """
        -----BEGIN PUBLIC KEY-----
        MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEW8fsc3CrXXd/aMxACs93sqcxXGOp
        WL5koVQXtoRQ/H1HzvLQd41G4KzfxQ8t3F3AFaR1XQNj60P2PrkwhcYRfQ==
        -----END PUBLIC KEY-----
        """;

    private static readonly string KeyId = Checkpoints.KeyId(Checkpoints.FromPem(ExampleKey));

    private static readonly SignedCheckpoint Checkpoint = new(1042, Convert.FromHexString("b567c0cbb2e85c295e6ade930e5bb349a4b9bee9489caa7d6b679dd46e82a711"),
        new DateTimeOffset(2020, 12, 1, 0, 0, 0, TimeSpan.Zero), KeyId, Convert.FromHexString(
            "3bb12eda3c298db5de25597f54d924f2e17e78a26ad8953ed8218ee682f0bbbe9021e2f3009d152c911bf1f25ec683a902714166767afbd8e5bd0fb0124ecb8a"));

    public static IReadOnlyDictionary<Type, Func<object>> ByType { get; } = new Dictionary<Type, Func<object>>
    {
        [typeof(ReferenceData)] = () =>
        {
            var all = GetReferenceEndpoint.Of([new EffectiveLine(2020, 4000m, 6000m, "500101000000")]);
            return all with { Enums = all.Enums.Take(2).ToDictionary(), Procedures = all.Procedures.Take(1).ToList() };
        },
        [typeof(RuleSetView)] = () => RulesEndpoint.Current() is var rules ? rules with { Rules = rules.Rules.Take(2).ToList() } : rules,
        [typeof(CheckpointKeys)] = () => new CheckpointKeys([new PublicKeyView(KeyId, Checkpoints.Algorithm, ExampleKey, true)]),
        [typeof(SignedCheckpoint)] = () => Checkpoint,
        [typeof(ImportAccepted)] = () => new ImportAccepted(Guid.Parse("0197a3c2-5e10-7d4a-9b1e-3f2a6c8d0e41")),
        [typeof(VerificationAccepted)] = () => new VerificationAccepted(Guid.Parse("0197a3c2-5e10-7d4a-9b1e-3f2a6c8d0e51")),
    };
}
