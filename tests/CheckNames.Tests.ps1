# The verdicts read as words: check names such as KeySize and KeyActive (not KeyKeySize), and a Skipped check is never
# listed or counted among the failures.

Describe 'Check names and skipped verdicts' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
        $savedEnvironment = Enter-ConnectorTest -ClearContext
        $walk = Invoke-Quickstart -Connect
    }

    AfterAll { Exit-ConnectorTest $savedEnvironment }

    It 'names the key checks of Test-ConnectorConfiguration as words' {
        $names = @(Test-ConnectorConfiguration -Instance $walk.Instance | ForEach-Object Name)

        $names | Should -Contain 'KeySize'
        $names | Should -Contain 'KeyActive'
        $names | Should -Contain 'KeyPemWellFormed'
        $names | Should -Contain 'KeyMatchesApiKey'
        @($names | Where-Object { $_ -like 'KeyKey*' }) | Should -BeNullOrEmpty
    }

    It 'adds the database checks, named as words, only where a database was read' {
        # The walk-through's env.php names no database: the files are all there is, and no database check is listed.
        $names = @(Test-ConnectorConfiguration -Instance $walk.Instance | ForEach-Object Name)

        @($names | Where-Object { $_ -in 'DatabaseValuesReadable', 'DatabaseValuesNotShadowed', 'DefaultScopeOnly' }) | Should -BeNullOrEmpty
        @($names | Where-Object { $_ -like 'DatabaseDatabase*' -or $_ -like '*Check' }) | Should -BeNullOrEmpty
    }

    It 'lists only failed checks as failures; skipped ones are not counted' {
        $result = Test-ConnectorApiKey -ApiKey 00000000000000000000000000000000 -PrivateKeyPath $walk.ProductionKeyFile

        $result.IsValid | Should -BeFalse
        @($result.Failures | ForEach-Object Name) | Should -Be @('MatchesApiKey')
        @($result.Checks | Where-Object Verdict -EQ 'Skipped' | ForEach-Object Name) | Should -Be @('KeyActive', 'Environment')
        ($result | Format-Table | Out-String -Width 200) | Should -Match '00000000000000000000000000000000\s+False\s+MatchesApiKey\s*$'
    }
}
