using System.Net;
using System.Security.Cryptography;
using Registry.Api.Tests.Fixtures;
using Registry.Verifier;

namespace Registry.Api.Tests.History;

/// <summary>The auditor's verifier, run as its command line runs it, on exported checkpoint files and the database or a bundle.</summary>
[Collection(HistoryCollection.Name)]
public sealed class VerifierTests(HistoryFixture fixture) : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("registry-verifier-").FullName;

    private AppFixture App => fixture.App;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private static async Task<(int Code, string Output)> Run(params string[] args)
    {
        var output = new StringWriter();
        var code = await VerifierCommand.Run(args, output, CancellationToken.None);
        return (code, output.ToString());
    }

    private async Task<string> ExportedCheckpoint()
    {
        var checkpoint = await HistoryDriver.Checkpoint(App);
        var file = Directory.GetFiles(fixture.ExportPath, $"checkpoint-{checkpoint["treeSize"]!.GetValue<long>():D12}-*.json").Order().Last();
        return file;
    }

    private async Task<string> PublicKey()
    {
        var keys = await (await HistoryDriver.Inspector(App).GetAsync("/api/audit/keys")).ShouldBe(HttpStatusCode.OK);
        var path = Path.Combine(_work, "checkpoint-key.pem");
        await File.WriteAllTextAsync(path, keys["keys"]![0]!["publicKey"]!.GetValue<string>());
        return path;
    }

    [Fact]
    public async Task Checkpoints_kept_outside_verify_against_the_database_and_against_an_exported_bundle()
    {
        var (_, village) = await App.NewVillage();
        await HistoryDriver.Household(App, village);
        var older = await ExportedCheckpoint();
        await HistoryDriver.Household(App, village);
        var newer = await ExportedCheckpoint();
        var key = await PublicKey();
        var database = await TestDatabase.ConnectionString();

        var (code, output) = await Run("verify", "--checkpoint", older, "--checkpoint", newer, "--key", key, "--database", database, "--schema", App.Schema);
        code.ShouldBe(0, output);
        output.ShouldContain("signature valid");
        output.ShouldContain("root matches the events");
        output.ShouldEndWith("VALID" + Environment.NewLine);

        var bundle = Path.Combine(_work, "bundle.jsonl");
        (await Run("export", "--database", database, "--schema", App.Schema, "--out", bundle)).Code.ShouldBe(0);
        (code, output) = await Run("verify", "--checkpoint", newer, "--key", key, "--bundle", bundle);
        code.ShouldBe(0, output);

        // The last line of the bundle edited: the event no longer makes the signed root.
        var lines = await File.ReadAllLinesAsync(bundle);
        lines[^1] = lines[^1].Replace("13700002222", "13700009999", StringComparison.Ordinal);
        await File.WriteAllLinesAsync(bundle, lines);
        (code, output) = await Run("verify", "--checkpoint", newer, "--key", key, "--bundle", bundle);
        code.ShouldBe(1, output);
        output.ShouldContain("ROOT DIFFERS FROM THE EVENTS");
    }

    [Fact]
    public async Task A_checkpoint_without_its_public_key_or_with_another_key_does_not_verify()
    {
        var checkpoint = await ExportedCheckpoint();
        var other = Path.Combine(_work, "other.pem");
        using (var key = ECDsa.Create(ECCurve.NamedCurves.nistP256)) await File.WriteAllTextAsync(other, key.ExportSubjectPublicKeyInfoPem());
        var (code, output) = await Run("verify", "--checkpoint", checkpoint, "--key", other);
        code.ShouldBe(1, output);
        output.ShouldContain("NO PUBLIC KEY WITH THIS ID");
        (await Run("verify", "--key", other)).Code.ShouldBe(2);
        (await Run("sign")).Code.ShouldBe(2);
    }
}
