using Marten;
using Microsoft.AspNetCore.Mvc;
using Registry.Api.Audit;
using Registry.Api.Audit.History;
using Registry.Api.Infrastructure;
using Registry.Domain.Access;
using Registry.Projections.Households;

namespace Registry.Api.Console.Pages;

/// <summary>
/// The latest signed checkpoint and whether it holds, the whole-store verification runs, and one household's history checked
/// against the checkpoint and its hash chain.
/// </summary>
public sealed class VerifyModel(IQuerySession session, IDocumentStore store, CheckpointKeyRing keys) : ConsolePage
{
    public const int Runs = 20;

    public Guid? Household { get; private set; }

    public StreamVerification? Report { get; private set; }

    public CheckpointRecord? Checkpoint { get; private set; }

    public bool CheckpointSigned { get; private set; }

    public IReadOnlyList<VerificationRun> Verifications { get; private set; } = [];

    public Task<IActionResult> OnGetAsync(string? household) => Show(async () =>
    {
        var actor = Actor;
        actor.Require(Permission.ReadAudit);
        var ct = HttpContext.RequestAborted;
        Checkpoint = await CheckpointIssuer.Latest(store, session.TenantId, ct);
        CheckpointSigned = Checkpoint is not null && CheckpointCheck.Signed(Checkpoint, keys.PublicKey(Checkpoint.KeyId));
        Verifications = await session.Query<VerificationRun>().OrderByDescending(r => r.StartedAt).Take(Runs).ToListAsync(ct);
        if (Query.Id("household", household) is not { } id) return;
        Household = id;
        actor.Visible(await session.LoadAsync<HouseholdDetails>(id, ct), h => h.VillageCode, "household.not-found", "没有这个农户，或不在您的辖区。");
        Report = await VerifyEndpoint.Verify(store, session.TenantId, keys, [id], ct);
    });
}
