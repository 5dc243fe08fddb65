# A throwaway OpenSSH server for a Pester file: Debian's /usr/sbin/sshd on a free loopback port with its own host key and
# sshd_config in a temporary folder, for a local user made for the test (useradd; removed by Stop-TestSshServer) who
# logs in with a key made for the test. The client side is an ssh config file of its own: the module is pointed at it
# with COMMERCE_CONNECTOR_SSH_CONFIG (passed to ssh as -F), so the real ~/.ssh is never read or touched. Aliases:
# cc-remote (the server), cc-unknown-key, cc-changed-key, cc-wrong-identity, cc-closed-port, cc-no-php (a port of the
# same server where the user's PATH has no php) and cc-no-forwarding (a port where sshd refuses to forward ports).

function Invoke-SshTestTool([string] $FilePath, [string[]] $ArgumentList, [string] $InputText) {
    $start = New-Object System.Diagnostics.ProcessStartInfo
    $start.FileName = $FilePath
    $start.UseShellExecute = $false
    $start.RedirectStandardOutput = $true
    $start.RedirectStandardError = $true
    $start.RedirectStandardInput = $true
    foreach ($argument in $ArgumentList) { $start.ArgumentList.Add($argument) }
    $process = [System.Diagnostics.Process]::Start($start)
    try {
        if ($InputText) { $process.StandardInput.Write($InputText) }
        $process.StandardInput.Close()
        $errors = $process.StandardError.ReadToEndAsync()
        $output = $process.StandardOutput.ReadToEnd()
        $process.WaitForExit()
        if ($process.ExitCode -ne 0) { throw "$FilePath $($ArgumentList -join ' ') failed ($($process.ExitCode)): $($errors.Result)" }
        $output
    }
    finally { $process.Dispose() }
}

function Get-SshTestFreePort {
    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $listener.Start()
    try { $listener.LocalEndpoint.Port } finally { $listener.Stop() }
}

function Start-TestSshServer {
    <# Starts the server; returns an object with Folder, UserName, Uid, Www (a folder the user owns), ConfigFile, Process. #>
    [CmdletBinding()]
    param()

    $folder = Join-Path '/tmp' ('cc-sshd-' + [guid]::NewGuid().ToString('N').Substring(0, 12))
    $null = New-Item -ItemType Directory -Path $folder
    [System.IO.File]::SetUnixFileMode($folder, 'UserRead, UserWrite, UserExecute, GroupRead, GroupExecute, OtherRead, OtherExecute')
    $user = 'ccsh' + [guid]::NewGuid().ToString('N').Substring(0, 8)
    $null = Invoke-SshTestTool useradd @('-M', '-d', "$folder/home", '-s', '/bin/sh', $user)
    $null = Invoke-SshTestTool usermod @('-p', '*', $user)   # no password, not locked: sshd without PAM refuses locked accounts
    $www = Join-Path $folder 'www'
    $null = New-Item -ItemType Directory -Path "$folder/home", $www
    $null = Invoke-SshTestTool chown @("${user}:${user}", "$folder/home", $www)
    $uid = [int](Invoke-SshTestTool id @('-u', $user)).Trim()

    foreach ($key in 'host_ed25519', 'other_host_ed25519', 'id_ed25519', 'wrong_ed25519') {
        $null = Invoke-SshTestTool ssh-keygen @('-q', '-t', 'ed25519', '-N', '', '-C', "cc-test-$key", '-f', "$folder/$key")
    }
    Copy-Item "$folder/id_ed25519.pub" "$folder/authorized_keys"
    $port = Get-SshTestFreePort
    $closedPort = Get-SshTestFreePort
    $noPhpPort = Get-SshTestFreePort
    $noForwardingPort = Get-SshTestFreePort
    $null = New-Item -ItemType Directory -Path '/run/sshd' -Force
    @(
        "ListenAddress 127.0.0.1:$port"
        "ListenAddress 127.0.0.1:$noPhpPort"
        "ListenAddress 127.0.0.1:$noForwardingPort"
        "HostKey $folder/host_ed25519"
        "PidFile $folder/sshd.pid"
        "AuthorizedKeysFile $folder/authorized_keys"
        'StrictModes no'
        'PasswordAuthentication no'
        'KbdInteractiveAuthentication no'
        'UsePAM no'
        "AllowUsers $user"
        'AllowTcpForwarding yes'
        'MaxSessions 100'
        'MaxStartups 100'
        "Match LocalPort $noPhpPort"
        '  SetEnv PATH=/nonexistent'
        "Match LocalPort $noForwardingPort"
        '  AllowTcpForwarding no'
    ) -join "`n" | Set-Content -LiteralPath "$folder/sshd_config"
    $start = New-Object System.Diagnostics.ProcessStartInfo
    $start.FileName = '/usr/sbin/sshd'
    foreach ($a in '-D', '-E', "$folder/sshd.log", '-f', "$folder/sshd_config") { $start.ArgumentList.Add($a) }
    $start.UseShellExecute = $false
    $start.RedirectStandardError = $true
    $start.RedirectStandardOutput = $true
    $process = [System.Diagnostics.Process]::Start($start)
    $null = $process.StandardError.ReadToEndAsync()
    $deadline = [DateTime]::UtcNow.AddSeconds(30)
    while ($true) {
        $client = [System.Net.Sockets.TcpClient]::new()
        try { $client.Connect('127.0.0.1', $port); break } catch { } finally { $client.Dispose() }
        if ($process.HasExited -or [DateTime]::UtcNow -gt $deadline) { throw 'sshd did not start' }
        Start-Sleep -Milliseconds 50
    }
    $hostKey = (Get-Content -Raw "$folder/host_ed25519.pub").Trim()
    "[127.0.0.1]:$port $hostKey", "[127.0.0.1]:$noPhpPort $hostKey", "[127.0.0.1]:$noForwardingPort $hostKey" | Set-Content "$folder/known_hosts"
    '' | Set-Content "$folder/known_hosts_empty"
    "[127.0.0.1]:$port $((Get-Content -Raw "$folder/other_host_ed25519.pub").Trim())" | Set-Content "$folder/known_hosts_other"
    $hostBlock = {
        param($alias, $p, $identity, $knownHosts)
        "Host $alias`n  HostName 127.0.0.1`n  Port $p`n  User $user`n  IdentityFile $identity`n  IdentitiesOnly yes`n  IdentityAgent none`n  UserKnownHostsFile $knownHosts`n  GlobalKnownHostsFile /dev/null`n"
    }
    @(
        & $hostBlock 'cc-remote' $port "$folder/id_ed25519" "$folder/known_hosts"
        & $hostBlock 'cc-unknown-key' $port "$folder/id_ed25519" "$folder/known_hosts_empty"
        & $hostBlock 'cc-changed-key' $port "$folder/id_ed25519" "$folder/known_hosts_other"
        & $hostBlock 'cc-wrong-identity' $port "$folder/wrong_ed25519" "$folder/known_hosts"
        & $hostBlock 'cc-closed-port' $closedPort "$folder/id_ed25519" "$folder/known_hosts"
        & $hostBlock 'cc-no-php' $noPhpPort "$folder/id_ed25519" "$folder/known_hosts"
        & $hostBlock 'cc-no-forwarding' $noForwardingPort "$folder/id_ed25519" "$folder/known_hosts"
    ) -join "`n" | Set-Content "$folder/ssh_config"
    $fingerprint = (Invoke-SshTestTool ssh-keygen @('-l', '-E', 'sha256', '-f', "$folder/host_ed25519.pub")).Split(' ')[1]

    # A stand-in for ssh that cuts the connection once 2048 bytes of a file's content have gone to the server: it kills
    # the test user's sshd session processes (found by uid and name), then lets the rest go nowhere.
    $cut = "$folder/ssh-cut"
    @(
        '#!/bin/sh'
        'buffer=$(mktemp)'
        'trap ''rm -f "$buffer"'' EXIT'
        '{ head -c 2048 > "$buffer"; cat "$buffer"; if [ "$(wc -c < "$buffer")" -eq 2048 ]; then'
        "    sleep 0.3; for p in `$(ps -u $uid -o pid=,comm= | awk '`$2 == ""sshd"" { print `$1 }'); do kill -9 `$p; done"
        '  fi; cat; } | ssh "$@"'
    ) -join "`n" | Set-Content $cut
    [System.IO.File]::SetUnixFileMode($cut, 'UserRead, UserWrite, UserExecute')

    [pscustomobject]@{
        Folder             = $folder
        UserName           = $user
        Uid                = $uid
        Www                = $www
        Port               = $port
        ConfigFile         = "$folder/ssh_config"
        HostKeyFingerprint = $fingerprint
        CuttingSsh         = $cut
        Process            = $process
    }
}

