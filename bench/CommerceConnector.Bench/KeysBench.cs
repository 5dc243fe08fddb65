using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using CommerceConnector.Core.Errors;
using CommerceConnector.Core.Keys;

namespace CommerceConnector.Bench
{
    /// <summary>How long the keys suite measures.</summary>
    internal sealed class KeysPlan
    {
        private KeysPlan(string name, int keygenRounds, int keygenWarmUp, int seconds, double warmUpSeconds)
        {
            Name = name;
            KeygenRounds = keygenRounds;
            KeygenWarmUp = keygenWarmUp;
            Seconds = seconds;
            WarmUpSeconds = warmUpSeconds;
        }

        public static KeysPlan Normal { get; } = new KeysPlan("normal", keygenRounds: 30, keygenWarmUp: 2, seconds: 3, warmUpSeconds: 1.0);

        public static KeysPlan Quick { get; } = new KeysPlan("quick", keygenRounds: 8, keygenWarmUp: 1, seconds: 1, warmUpSeconds: 0.3);

        /// <summary>This plan with another number of timed key generation rounds.</summary>
        public KeysPlan WithKeygenRounds(int rounds) => new KeysPlan(Name, rounds, KeygenWarmUp, Seconds, WarmUpSeconds);

        public string Name { get; }

        /// <summary>Timed key generation rounds; each round generates one key with Core, one with openssl genpkey and runs openssl version.</summary>
        public int KeygenRounds { get; }

        /// <summary>Untimed rounds before the timed ones.</summary>
        public int KeygenWarmUp { get; }

        /// <summary>How long each sign or verify loop runs (also openssl speed's -seconds).</summary>
        public int Seconds { get; }

        /// <summary>Untimed signing and verifying before the timed loops, so that the JIT has optimised the code.</summary>
        public double WarmUpSeconds { get; }
    }

    /// <summary>One fixed-time loop: how many operations it completed in how long.</summary>
    internal sealed class Throughput
    {
        public Throughput(string operation, long count, double seconds)
        {
            if (count < 1 || !(seconds > 0))
            {
                throw new ArgumentException("A throughput needs at least one operation in a positive time.");
            }
            Operation = operation;
            Count = count;
            Seconds = seconds;
        }

        public string Operation { get; }

        public long Count { get; }

        public double Seconds { get; }

        public double PerSecond => Count / Seconds;

        public double MicrosecondsEach => Seconds * 1e6 / Count;
    }

    /// <summary>Everything the keys suite measured.</summary>
    internal sealed class KeysResult
    {
        public const int Bits = 2048;

        public KeysPlan Plan { get; set; }

        /// <summary>The openssl program compared with; null when none was found.</summary>
        public string OpenSslPath { get; set; }

        /// <summary>What <c>openssl version</c> printed.</summary>
        public string OpenSslVersion { get; set; }

        /// <summary>The OpenSSL library .NET's RSA runs on (Linux), or why it is not known.</summary>
        public string DotNetCrypto { get; set; }

        /// <summary>Core's key generation, PKCS#8 PEM encoding included.</summary>
        public Sample CoreKeygen { get; set; }

        /// <summary>The PKCS#8 + PEM encoding part of <see cref="CoreKeygen"/>.</summary>
        public Sample CoreEncoding { get; set; }

        public Sample OpenSslGenpkey { get; set; }

        public Sample OpenSslStartUp { get; set; }

        public Throughput JwtSign { get; set; }

        public Throughput JwtVerify { get; set; }

        public Throughput RsaSign { get; set; }

        public Throughput RsaVerify { get; set; }

        public double? OpenSslSignPerSecond { get; set; }

        public double? OpenSslVerifyPerSecond { get; set; }

        /// <summary>Distinct keys read back and checked (Core's and openssl's, warm-up included).</summary>
        public int KeysChecked { get; set; }

        /// <summary>Signed tokens verified and checked outside the timed verify loop.</summary>
        public int TokensChecked { get; set; }
    }

