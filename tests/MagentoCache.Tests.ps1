# After a command changes env.php, Magento keeps serving the old values from its configuration cache: every command
# that writes env.php says which command to run, and -CleanCache runs it through the store's own bin/magento (here a
# small PHP stand-in that answers as Magento's cache:clean does and records the arguments it received).

Describe 'Magento''s configuration cache after env.php changes' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
        $savedEnvironment = Enter-ConnectorTest -ClearContext

        function Add-BinMagento {
            # A bin/magento that answers 'cache:clean config' as Magento does, or fails with ExitCode.
            param([string] $Root, [int] $ExitCode = 0)
            $bin = Join-Path $Root 'bin'
            $null = New-Item -ItemType Directory -Path $bin -Force
            $script = @'
<?php
file_put_contents(__DIR__ . '/../var-calls.txt', implode(' ', array_slice($argv, 1)) . "\n", FILE_APPEND);
if (__EXIT__ !== 0) {
    fwrite(STDERR, "There are no commands defined in the \"cache\" namespace.\n");
    exit(__EXIT__);
}
echo "Cleaned cache types:\n";
echo "config\n";
exit(0);
'@.Replace('__EXIT__', "$ExitCode")
            [System.IO.File]::WriteAllText((Join-Path $bin 'magento'), $script)
            Join-Path $Root 'var-calls.txt'
        }
    }

    AfterAll { Exit-ConnectorTest $savedEnvironment }

    BeforeEach {
        $walk = Invoke-Quickstart -Connect
        $org = '0123456789ABCDEF01234567@AdobeOrg'
    }

    It 'warns after a change, naming the command and the Magento root' {
        Set-ImsOrganization -Instance $walk.Instance -OrganizationId $org -WarningVariable warnings -WarningAction SilentlyContinue

        $warnings | Should -HaveCount 1
        $warnings[0].Message | Should -BeExactly ("Magento keeps serving the previous connector values until its configuration cache is cleaned: " +
            "run 'php bin/magento cache:clean config' in $($walk.MagentoRoot), or add -CleanCache.")
    }

    It 'says nothing when env.php did not change' {
        Set-ImsOrganization -Instance $walk.Instance -OrganizationId $org -WarningAction SilentlyContinue

        Set-ImsOrganization -Instance $walk.Instance -OrganizationId $org -WarningVariable warnings

        $warnings | Should -HaveCount 0
    }

    It 'runs php bin/magento cache:clean config in the root with -CleanCache, instead of the warning' {
        $calls = Add-BinMagento -Root $walk.MagentoRoot

        $verbose = Set-ImsOrganization -Instance $walk.Instance -OrganizationId $org -CleanCache -Verbose -WarningVariable warnings 4>&1

        $warnings | Should -HaveCount 0
        Get-Content -LiteralPath $calls | Should -Be @('cache:clean config')
        ($verbose | ForEach-Object Message) -join "`n" | Should -BeLike "*'php bin/magento cache:clean config' exited with 0: Cleaned cache types:*config*"
    }

    It 'runs nothing under -WhatIf' {
        $calls = Add-BinMagento -Root $walk.MagentoRoot

        Set-ImsOrganization -Instance $walk.Instance -OrganizationId $org -CleanCache -WhatIf

        Test-Path -LiteralPath $calls | Should -BeFalse
    }

    It 'reports a failed cache clean as MagentoCommandFailed with Magento''s message, after the write' {
        $calls = Add-BinMagento -Root $walk.MagentoRoot -ExitCode 1

        $err = { Set-ImsOrganization -Instance $walk.Instance -OrganizationId $org -CleanCache -ErrorAction Stop } |
            Should -Throw -ErrorId 'MagentoCommandFailed,CommerceConnector.Commands.SetImsOrganizationCommand' -PassThru

        $err.Exception.Message | Should -BeLike "*exit code 1: There are no commands defined in the ""cache"" namespace.*env.php was written*"
        (Get-ConnectorConfiguration -Instance $walk.Instance).ImsOrganizationId | Should -Be $org
        Get-Content -LiteralPath $calls | Should -Be @('cache:clean config')
    }

    It 'reports a root without bin/magento as MagentoCliNotFound, after the write' {
        $err = { Set-ImsOrganization -Instance $walk.Instance -OrganizationId $org -CleanCache -ErrorAction Stop } |
            Should -Throw -ErrorId 'MagentoCliNotFound,CommerceConnector.Commands.SetImsOrganizationCommand' -PassThru

        $err.TargetObject | Should -Be $walk.MagentoRoot
        (Get-ConnectorConfiguration -Instance $walk.Instance).ImsOrganizationId | Should -Be $org
    }

    It 'cleans the cache for every instance of a pipeline' {
        $calls = Add-BinMagento -Root $walk.MagentoRoot

        Get-CommerceInstance | Clear-ImsOrganization -CleanCache
        Get-CommerceInstance | Set-ImsOrganization -OrganizationId $org -CleanCache

        Get-Content -LiteralPath $calls | Should -Be @('cache:clean config')
    }
}
