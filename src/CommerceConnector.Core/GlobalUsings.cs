// The namespaces nearly every Core file uses, declared once for the project (a file adds only what it alone needs).
global using System;
global using System.Collections.Generic;
global using System.Globalization;
global using System.Linq;
global using CommerceConnector.Core.Errors;
global using System.Diagnostics.CodeAnalysis;