function Invoke-OnTestServer {
    <# Runs a shell command on the server as the test user over its own ssh connection; returns what it printed. #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true, Position = 0)] $Server,
        [Parameter(Mandatory = $true, Position = 1)] [string] $Command,
        [string] $InputText
    )
    Invoke-SshTestTool ssh @('-F', $Server.ConfigFile, '-o', 'BatchMode=yes', '-T', 'cc-remote', $Command) $InputText
}

function Set-TestServerOwner {
    <# Gives the test user every file under Path (made by root in the test). #>
    param($Server, [string] $Path)
    $null = Invoke-SshTestTool chown @('-R', "$($Server.UserName):$($Server.UserName)", $Path)
}

function Get-TestServerLoginCount {
    <# How many SSH logins the server has accepted so far (its log's "Accepted publickey" lines): one per connection. #>
    param([Parameter(Mandatory = $true, Position = 0)] $Server)
    @(Select-String -LiteralPath "$($Server.Folder)/sshd.log" -Pattern 'Accepted publickey' -SimpleMatch).Count
}

function Stop-TestSshServer {
    [CmdletBinding()]
    param([Parameter(Mandatory = $true, Position = 0)] $Server)
    try {
        if (-not $Server.Process.HasExited) {
            $Server.Process.Kill($true)
            $null = $Server.Process.WaitForExit(10000)
        }
        # Whatever the test user still runs (sessions of the killed server) goes too: only this user's processes.
        foreach ($line in (Invoke-SshTestTool ps @('-u', "$($Server.Uid)", '-o', 'pid=') -ErrorAction SilentlyContinue) -split "`n") {
            if ($line.Trim()) { try { Stop-Process -Id ([int]$line.Trim()) -Force -ErrorAction SilentlyContinue } catch { } }
        }
    }
    catch { }
    finally {
        try { $null = Invoke-SshTestTool userdel @($Server.UserName) } catch { }
        Remove-Item -LiteralPath $Server.Folder -Recurse -Force -ErrorAction SilentlyContinue
    }
}

Export-ModuleMember -Function Start-TestSshServer, Stop-TestSshServer, Invoke-OnTestServer, Set-TestServerOwner, Get-TestServerLoginCount
