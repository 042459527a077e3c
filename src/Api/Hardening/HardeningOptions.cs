namespace Registry.Api.Hardening;

/// <summary>Limits on what one request and one user may send; section "Limits".</summary>
public sealed class HardeningOptions
{
    public const string Section = "Limits";

    /// <summary>Largest request body accepted, in bytes; an endpoint may set its own with [RequestSizeLimit].</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Writes (any method but GET, HEAD and OPTIONS) one user may send per window.</summary>
    public int WritesPerWindow { get; set; } = 300;

    /// <summary>Reads (GET, HEAD and OPTIONS under /api) one user may send per window.</summary>
    public int ReadsPerWindow { get; set; } = 1200;

    /// <summary>The window of both quotas.</summary>
    public int WriteWindowSeconds { get; set; } = 60;

    public void Validate()
    {
        if (MaxRequestBodyBytes < 1024) throw new InvalidOperationException("Limits:MaxRequestBodyBytes must be at least 1024.");
        if (WritesPerWindow < 1) throw new InvalidOperationException("Limits:WritesPerWindow must be at least 1.");
        if (ReadsPerWindow < 1) throw new InvalidOperationException("Limits:ReadsPerWindow must be at least 1.");
        if (WriteWindowSeconds < 1) throw new InvalidOperationException("Limits:WriteWindowSeconds must be at least 1.");
    }
}
