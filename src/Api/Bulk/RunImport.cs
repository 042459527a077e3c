using Wolverine.Attributes;

namespace Registry.Api.Bulk;

/// <summary>Runs on its own local queue, so a long import never holds up other messages.</summary>
[LocalQueue("imports")]
public sealed record RunImport(Guid ImportId);