    /// <summary>
    /// Times API key generation and JWT signing and verifying the way Core does them, next to the openssl command line
    /// program doing the same work in the same run. Every timed result is checked (the key reads back as clean PKCS#8
    /// with 2048 bits, every signed token verifies, tampered tokens are refused), so a broken implementation stops the
    /// run. No timing is ever asserted.
    /// </summary>
    internal sealed class KeysBench
    {
        public const string CoreKeygen = "Core: RSA.Create, KeySize 2048, ExportParameters(true), RsaKeyCodec.EncodePkcs8, PrivateKeyText.ToPem";
        public const string CoreEncoding = "of which EncodePkcs8 + ToPem (PKCS#8 PEM encoding)";
        public const string OpenSslGenpkey = "openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 (process wall time)";
        public const string OpenSslStartUp = "openssl version (process wall time: start-up overhead)";
        public const string JwtSign = "Core: Jwt.Sign (JSON claims, base64url, RS256)";
        public const string JwtVerify = "Core: Jwt.Verify (split, base64url, JSON, RS256, time checks)";
        public const string RsaSign = ".NET alone: RSA.SignData, SHA-256, PKCS#1 v1.5 (same signing input)";
        public const string RsaVerify = ".NET alone: RSA.VerifyData, SHA-256, PKCS#1 v1.5 (same signature)";

        private static readonly string[] GenpkeyArguments = { "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:" + KeysResult.Bits.ToString(CultureInfo.InvariantCulture) };

        private readonly KeysPlan _plan;
        private readonly OpenSsl _openSsl;
        private readonly Func<bool> _cancelled;
        private readonly TextWriter _log;
        private readonly HashSet<string> _fingerprints = new HashSet<string>(StringComparer.Ordinal);

        public KeysBench(KeysPlan plan, OpenSsl openSsl, Func<bool> cancelled, TextWriter log)
        {
            _plan = plan;
            _openSsl = openSsl;
            _cancelled = cancelled;
            _log = log;
        }

        public KeysResult Run()
        {
            var result = new KeysResult { Plan = _plan, OpenSslPath = _openSsl?.Path, DotNetCrypto = DescribeDotNetCrypto() };
            if (_openSsl == null)
            {
                _log.WriteLine("warning: no openssl program found (PATH or --openssl); Core is measured alone.");
            }
            else
            {
                result.OpenSslVersion = OpenSslVersion().StandardOutput.Trim();
                _log.WriteLine($"openssl: {result.OpenSslPath}, {result.OpenSslVersion}");
            }
            _log.WriteLine($".NET RSA: {result.DotNetCrypto}");

            MeasureKeyGeneration(result);
            MeasureJwt(result);
            if (_openSsl != null)
            {
                MeasureOpenSslSpeed(result);
            }
            result.KeysChecked = _fingerprints.Count;
            return result;
        }

        /// <summary>
        /// Interleaves the three measurements round by round (Core, openssl genpkey, openssl version), so that a change
        /// of load on the machine during the run hits all three alike.
        /// </summary>
        private void MeasureKeyGeneration(KeysResult result)
        {
            for (int i = 0; i < _plan.KeygenWarmUp; i++)
            {
                ThrowIfCancelled();
                GenerateWithCore();
                if (_openSsl != null)
                {
                    GenerateWithOpenSsl();
                    OpenSslVersion();
                }
            }

            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();

            var core = new List<double>();
            var encoding = new List<double>();
            var genpkey = new List<double>();
            var startUp = new List<double>();
            for (int round = 0; round < _plan.KeygenRounds; round++)
            {
                ThrowIfCancelled();
                (TimeSpan total, TimeSpan encode) = GenerateWithCore();
                core.Add(total.TotalMilliseconds);
                encoding.Add(encode.TotalMilliseconds);
                if (_openSsl != null)
                {
                    genpkey.Add(GenerateWithOpenSsl().TotalMilliseconds);
                    startUp.Add(OpenSslVersion().Elapsed.TotalMilliseconds);
                }
                string line = $"[keygen {round + 1}/{_plan.KeygenRounds}] Core {Report.Ms(core[round])} ms";
                if (_openSsl != null)
                {
                    line += $", openssl genpkey {Report.Ms(genpkey[round])} ms, openssl version {Report.Ms(startUp[round])} ms";
                }
                _log.WriteLine(line);
            }

            result.CoreKeygen = new Sample(CoreKeygen, KeysResult.Bits, core, stoppedByBudget: false);
            result.CoreEncoding = new Sample(CoreEncoding, KeysResult.Bits, encoding, stoppedByBudget: false);
            LogSample(result.CoreKeygen);
            if (_openSsl != null)
            {
                result.OpenSslGenpkey = new Sample(OpenSslGenpkey, KeysResult.Bits, genpkey, stoppedByBudget: false);
                result.OpenSslStartUp = new Sample(OpenSslStartUp, KeysResult.Bits, startUp, stoppedByBudget: false);
                LogSample(result.OpenSslGenpkey);
                LogSample(result.OpenSslStartUp);
            }
        }

