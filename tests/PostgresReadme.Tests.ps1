# README.md "Share the registry with your team", run as written against a throwaway PostgreSQL 15 server
# (tests/PostgreSql.psm1): the database administrator's bash block, the owner's Initialize/Copy block (twice), a team
# member's Connect-CommerceAccount and the runbook's passfile + environment block. What differs from a real team is
# only where the server is: db.example.com:5432 becomes the throwaway server's loopback port, `sudo -u postgres` runs
# psql and createdb as the postgres superuser over TCP (PGHOST/PGPORT/PGUSER/PGPASSWORD) instead of the local socket,
# and Get-Credential answers with the passwords the README chose instead of prompting.

Describe 'README: Share the registry with your team' {
    BeforeAll {
        $root = (Resolve-Path -LiteralPath (Join-Path $PSScriptRoot '..')).ProviderPath
        $manifestPath = Join-Path $root 'out/CommerceConnector/CommerceConnector.psd1'
        Import-Module (Join-Path $PSScriptRoot 'PostgreSql.psm1') -Force

        $readme = [System.IO.File]::ReadAllText((Join-Path $root 'README.md'))
        $section = [regex]::Match($readme, '(?ms)^## Share the registry with your team\s*$(.*?)^## ')
        $blocks = @([regex]::Matches($section.Groups[1].Value, '(?ms)^ *```(bash|powershell)\s*$(.*?)^ *```\s*$') | ForEach-Object {
                [pscustomobject]@{ Language = $_.Groups[1].Value; Text = $_.Groups[2].Value }
            })

        $server = Start-TestPostgres
        $hostPort = "127.0.0.1:$($server.Port)"
        function ConvertTo-ThisServer([string] $Text) { $Text.Replace('db.example.com:5432', $hostPort) }

        $pwsh = Join-Path $PSHOME $(if ($IsWindows) { 'pwsh.exe' } else { 'pwsh' })
        $variables = 'HOME', 'TMPDIR', 'COMMERCE_CONNECTOR_HOME', 'COMMERCE_CONNECTOR_REGISTRY', 'COMMERCE_CONNECTOR_MAGEID',
            'COMMERCE_CONNECTOR_USER', 'PGHOST', 'PGPORT', 'PGUSER', 'PGPASSWORD', 'PGPASSFILE'
        $saved = @{}
        foreach ($name in $variables) { $saved[$name] = [System.Environment]::GetEnvironmentVariable($name) }
        function Reset-Variables([hashtable] $Values) {
            # [NullString]::Value removes a variable; a plain $null would leave it set to '' (PGPORT='' breaks initdb).
            foreach ($name in $variables) {
                $value = $Values[$name]
                [System.Environment]::SetEnvironmentVariable($name, $(if ([string]::IsNullOrEmpty($value)) { [NullString]::Value } else { $value }))
            }
        }
        function Invoke-Bash([string] $Script, [hashtable] $Environment) {
            $path = Join-Path $TestDrive ('block-' + [guid]::NewGuid().ToString('N') + '.sh')
            [System.IO.File]::WriteAllText($path, "set -e`n" + $Script)
            Reset-Variables $Environment
            try { $output = @(& bash $path 2>&1 | ForEach-Object { "$_" }) } finally { Reset-Variables $saved }
            [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = $output -join "`n" }
        }

        # 1. The database administrator's block, `sudo -u postgres` being the superuser over TCP.
        $dba = Invoke-Bash ("sudo() { if [ `"`$1`" = -u ]; then shift 2; fi; `"`$@`"; }`n" + $blocks[0].Text) @{
            HOME = $TestDrive; PGHOST = '127.0.0.1'; PGPORT = "$($server.Port)"; PGUSER = 'postgres'; PGPASSWORD = $server.SuperPassword
        }

        # 2 and 3. The owner's block (run twice: the second copy must change nothing) and a member's connection, in a
        # fresh pwsh whose HOME holds the registry folder the team had so far (account MAG123456789, one colleague).
        $ownerHome = Join-Path $TestDrive 'owner-home'
        $null = New-Item -ItemType Directory -Path $ownerHome -Force
        $script = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$manifestPath'
`$passwords = @{ connector_admin = 'choose-a-strong-one'; pat = 'pats-own-password' }
function Get-Credential([string] `$UserName) { [pscredential]::new(`$UserName, (ConvertTo-SecureString `$passwords[`$UserName] -AsPlainText -Force)) }
`$null = New-CommerceAccount -MageId MAG123456789 -Edition AdobeCommerce -Owner owner@example.com
`$null = Add-CommerceAccountMember -MageId MAG123456789 -User pat@example.com -Role SharedAccess
`$first = @(& {
$(ConvertTo-ThisServer $blocks[1].Text)
})
`$second = @(& {
$(ConvertTo-ThisServer $blocks[1].Text)
})
"INITIALIZED " + ((@(`$first) + @(`$second) | Where-Object { `$_.PSObject.Properties['Version'] } | ForEach-Object { '{0}->{1}' -f `$_.PreviousVersion, `$_.Version }) -join ' ')
"COPIED " + ((`$first | Where-Object { `$_.PSObject.Properties['Kind'] } | ForEach-Object { '{0}={1}' -f `$_.Kind, `$_.Added }) -join ' ')
"AGAIN " + ((`$second | Where-Object { `$_.PSObject.Properties['Kind'] } | ForEach-Object { '{0}={1}+{2}' -f `$_.Kind, `$_.Added, `$_.Changed }) -join ' ')
`$context = & {
$(ConvertTo-ThisServer $blocks[2].Text)
}
"CONNECTED " + `$context.RegistryPath
`$null = Set-CommerceAccount -Name 'Luma Retail'
"AUDIT " + ((Get-ConnectorAuditLog -Target MAG123456789 | Select-Object -Last 1 | ForEach-Object { '{0} {1}' -f `$_.Command, `$_.Member }))
"@
        $scriptPath = Join-Path $TestDrive 'owner-and-member.ps1'
        [System.IO.File]::WriteAllText($scriptPath, $script)
        Reset-Variables @{ HOME = $ownerHome; TMPDIR = [System.IO.Path]::GetTempPath() }
        try { $output = @(& $pwsh -NoProfile -NonInteractive -File $scriptPath 2>&1 | ForEach-Object { "$_" }); $exitCode = $LASTEXITCODE }
        finally { Reset-Variables $saved }
        $all = $output -join "`n"
        function Get-Line([string] $Marker) { @($output | Where-Object { $_.StartsWith("$Marker ") } | ForEach-Object { $_.Substring($Marker.Length + 1) })[0] }

        # The runbook's block on a build agent with an empty HOME, then one command in a pwsh the same shell starts.
        $runbookHome = Join-Path $TestDrive 'runbook-home'
        $null = New-Item -ItemType Directory -Path $runbookHome -Force
        $runbook = Invoke-Bash ((ConvertTo-ThisServer $blocks[3].Text) + "`n" +
            "'$pwsh' -NoProfile -NonInteractive -Command `"Import-Module '$manifestPath'; 'RUNBOOK ' + (Get-CommerceAccount).Name + ' ' + ((Get-CommerceAccount).Members.User -join ',')`"`n" +
            "stat -c 'PASSFILE %a' ~/.pgpass`n") @{ HOME = $runbookHome; TMPDIR = [System.IO.Path]::GetTempPath() }
    }

    AfterAll {
        Stop-TestPostgres $server
        Reset-Variables $saved
    }

    It 'has the four blocks: database administrator, owner, member, runbook' {
        $section.Success | Should -BeTrue
        ($blocks | ForEach-Object Language) -join ',' | Should -Be 'bash,powershell,powershell,bash'
        $blocks[1].Text | Should -Match 'Initialize-ConnectorRegistry'
        $blocks[1].Text | Should -Match 'Copy-ConnectorRegistry'
        $blocks[2].Text | Should -Match 'Connect-CommerceAccount'
    }

    It 'creates the owner role, its database and one login per administrator and runbook' {
        $dba.ExitCode | Should -Be 0 -Because $dba.Output
        @(Invoke-TestPostgresSql $server "SELECT r.rolname FROM pg_roles r JOIN pg_auth_members m ON m.member = r.oid JOIN pg_roles o ON o.oid = m.roleid WHERE o.rolname = 'connector_admin' ORDER BY 1") |
            Should -Be @('pat', 'runbook')
        Invoke-TestPostgresSql $server "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = 'commerce_registry'" | Should -Be 'connector_admin'
    }

    It 'initializes the schema and copies the folder in, with counts per kind; the second run changes nothing' {
        $exitCode | Should -Be 0 -Because $all
        (Get-Line INITIALIZED) | Should -Be '0->2 2->2'
        (Get-Line COPIED) | Should -Be 'Account=1 Member=2 ApiKey=0 Project=0 DataSpace=0 Instance=0 KeyRotation=0'
        (Get-Line AGAIN) | Should -Be 'Account=0+0 Member=0+0 ApiKey=0+0 Project=0+0 DataSpace=0+0 Instance=0+0 KeyRotation=0+0'
        Invoke-TestPostgresSql $server 'SELECT mage_id FROM connector.accounts' -Database commerce_registry | Should -Be 'MAG123456789'
    }

    It 'lets a member connect with their own login and work, audited' {
        (Get-Line CONNECTED) | Should -Be "postgresql://pat@$hostPort/commerce_registry" -Because $all
        (Get-Line AUDIT) | Should -Be 'Set-CommerceAccount owner@example.com'
        Invoke-TestPostgresSql $server 'SELECT name FROM connector.accounts' -Database commerce_registry | Should -Be 'Luma Retail'
        $all | Should -Not -Match 'choose-a-strong-one|pats-own-password'
    }

    It 'lets a runbook work from COMMERCE_CONNECTOR_REGISTRY and a passfile of mode 600' {
        $runbook.ExitCode | Should -Be 0 -Because $runbook.Output
        $runbook.Output | Should -Match '(?m)^RUNBOOK Luma Retail owner@example.com,pat@example.com$'
        $runbook.Output | Should -Match '(?m)^PASSFILE 600$'
        $runbook.Output | Should -Not -Match 'the-runbook-password'
    }
}
