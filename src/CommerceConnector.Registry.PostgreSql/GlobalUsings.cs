// The namespaces nearly every file of the backend uses, declared once (a file adds only what it alone needs).
global using System;
global using System.Collections.Generic;
global using System.Linq;
global using CommerceConnector.Core.Errors;
global using CommerceConnector.Core.Storage;
global using Npgsql;
