using Microsoft.AspNetCore.Mvc;
using Registry.Api.Infrastructure;
using Registry.Domain.Access;
using Wolverine.Http;
using Registry.Api.Infrastructure.Contract;

namespace Registry.Api.Audit.History;

public sealed record CheckpointKeys(IReadOnlyList<PublicKeyView> Keys);

public static class CheckpointKeysEndpoint
{
    [WolverineGet("/api/audit/keys", OperationId = "listCheckpointKeys", Summary = "Public keys that verify checkpoints, by key id (检查点公钥)", Description = "The public keys (PEM) that verify checkpoints, by key id, the current one and those of earlier keys.")]
    [WithoutDatabase]
    [ProducesResponseType(typeof(CheckpointKeys), StatusCodes.Status200OK)]
    public static IResult Get(HttpContext http, CheckpointKeyRing keys)
    {
        Actor.From(http.User).Require(Permission.ReadAudit);
        return Results.Ok(new CheckpointKeys(keys.Keys));
    }
}