        /// <summary>Generates a key pair exactly as ApiKeyPortal.Generate does; times the whole and the encoding part.</summary>
        private (TimeSpan Total, TimeSpan Encoding) GenerateWithCore()
        {
            long start = Stopwatch.GetTimestamp();
            RSAParameters parameters;
            using (var rsa = RSA.Create())
            {
                rsa.KeySize = KeysResult.Bits;
                parameters = rsa.ExportParameters(includePrivateParameters: true);
            }
            long generated = Stopwatch.GetTimestamp();
            string pem = PrivateKeyText.ToPem(PrivateKeyText.Pkcs8Label, RsaKeyCodec.EncodePkcs8(parameters));
            long end = Stopwatch.GetTimestamp();

            PrivateKeyReading reading = CheckKey(pem, "Core");
            Check(reading.Key.Modulus.SequenceEqual(parameters.Modulus), "Core's PEM reads back with another modulus than the generated key");
            Check(reading.Pem == pem, "Core's PEM is not byte for byte what PrivateKeyText.ReadStrict writes for the same key");
            return (Stopwatch.GetElapsedTime(start, end), Stopwatch.GetElapsedTime(generated, end));
        }

        private TimeSpan GenerateWithOpenSsl()
        {
            ProcessRun run = _openSsl.Run(GenpkeyArguments);
            CheckExit(run, "genpkey");
            CheckKey(run.StandardOutput, "openssl genpkey");
            return run.Elapsed;
        }

        private ProcessRun OpenSslVersion()
        {
            ProcessRun run = _openSsl.Run("version");
            CheckExit(run, "version");
            Check(run.StandardOutput.Trim().Length > 0, "openssl version printed nothing");
            return run;
        }

        /// <summary>The key must read back as clean PKCS#8 PEM (ReadStrict), have 2048 bits and differ from every key before it.</summary>
        private PrivateKeyReading CheckKey(string pem, string source)
        {
            PrivateKeyReading reading;
            try
            {
                reading = PrivateKeyText.ReadStrict(pem);
            }
            catch (ConnectorException e)
            {
                throw new InvalidOperationException($"The key from {source} does not read back with PrivateKeyText.ReadStrict: {e.ErrorId}: {e.Message}", e);
            }
            Check(reading.KeySize == KeysResult.Bits, $"the key from {source} has {reading.KeySize} bits, not {KeysResult.Bits}");
            Check(_fingerprints.Add(reading.Fingerprint), $"{source} produced a key that was generated before (fingerprint {reading.Fingerprint})");
            return reading;
        }

