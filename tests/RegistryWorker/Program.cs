using System;
using CommerceConnector.Core.Accounts;
using CommerceConnector.Core.Storage;

// Usage: RegistryWorker <registry folder> <MageID prefix digits> <count>
// Adds <count> accounts MAG<prefix><i>, each in its own locked, durable update; prints "done <count>".
if (args.Length != 3)
{
    Console.Error.WriteLine("usage: RegistryWorker <folder> <prefix> <count>");
    return 2;
}
var accounts = new AccountDirectory(new FileRegistryStore(args[0], TimeSpan.FromMinutes(2)));
int count = int.Parse(args[2]);
for (int i = 0; i < count; i++)
{
    accounts.NewAccount($"MAG{args[1]}{i:D4}", CommerceEdition.AdobeCommerce, $"owner{i}@example.com");
}
Console.WriteLine($"done {count}");
return 0;
