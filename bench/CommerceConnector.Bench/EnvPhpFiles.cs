using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace CommerceConnector.Bench
{
    /// <summary>
    /// A PHP array as Magento's deployment configuration writer lays it out: short syntax, four spaces per level, no
    /// comma after the last entry; list entries without keys. Entries may carry a line comment above them.
    /// </summary>
    internal sealed class PhpArray
    {
        private readonly List<(object Key, object Value, string Comment)> _entries = new List<(object, object, string)>();

        /// <summary>Adds an entry; <paramref name="key"/> is a string, an int, or null for a list entry; <paramref name="value"/> a string, int, bool or PhpArray.</summary>
        public PhpArray Add(object key, object value, string comment = null)
        {
            _entries.Add((key, value, comment));
            return this;
        }

        /// <summary>Adds string entries.</summary>
        public PhpArray Strings(params string[] keysAndValues)
        {
            for (int i = 0; i + 1 < keysAndValues.Length; i += 2)
            {
                Add(keysAndValues[i], keysAndValues[i + 1]);
            }
            return this;
        }

        /// <summary>The whole file: an opening tag, an optional docblock, and <c>return [...];</c>.</summary>
        public string ToFile(string docblock)
        {
            string comment = docblock == null ? string.Empty : "/**\n" + string.Concat(docblock.Split('\n').Select(line => " * " + line + "\n")) + " */\n";
            return "<?php\n" + comment + "return " + Text(0) + ";\n";
        }

        /// <summary>The array at <paramref name="depth"/> levels of nesting: one entry a line, its comment on the line above.</summary>
        private string Text(int depth)
        {
            string indent = new string(' ', 4 * (depth + 1));
            var entries = _entries.Select(e => "\n" + (e.Comment == null ? string.Empty : indent + "// " + e.Comment + "\n")
                + indent + (e.Key == null ? string.Empty : Literal(e.Key, depth) + " => ") + Literal(e.Value, depth));
            return "[" + string.Join(",", entries) + "\n" + new string(' ', 4 * depth) + "]";
        }

        private static string Literal(object value, int depth) => value switch
        {
            PhpArray array => array.Text(depth + 1),
            string s => "'" + s.Replace("\\", "\\\\").Replace("'", "\\'") + "'",
            int n => n.ToString(CultureInfo.InvariantCulture),
            bool b => b ? "true" : "false",
            _ => throw new ArgumentException("unsupported PHP literal: " + value),
        };
    }

    /// <summary>
    /// The connector values the generated env.php files start with. <paramref name="Environment"/> is
    /// magento_saas/environment: production, or sandbox for a staging site on testing data spaces.
    /// </summary>
    internal sealed record ConnectorValues(
        string ProductionApiKey, string ProductionPrivateKey, string SandboxApiKey, string SandboxPrivateKey, string ProjectId, string ProjectName,
        string DataSpaceId = null, string DataSpaceName = null, string DataSpaceType = null, string Environment = "production");

    /// <summary>
    /// Generates the env.php and config.php files of the envphp suite: a Magento-default env.php, and a large one
    /// padded with what production sites lock in env.php (many store views and websites, cache and session settings,
    /// comments). Everything is a literal, so that PHP's include and var_export see exactly what the file says.
    /// </summary>
    internal static class EnvPhpFiles
    {
        /// <summary>The size the large env.php is padded to (it ends at the first store view that reaches it).</summary>
        public const int TargetBytes = 20 * 1024;

        /// <summary>Modules in the generated config.php, about what a Magento 2.4 installation with Commerce Services lists.</summary>
        public const int ConfigPhpModules = 390;

        private static readonly string[][] StoreViews =
        {
            new[] { "en_us", "United States", "English", "en_US", "USD", "us" },
            new[] { "es_us", "United States", "Spanish", "es_US", "USD", "us" },
            new[] { "en_ca", "Canada", "English", "en_CA", "CAD", "us" },
            new[] { "fr_ca", "Canada", "French", "fr_CA", "CAD", "us" },
            new[] { "es_mx", "Mexico", "Spanish", "es_MX", "MXN", "us" },
            new[] { "en_gb", "United Kingdom", "English", "en_GB", "GBP", "uk" },
            new[] { "en_ie", "Ireland", "English", "en_IE", "EUR", "eu" },
            new[] { "de_de", "Germany", "German", "de_DE", "EUR", "eu" },
            new[] { "de_at", "Austria", "German", "de_AT", "EUR", "eu" },
            new[] { "de_ch", "Switzerland", "German", "de_CH", "CHF", "eu" },
            new[] { "fr_ch", "Switzerland", "French", "fr_CH", "CHF", "eu" },
            new[] { "it_ch", "Switzerland", "Italian", "it_CH", "CHF", "eu" },
            new[] { "fr_fr", "France", "French", "fr_FR", "EUR", "eu" },
            new[] { "fr_be", "Belgium", "French", "fr_BE", "EUR", "eu" },
            new[] { "nl_be", "Belgium", "Dutch", "nl_BE", "EUR", "eu" },
            new[] { "nl_nl", "Netherlands", "Dutch", "nl_NL", "EUR", "eu" },
            new[] { "it_it", "Italy", "Italian", "it_IT", "EUR", "eu" },
            new[] { "es_es", "Spain", "Spanish", "es_ES", "EUR", "eu" },
            new[] { "pt_pt", "Portugal", "Portuguese", "pt_PT", "EUR", "eu" },
            new[] { "pl_pl", "Poland", "Polish", "pl_PL", "PLN", "eu" },
            new[] { "sv_se", "Sweden", "Swedish", "sv_SE", "SEK", "eu" },
            new[] { "da_dk", "Denmark", "Danish", "da_DK", "DKK", "eu" },
            new[] { "nb_no", "Norway", "Norwegian", "nb_NO", "NOK", "eu" },
            new[] { "fi_fi", "Finland", "Finnish", "fi_FI", "EUR", "eu" },
            new[] { "ja_jp", "Japan", "Japanese", "ja_JP", "JPY", "apac" },
            new[] { "en_au", "Australia", "English", "en_AU", "AUD", "apac" },
            new[] { "en_nz", "New Zealand", "English", "en_NZ", "NZD", "apac" },
            new[] { "en_sg", "Singapore", "English", "en_SG", "SGD", "apac" },
        };

        private static readonly string[] Websites = { "us", "uk", "eu", "apac" };

        /// <summary>
        /// The large env.php of the production site: a Magento-default env.php with Redis sessions and caches, and the
        /// values locked with <c>config:set --lock-env</c> under system (default scope with the connector's key pairs
        /// and services_id, websites and store views), padded with store views until it reaches <see cref="TargetBytes"/>.
        /// </summary>
        public static string LargeEnvPhp(ConnectorValues connector)
        {
            for (int views = 1; ; views++)
            {
                string text = Large(connector, views);
                if (Encoding.UTF8.GetByteCount(text) >= TargetBytes || views >= 400)
                {
                    return text;
                }
            }
        }

        /// <summary>A small env.php as <c>bin/magento setup:install</c> writes it (no system section), for one of many sites.</summary>
        public static string SmallEnvPhp(int index)
        {
            string n = index.ToString("D4", CultureInfo.InvariantCulture);
            var root = new PhpArray()
                .Add("backend", new PhpArray().Strings("frontName", "admin_" + n))
                .Add("remote_storage", new PhpArray().Strings("driver", "file"))
                .Add("queue", new PhpArray().Add("consumers_wait_for_messages", 1))
                .Add("crypt", new PhpArray().Strings("key", CryptKey(index)))
                .Add("db", Db("db" + n + ".internal", "shop_" + n, "shop_" + n, "pw-" + CryptKey(index + 7).Substring(6, 12)))
                .Add("resource", new PhpArray().Add("default_setup", new PhpArray().Strings("connection", "default")))
                .Add("x-frame-options", "SAMEORIGIN")
                .Add("MAGE_MODE", index % 5 == 0 ? "developer" : "production")
                .Add("session", new PhpArray().Strings("save", "files"))
                .Add("lock", new PhpArray().Strings("provider", "db"))
                .Add("directories", new PhpArray().Add("document_root_is_pub", true))
                .Add("cache_types", CacheTypes())
                .Add("downloadable_domains", new PhpArray().Add(null, "shop" + n + ".example"))
                .Add("install", new PhpArray().Strings("date", "Tue, 04 Mar 2025 09:" + (index % 60).ToString("D2", CultureInfo.InvariantCulture) + ":44 +0000"));
            return root.ToFile(null);
        }

        /// <summary>app/etc/config.php: the enabled modules (the two the connector needs among them) and the scopes.</summary>
        public static string ConfigPhp(int modules)
        {
            var list = new PhpArray();
            string[] named =
            {
                "Magento_Store", "Magento_Directory", "Magento_Config", "Magento_Theme", "Magento_Eav", "Magento_Customer",
                "Magento_Catalog", "Magento_Quote", "Magento_Sales", "Magento_Checkout", "Magento_Cms", "Magento_Indexer",
                "Magento_SaaSCommon", "Magento_ServicesId", "Magento_ServicesConnector", "Magento_DataExporter",
                "Magento_CatalogDataExporter", "Magento_LiveSearch", "Magento_ProductRecommendationsLayout",
            };
            for (int i = 0; i < modules; i++)
            {
                string name = i < named.Length ? named[i] : "Vendor_Module" + i.ToString("D3", CultureInfo.InvariantCulture);
                list.Add(name, i % 37 == 36 ? 0 : 1);
            }
            return new PhpArray()
                .Add("modules", list)
                .Add("scopes", new PhpArray()
                    .Add("websites", new PhpArray().Add("base", new PhpArray().Add("website_id", "1").Add("code", "base").Add("name", "Main Website"))))
                .ToFile(null);
        }

        /// <summary>The php script the suite times: Set-DataSpace's five services_id values set the way PHP code would.</summary>
        public const string EditScript =
            "<?php\n" +
            "// argv: env.php, output file, project_id, project_name, environment_id, environment_name, environment\n" +
            "$t0 = microtime(true);\n" +
            "$c = include $argv[1];\n" +
            "$c['system']['default']['services_connector']['services_id']['project_id'] = $argv[3];\n" +
            "$c['system']['default']['services_connector']['services_id']['project_name'] = $argv[4];\n" +
            "$c['system']['default']['services_connector']['services_id']['environment_id'] = $argv[5];\n" +
            "$c['system']['default']['services_connector']['services_id']['environment_name'] = $argv[6];\n" +
            "$c['system']['default']['services_connector']['services_id']['environment'] = $argv[7];\n" +
            "file_put_contents($argv[2], \"<?php\\nreturn \" . var_export($c, true) . \";\\n\");\n" +
            "$t1 = microtime(true);\n" +
            "echo sprintf('%.6F', ($t1 - $t0) * 1000);\n";

        private static string Large(ConnectorValues connector, int views)
        {
            var system = new PhpArray()
                .Add("default", DefaultScope(connector), "Locked with bin/magento config:set --lock-env: read-only in the Admin.")
                .Add("websites", WebsiteScopes(), "Website scope")
                .Add("stores", StoreScopes(views), "Store view scope: one block per store view");

            var root = new PhpArray()
                .Add("backend", new PhpArray().Strings("frontName", "admin_k3v9q"))
                .Add("remote_storage", new PhpArray().Strings("driver", "file"))
                .Add("queue", new PhpArray().Add("consumers_wait_for_messages", 1).Add("amqp", new PhpArray()
                    .Strings("host", "rabbitmq.internal", "port", "5672", "user", "magento", "password", "q8Vt-2xLm", "virtualhost", "/", "ssl", "")))
                .Add("crypt", new PhpArray().Strings("key", CryptKey(1)))
                .Add("db", Db("mysql.internal", "shop_prod", "shop", "Xk2pL9qR-7tW"))
                .Add("resource", new PhpArray().Add("default_setup", new PhpArray().Strings("connection", "default")))
                .Add("x-frame-options", "SAMEORIGIN")
                .Add("MAGE_MODE", "production")
                .Add("session", new PhpArray().Add("save", "redis").Add("redis", new PhpArray().Strings(
                    "host", "redis-session.internal", "port", "6379", "password", "", "timeout", "2.5", "persistent_identifier", "",
                    "database", "2", "compression_threshold", "2048", "compression_library", "gzip", "log_level", "1",
                    "max_concurrency", "6", "break_after_frontend", "5", "break_after_adminhtml", "30", "first_lifetime", "600",
                    "bot_first_lifetime", "60", "bot_lifetime", "7200", "disable_locking", "0", "min_lifetime", "60",
                    "max_lifetime", "2592000", "sentinel_master", "", "sentinel_servers", "", "sentinel_connect_retries", "5",
                    "sentinel_verify_master", "0")), "Sessions in Redis database 2 (caches use 0 and 1).")
                .Add("cache", new PhpArray()
                    .Add("frontend", new PhpArray()
                        .Add("default", CacheFrontend("0", "1"))
                        .Add("page_cache", CacheFrontend("1", "0"), "Full page cache; Varnish in front of it (http_cache_hosts)."))
                    .Add("allow_parallel_generation", false))
                .Add("lock", new PhpArray().Strings("provider", "db"))
                .Add("directories", new PhpArray().Add("document_root_is_pub", true))
                .Add("cache_types", CacheTypes())
                .Add("downloadable_domains", new PhpArray().Add(null, "shop.example").Add(null, "www.shop.example").Add(null, "media.shop.example"))
                .Add("install", new PhpArray().Strings("date", "Tue, 04 Mar 2025 09:12:44 +0000"))
                .Add("http_cache_hosts", new PhpArray().Add(null, new PhpArray().Strings("host", "varnish.internal", "port", "6081")))
                .Add("cron_consumers_runner", new PhpArray().Add("cron_run", false).Add("max_messages", 10000).Add("consumers", new PhpArray()
                    .Add(null, "async.operations.all").Add(null, "product_action_attribute.update").Add(null, "exportProcessor")))
                .Add("system", system);
            return root.ToFile("Deployment configuration of shop.example (production).\nGenerated by CommerceConnector.Bench for the env.php benchmark.");
        }

        private static PhpArray DefaultScope(ConnectorValues c) => new PhpArray()
            .Add("web", new PhpArray()
                .Add("secure", new PhpArray().Strings("base_url", "https://shop.example/", "base_link_url", "https://shop.example/", "base_static_url", "https://static.shop.example/", "base_media_url", "https://media.shop.example/", "use_in_frontend", "1", "use_in_adminhtml", "1"))
                .Add("unsecure", new PhpArray().Strings("base_url", "https://shop.example/", "base_link_url", "https://shop.example/", "base_static_url", "https://static.shop.example/", "base_media_url", "https://media.shop.example/"))
                .Add("cookie", new PhpArray().Strings("cookie_lifetime", "3600", "cookie_httponly", "1", "cookie_restriction", "1"))
                .Add("seo", new PhpArray().Strings("use_rewrites", "1")))
            .Add("general", new PhpArray()
                .Add("locale", new PhpArray().Strings("code", "en_US", "timezone", "America/Chicago", "weight_unit", "lbs"))
                .Add("country", new PhpArray().Strings("default", "US", "allow", "US,CA,MX,GB,IE,DE,AT,CH,FR,BE,NL,IT,ES,PT,PL,SE,DK,NO,FI,JP,AU,NZ,SG"))
                .Add("store_information", new PhpArray().Strings("name", "Luma Retail", "phone", "+1 512 555 0100", "country_id", "US", "city", "Austin")))
            .Add("currency", new PhpArray().Add("options", new PhpArray().Strings("base", "USD", "default", "USD", "allow", "USD,CAD,MXN,GBP,EUR,CHF,PLN,SEK,DKK,NOK,JPY,AUD,NZD,SGD")))
            .Add("catalog", new PhpArray()
                .Add("search", new PhpArray().Strings("engine", "opensearch", "opensearch_server_hostname", "search.internal", "opensearch_server_port", "9200",
                    "opensearch_index_prefix", "shop_prod", "opensearch_enable_auth", "0", "opensearch_server_timeout", "15"), "OpenSearch cluster of the production site")
                .Add("frontend", new PhpArray().Strings("flat_catalog_category", "0", "flat_catalog_product", "0", "grid_per_page", "24", "list_per_page", "12")))
            .Add("dev", new PhpArray()
                .Add("js", new PhpArray().Strings("merge_files", "1", "minify_files", "1", "enable_js_bundling", "0"))
                .Add("css", new PhpArray().Strings("merge_css_files", "1", "minify_files", "1"))
                .Add("template", new PhpArray().Strings("minify_html", "1"))
                .Add("static", new PhpArray().Strings("sign", "1")), "Front-end optimisation for production mode")
            .Add("admin", new PhpArray()
                .Add("security", new PhpArray().Strings("session_lifetime", "3600", "password_lifetime", "90", "lockout_failures", "6", "admin_account_sharing", "0"))
                .Add("url", new PhpArray().Strings("use_custom", "0", "use_custom_path", "0")))
            .Add("system", new PhpArray().Add("full_page_cache", new PhpArray().Strings("caching_application", "2", "ttl", "86400")
                .Add("varnish", new PhpArray().Strings("access_list", "localhost,varnish.internal", "backend_host", "web.internal", "backend_port", "8080", "grace_period", "300"))))
            .Add("services_connector", new PhpArray()
                .Add("services_connector_integration", new PhpArray().Strings(
                    "production_api_key", c.ProductionApiKey, "production_private_key", c.ProductionPrivateKey,
                    "sandbox_api_key", c.SandboxApiKey, "sandbox_private_key", c.SandboxPrivateKey))
                .Add("services_id", new PhpArray().Strings(
                    "project_id", c.ProjectId, "project_name", c.ProjectName, "environment_id", c.DataSpaceId,
                    "environment_name", c.DataSpaceName, "environment", c.DataSpaceType)), "Commerce Services Connector (CommerceConnector writes these)")
            .Add("magento_saas", new PhpArray().Strings("environment", c.Environment));

        private static PhpArray WebsiteScopes()
        {
            var websites = new PhpArray();
            foreach (string code in Websites)
            {
                string host = code == "us" ? "shop.example" : code + ".shop.example";
                websites.Add(code, new PhpArray()
                    .Add("web", new PhpArray()
                        .Add("secure", new PhpArray().Strings("base_url", "https://" + host + "/", "base_link_url", "https://" + host + "/"))
                        .Add("unsecure", new PhpArray().Strings("base_url", "https://" + host + "/", "base_link_url", "https://" + host + "/"))), "Website '" + code + "' (" + host + ")");
            }
            return websites;
        }

        private static PhpArray StoreScopes(int views)
        {
            var stores = new PhpArray();
            for (int i = 0; i < views; i++)
            {
                string[] v = StoreViews[i % StoreViews.Length];
                int round = i / StoreViews.Length;
                string code = round == 0 ? v[0] : v[0] + "_b2b" + (round == 1 ? string.Empty : round.ToString(CultureInfo.InvariantCulture));
                string host = v[5] == "us" ? "shop.example" : v[5] + ".shop.example";
                string url = "https://" + host + "/" + code.Replace('_', '-') + "/";
                stores.Add(code, new PhpArray()
                    .Add("web", new PhpArray()
                        .Add("secure", new PhpArray().Strings("base_url", url))
                        .Add("unsecure", new PhpArray().Strings("base_url", url)))
                    .Add("general", new PhpArray().Add("locale", new PhpArray().Strings("code", v[3])))
                    .Add("currency", new PhpArray().Add("options", new PhpArray().Strings("default", v[4])))
                    .Add("design", new PhpArray().Add("head", new PhpArray().Strings("default_title", "Luma " + v[1] + (round == 0 ? string.Empty : " B2B")))),
                    "Store view '" + code + "': " + v[1] + " (" + v[2] + ")");
            }
            return stores;
        }

        private static PhpArray Db(string host, string name, string user, string password) => new PhpArray()
            .Add("table_prefix", "")
            .Add("connection", new PhpArray().Add("default", new PhpArray()
                .Strings("host", host, "dbname", name, "username", user, "password", password, "model", "mysql4", "engine", "innodb", "initStatements", "SET NAMES utf8;", "active", "1")
                .Add("driver_options", new PhpArray().Add(1014, false))));

        private static PhpArray CacheFrontend(string database, string compress) => new PhpArray()
            .Add("id_prefix", "7f3_")
            .Add("backend", "Magento\\Framework\\Cache\\Backend\\Redis")
            .Add("backend_options", new PhpArray().Strings("server", "redis-cache.internal", "database", database, "port", "6379", "password", "", "compress_data", compress, "compression_lib", ""));

        private static PhpArray CacheTypes()
        {
            var types = new PhpArray();
            string[] names =
            {
                "config", "layout", "block_html", "collections", "reflection", "db_ddl", "compiled_config", "eav", "customer_notification",
                "config_integration", "config_integration_api", "graphql_query_resolver_result", "full_page", "config_webservice", "translate",
            };
            Array.ForEach(names, name => types.Add(name, 1));
            return types;
        }

        /// <summary>A crypt key in Magento's format ("base64" and 44 characters of base64), different per index.</summary>
        private static string CryptKey(int index)
        {
            var random = new Random(1000 + index);
            var bytes = new byte[32];
            random.NextBytes(bytes);
            return "base64" + Convert.ToBase64String(bytes);
        }
    }
}
