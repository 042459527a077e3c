using JasperFx;
using Registry.Api;

var app = RegistryApplication.Build(RegistryApplication.CreateBuilder(args));
return await app.RunJasperFxCommands(args);

public partial class Program;
