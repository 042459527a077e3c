namespace Registry.Api.Bulk;

/// <summary>Where background exports keep their files: <c>Exports:Directory</c>, or a directory of the system's temporary one.</summary>
public sealed class ExportFiles(IConfiguration configuration)
{
    public string Directory => configuration["Exports:Directory"] is { Length: > 0 } configured
        ? configured
        : Path.Combine(Path.GetTempPath(), "registry-exports");

    public string Of(ExportJob job) => Path.Combine(Directory, $"{job.Id:N}.{SheetFormats.Extension(job.Format)}");

    public string PartOf(ExportJob job) => Of(job) + ".part";

    public void Remove(ExportJob job)
    {
        File.Delete(Of(job));
        File.Delete(PartOf(job));
    }
}
