// The namespaces nearly every cmdlet uses, declared once for the project (a file adds only what it alone needs).
global using System;
global using System.Collections;
global using System.Collections.Generic;
global using System.Linq;
global using System.Management.Automation;
global using System.Security;
global using CommerceConnector.Core.Errors;
global using CommerceConnector.Core.Instances;
global using CommerceConnector.Core.Keys;
global using CommerceConnector.Core.Session;
global using CommerceConnector.Core.Magento;
