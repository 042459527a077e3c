namespace Registry.Bench.Infrastructure;

/// <summary>What every phase shares: the running API, its client, a town with villages, and tokens.</summary>
public sealed class World(ApiClient api, string dbConnection, ApiProcess? process)
{
    public const string District = "500101000000";
    public const string Town = "500101130000";
    public static readonly string[] Villages = ["500101130001", "500101130002", "500101130003", "500101130004"];

    private readonly Dictionary<string, string> _tokens = [];

    public ApiClient Api { get; } = api;
    public string Db { get; } = dbConnection;
    public ApiProcess? Process { get; } = process;
    public string DistrictToken { get; private set; } = "";

    public static async Task<World> Create(ApiProcess process, string db)
    {
        var world = new World(new ApiClient(process.BaseAddress), db, process);
        world.DistrictToken = await world.Api.Token("bench-district", "DistrictOfficer", District);
        await world.Api.CreateOrgUnit(world.DistrictToken, Town, "基准镇", "Town", District);
        for (var i = 0; i < Villages.Length; i++)
            await world.Api.CreateOrgUnit(world.DistrictToken, Villages[i], $"基准{i + 1}村", "Village", Town);
        return world;
    }

    /// <summary>A village clerk per client, so each client is its own user as in the field.</summary>
    public async Task<(string Token, string Village)> Clerk(int client)
    {
        var village = Villages[client % Villages.Length];
        var key = $"bench-clerk-{client}";
        if (!_tokens.TryGetValue(key, out var token)) _tokens[key] = token = await Api.Token(key, "VillageClerk", village);
        return (token, village);
    }
}
