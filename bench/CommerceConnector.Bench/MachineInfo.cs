using System;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;

namespace CommerceConnector.Bench
{
    /// <summary>What the numbers depend on: processors, CPU model, runtime, and the file system under the registry.</summary>
    internal sealed class MachineInfo
    {
        public int LogicalProcessors { get; private set; }

        public string CpuModel { get; private set; }

        public string Runtime { get; private set; }

        public string OperatingSystem { get; private set; }

        public string FileSystem { get; private set; }

        public static MachineInfo Collect(string folder)
        {
            return new MachineInfo
            {
                LogicalProcessors = Environment.ProcessorCount,
                CpuModel = ReadCpuModel() ?? RuntimeInformation.ProcessArchitecture.ToString(),
                Runtime = RuntimeInformation.FrameworkDescription,
                OperatingSystem = RuntimeInformation.OSDescription,
                FileSystem = FindFileSystem(folder) ?? "unknown",
            };
        }

        private static string ReadCpuModel()
        {
            try
            {
                const string cpuInfo = "/proc/cpuinfo";
                if (!File.Exists(cpuInfo))
                {
                    return null;
                }
                string line = File.ReadLines(cpuInfo).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
                int colon = line?.IndexOf(':') ?? -1;
                return colon < 0 ? null : line.Substring(colon + 1).Trim();
            }
            catch (IOException)
            {
                return null;
            }
            catch (UnauthorizedAccessException)
            {
                return null;
            }
        }

        /// <summary>The type and device of the mount that holds <paramref name="folder"/> (Linux only), e.g. "ext4 on /dev/vda".</summary>
        private static string FindFileSystem(string folder)
        {
            try
            {
                const string mounts = "/proc/mounts";
                if (!File.Exists(mounts))
                {
                    return null;
                }
                string path = Path.GetFullPath(folder).TrimEnd('/') + "/";
                string best = null;
                string bestMount = null;
                foreach (string line in File.ReadLines(mounts))
                {
                    string[] fields = line.Split(' ');
                    if (fields.Length < 3)
                    {
                        continue;
                    }
                    string mount = fields[1].Replace("\\040", " ");
                    string prefix = mount.TrimEnd('/') + "/";
                    if (path.StartsWith(prefix, StringComparison.Ordinal) && (bestMount == null || prefix.Length >= bestMount.Length))
                    {
                        bestMount = prefix;
                        best = $"{fields[2]} on {fields[0]}, mounted at {mount}";
                    }
                }
                return best;
            }
            catch (IOException)
            {
                return null;
            }
            catch (UnauthorizedAccessException)
            {
                return null;
            }
        }
    }
}
