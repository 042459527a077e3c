using Registry.Api;

var app = RegistryApplication.Build(RegistryApplication.CreateBuilder(args));
return await RegistryApplication.Run(app, args);

public partial class Program;
