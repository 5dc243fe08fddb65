using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;

// Usage: ModuleLoadProbe <module folder> <registry folder>
// Prints key=value lines describing where the module's dependencies came from.
string moduleFolder = args[0], registry = args[1];

Assembly host = typeof(Newtonsoft.Json.JsonConvert).Assembly;
Console.WriteLine($"hostJson={host.GetName().Version}");
Console.WriteLine($"hostJsonFolder={Path.GetDirectoryName(host.Location)}");

Assembly module = AssemblyLoadContext.Default.LoadFromAssemblyPath(Path.Combine(moduleFolder, "CommerceConnector.dll"));
module.GetType("CommerceConnector.DependencyResolver", throwOnError: true)!.GetMethod("Register", Type.EmptyTypes)!.Invoke(null, null);

// As when PowerShell binds a cmdlet parameter of a Core type: a load by name with no requesting assembly.
Assembly core = AssemblyLoadContext.Default.LoadFromAssemblyName(new AssemblyName("CommerceConnector.Core"));
Console.WriteLine($"coreContext={AssemblyLoadContext.GetLoadContext(core)!.Name}");
Console.WriteLine($"coreFolder={Path.GetDirectoryName(core.Location)}");

// Use the registry through Core, which needs its own Newtonsoft.Json 13.
Type storeType = core.GetType("CommerceConnector.Core.Storage.FileRegistryStore", throwOnError: true)!;
object store = Activator.CreateInstance(storeType, registry, (TimeSpan?)null)!;
Type directoryType = core.GetType("CommerceConnector.Core.Accounts.AccountDirectory", throwOnError: true)!;
object directory = Activator.CreateInstance(directoryType, store, null)!;
Type edition = core.GetType("CommerceConnector.Core.Accounts.CommerceEdition", throwOnError: true)!;
Type standing = core.GetType("CommerceConnector.Core.Accounts.AccountStanding", throwOnError: true)!;
directoryType.GetMethod("NewAccount")!.Invoke(directory, new object?[] { "MAG4242", Enum.Parse(edition, "AdobeCommerce"), "owner@example.com", null, Enum.Parse(standing, "Good") });
object account = directoryType.GetMethod("GetAccount")!.Invoke(directory, new object[] { "MAG4242" })!;
Console.WriteLine($"accountOwner={account.GetType().GetProperty("Owner")!.GetValue(account)}");

// The Newtonsoft.Json that Core's code actually binds to.
Assembly coreJson = core.GetType("CommerceConnector.Core.Storage.FileRegistryStore", throwOnError: true)!
    .GetField("SerializerSettings", BindingFlags.NonPublic | BindingFlags.Static)!.FieldType.Assembly;
Console.WriteLine($"coreJson={coreJson.GetName().Version}");
Console.WriteLine($"coreJsonContext={AssemblyLoadContext.GetLoadContext(coreJson)!.Name}");
Console.WriteLine($"coreJsonFolder={Path.GetDirectoryName(coreJson.Location)}");
Console.WriteLine($"hostJsonStill={Newtonsoft.Json.JsonConvert.SerializeObject(new { works = true })}");
