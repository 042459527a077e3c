using Wolverine;
using Wolverine.Attributes;

namespace Registry.Api.Audit.History;

/// <summary>Runs on its own local queue: a whole-store verification takes a while and holds up nothing else.</summary>
[LocalQueue("verifications")]
public sealed record RunVerification(Guid VerificationId);

public static class RunVerificationHandler
{
    /// <summary>A large store takes minutes; Wolverine's default handler timeout of one minute would cancel it.</summary>
    [MessageTimeout(4 * 60 * 60)]
    public static Task Handle(RunVerification message, IMessageContext context, Tenancy.Districts districts, StoreVerifier verifier, CancellationToken ct) =>
        verifier.Run(message.VerificationId, districts.TenantOr(context.TenantId), ct);
}
