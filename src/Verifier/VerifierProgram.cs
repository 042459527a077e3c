namespace Registry.Verifier;

public static class VerifierProgram
{
    public static Task<int> Main(string[] args) => VerifierCommand.Run(args, Console.Out, CancellationToken.None);
}
