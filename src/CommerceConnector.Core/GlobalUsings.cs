// The namespaces nearly every Core file uses, declared once for the project (a file adds only what it alone needs).
global using System;
global using System.Collections.Generic;
global using System.Globalization;
global using System.IO;
global using System.Linq;
global using System.Text;
global using System.Threading;
global using System.Threading.Tasks;
global using CommerceConnector.Core.Errors;
global using System.Diagnostics.CodeAnalysis;
