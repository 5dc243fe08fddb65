using CommerceConnector.RegistryServer;

// dotnet run --project src/CommerceConnector.RegistryServer -- --registry <folder> --urls http://127.0.0.1:8080
try
{
    var app = RegistryServerApp.Create(args);
    await app.RunAsync();
    return 0;
}
catch (ServerOptionsException e)
{
    await System.Console.Error.WriteLineAsync(e.Message);
    return 2;
}