        private void MeasureJwt(KeysResult result)
        {
            // The key as the connector holds it: generated the Core way, read back from its PEM, imported.
            string pem = PrivateKeyText.ToPem(PrivateKeyText.Pkcs8Label, RsaKeyCodec.EncodePkcs8(NewKey()));
            PrivateKeyReading reading = CheckKey(pem, "Core (signing key)");
            using RSA privateKey = RSA.Create();
            privateKey.ImportParameters(reading.Key);
            using RSA publicKey = RSA.Create();
            publicKey.ImportParameters(RsaKeyCodec.PublicPart(reading.Key));
            using RSA otherPublicKey = RSA.Create();
            otherPublicKey.ImportParameters(RsaKeyCodec.PublicPart(NewKey()));

            string apiKey = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            DateTimeOffset now = DateTimeOffset.UtcNow;
            CheckJwtBehaviour(privateKey, publicKey, otherPublicKey, apiKey, now);

            // Sign: warm up, then sign for the fixed time, keeping every token for the checks and the verify loop.
            RunFor(_plan.WarmUpSeconds, () => Jwt.Sign(privateKey, apiKey, now));
            var tokens = new List<string>(_plan.Seconds * 10_000);
            result.JwtSign = TimeFor(JwtSign, () => tokens.Add(Jwt.Sign(privateKey, apiKey, now)));

            // Untimed: every token signed above verifies, names the API key, lasts 300 s and has its own id.
            var ids = new HashSet<string>(StringComparer.Ordinal);
            foreach (string token in tokens)
            {
                ThrowIfCancelled();
                JwtClaims claims = VerifyOrStop(token, publicKey, now);
                Check(claims.Issuer == apiKey && claims.Subject == apiKey, $"a signed token names '{claims.Issuer}'/'{claims.Subject}', not the API key");
                Check(claims.IssuedAt.ToUnixTimeSeconds() == now.ToUnixTimeSeconds() && claims.Expires - claims.IssuedAt == Jwt.Lifetime,
                    $"a signed token was issued {claims.IssuedAt:u} and expires {claims.Expires:u}, not at {now:u} for {Jwt.Lifetime.TotalSeconds} s");
                Check(ids.Add(claims.TokenId), $"two signed tokens share the id {claims.TokenId}");
            }
            result.TokensChecked = tokens.Count;
            _log.WriteLine($"checked: all {tokens.Count:N0} signed tokens verify, name the API key and have distinct ids");

            // Verify: cycle through the tokens just signed (the check pass above was the warm-up).
            int next = 0;
            result.JwtVerify = TimeFor(JwtVerify, () =>
            {
                JwtClaims claims = Jwt.Verify(tokens[next], publicKey, now);
                Check(claims.Issuer == apiKey, "a verified token names another issuer");
                next = next + 1 == tokens.Count ? 0 : next + 1;
            });

            // The RSA operation alone, on the signing input of one of the tokens: what JSON and base64url add on top.
            string sample = tokens[0];
            int lastDot = sample.LastIndexOf('.');
            byte[] signingInput = Encoding.ASCII.GetBytes(sample.Substring(0, lastDot));
            byte[] expected = privateKey.SignData(signingInput, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            Check(Jwt.Base64Url(expected) == sample.Substring(lastDot + 1), "RSA.SignData on a token's signing input does not give the token's signature");
            RunFor(_plan.WarmUpSeconds, () => privateKey.SignData(signingInput, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
            result.RsaSign = TimeFor(RsaSign, () =>
            {
                byte[] signature = privateKey.SignData(signingInput, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
                // PKCS#1 v1.5 is deterministic: every signature of the same input must be the same bytes.
                Check(signature.AsSpan().SequenceEqual(expected), "RSA.SignData gave two different signatures for the same input");
            });
            RunFor(_plan.WarmUpSeconds, () => publicKey.VerifyData(signingInput, expected, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
            result.RsaVerify = TimeFor(RsaVerify, () =>
            {
                Check(publicKey.VerifyData(signingInput, expected, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1), "RSA.VerifyData refused a valid signature");
            });
        }

        /// <summary>Before anything is timed: a valid token verifies; tampered, foreign and expired tokens are refused with JwtInvalid.</summary>
        private static void CheckJwtBehaviour(RSA privateKey, RSA publicKey, RSA otherPublicKey, string apiKey, DateTimeOffset now)
        {
            string token = Jwt.Sign(privateKey, apiKey, now);
            string[] parts = token.Split('.');
            Check(parts.Length == 3, "Jwt.Sign did not return three dot-separated parts");
            JwtClaims claims = VerifyOrStop(token, publicKey, now);
            Check(claims.Issuer == apiKey, $"the token's issuer is '{claims.Issuer}', not the API key");

            // A changed signature character (in the middle, where every bit counts).
            int middle = parts[2].Length / 2;
            char replacement = parts[2][middle] == 'A' ? 'B' : 'A';
            string badSignature = parts[0] + "." + parts[1] + "." + parts[2].Substring(0, middle) + replacement + parts[2].Substring(middle + 1);
            ExpectRefused(badSignature, publicKey, now, "a token with a changed signature");

            // Another token's payload under this token's signature.
            string[] other = Jwt.Sign(privateKey, apiKey + "0", now).Split('.');
            ExpectRefused(parts[0] + "." + other[1] + "." + parts[2], publicKey, now, "a token with a swapped payload");

            ExpectRefused(token, otherPublicKey, now, "a token checked against another key");
            ExpectRefused(token, publicKey, now + Jwt.Lifetime + Jwt.DefaultClockSkew + TimeSpan.FromSeconds(1), "an expired token");
        }

        private static JwtClaims VerifyOrStop(string token, RSA publicKey, DateTimeOffset now)
        {
            try
            {
                return Jwt.Verify(token, publicKey, now);
            }
            catch (ConnectorException e)
            {
                throw new InvalidOperationException($"A token Jwt.Sign just made does not verify: {e.ErrorId}: {e.Message}", e);
            }
        }

        private static void ExpectRefused(string token, RSA publicKey, DateTimeOffset now, string what)
        {
            try
            {
                Jwt.Verify(token, publicKey, now);
            }
            catch (ConnectorException e) when (e.ErrorId == ErrorIds.JwtInvalid)
            {
                return;
            }
            throw new InvalidOperationException($"The JWT code misbehaved: Jwt.Verify accepted {what}.");
        }

        private void MeasureOpenSslSpeed(KeysResult result)
        {
            ThrowIfCancelled();
            string seconds = _plan.Seconds.ToString(CultureInfo.InvariantCulture);
            _log.WriteLine($"openssl speed -seconds {seconds} rsa{KeysResult.Bits} ...");
            ProcessRun run = _openSsl.Run("speed", "-seconds", seconds, "rsa" + KeysResult.Bits.ToString(CultureInfo.InvariantCulture));
            CheckExit(run, "speed");
            (double sign, double verify) = OpenSsl.ParseSpeed(run.StandardOutput, KeysResult.Bits);
            result.OpenSslSignPerSecond = sign;
            result.OpenSslVerifyPerSecond = verify;
            _log.WriteLine(string.Format(CultureInfo.InvariantCulture, "openssl speed: {0:F1} sign/s, {1:F1} verify/s", sign, verify));
        }

        private static RSAParameters NewKey()
        {
            using (var rsa = RSA.Create())
            {
                rsa.KeySize = KeysResult.Bits;
                return rsa.ExportParameters(includePrivateParameters: true);
            }
        }

        /// <summary>Calls <paramref name="operation"/> untimed for <paramref name="seconds"/>, then pauses for the JIT's background tier-up.</summary>
        private void RunFor(double seconds, Action operation)
        {
            long start = Stopwatch.GetTimestamp();
            do
            {
                ThrowIfCancelled();
                operation();
            }
            while (Stopwatch.GetElapsedTime(start).TotalSeconds < seconds);
            Thread.Sleep(100);
        }

        /// <summary>Calls <paramref name="operation"/> on this thread until the plan's seconds are over; counts the calls.</summary>
        private Throughput TimeFor(string name, Action operation)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            long count = 0;
            long limit = (long)(_plan.Seconds * (double)Stopwatch.Frequency);
            long start = Stopwatch.GetTimestamp();
            long elapsed;
            do
            {
                ThrowIfCancelled();
                operation();
                count++;
                elapsed = Stopwatch.GetTimestamp() - start;
            }
            while (elapsed < limit);
            var throughput = new Throughput(name, count, elapsed / (double)Stopwatch.Frequency);
            _log.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0}: {1:N0} in {2:F2} s, {3:F1}/s",
                name, throughput.Count, throughput.Seconds, throughput.PerSecond));
            return throughput;
        }

        /// <summary>The OpenSSL version .NET's System.Security.Cryptography.Native loaded (Linux only).</summary>
        private static string DescribeDotNetCrypto()
        {
            if (!OperatingSystem.IsLinux())
            {
                return "not OpenSSL (this is not Linux)";
            }
            try
            {
                long version = SafeEvpPKeyHandle.OpenSslVersion;
                long major = (version >> 28) & 0xF;
                long minor = (version >> 20) & 0xFF;
                long patch = (version >> 4) & 0xFF;
                string text = major >= 3
                    ? $"{major}.{minor}.{patch}"
                    : $"{major}.{minor}.{(version >> 12) & 0xFF} (0x{version:x})";
                return "OpenSSL " + text + " (SafeEvpPKeyHandle.OpenSslVersion)";
            }
            catch (Exception e) when (e is PlatformNotSupportedException || e is CryptographicException || e is TypeInitializationException)
            {
                return "unknown (" + e.GetType().Name + ")";
            }
        }

        private void CheckExit(ProcessRun run, string command)
        {
            // A Ctrl+C reaches openssl too; report the cancellation, not openssl's death.
            ThrowIfCancelled();
            if (run.ExitCode != 0)
            {
                throw new InvalidOperationException($"openssl {command} failed with exit code {run.ExitCode}: {run.StandardError.Trim()}");
            }
        }

        private void LogSample(Sample sample) =>
            _log.WriteLine($"{sample.Operation}: {sample.Repeats} repeats, median {Report.Ms(sample.Median)} ms, p95 {Report.Ms(sample.P95)} ms");

        private void ThrowIfCancelled()
        {
            if (_cancelled())
            {
                throw new OperationCanceledException("The benchmark was cancelled.");
            }
        }

        private static void Check(bool condition, string problem)
        {
            if (!condition)
            {
                throw new InvalidOperationException("The key or JWT code misbehaved: " + problem + ".");
            }
        }
    }
}
