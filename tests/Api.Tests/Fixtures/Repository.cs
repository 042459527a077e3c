namespace Registry.Api.Tests.Fixtures;

/// <summary>The repository's root directory, found above the test assembly by its solution file.</summary>
public static class Repository
{
    public static string Root
    {
        get
        {
            var root = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            while (root is not null && !File.Exists(Path.Combine(root.FullName, "EventStore.sln"))) root = root.Parent;
            return root?.FullName ?? throw new InvalidOperationException("EventStore.sln not found above " + AppContext.BaseDirectory);
        }
    }
}
