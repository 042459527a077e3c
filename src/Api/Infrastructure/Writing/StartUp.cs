namespace Registry.Api.Infrastructure.Writing;

/// <summary>Writes a node makes as it starts, which another node starting at the same moment may make first.</summary>
public static class StartUp
{
    private const int Attempts = 3;

    /// <summary>Runs the work again, on what is current, when a concurrent commit took its stream or key first.</summary>
    public static async Task<T> AgainIfRaced<T>(Func<Task<T>> work)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await work();
            }
            catch (Exception e) when (attempt < Attempts && ConcurrentWrites.LostARace(e))
            {
            }
        }
    }
}
