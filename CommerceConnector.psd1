@{
    # The one place the module version is set: the build stamps every assembly from it.
    ModuleVersion        = '0.1.0'
    RootModule           = 'CommerceConnector.dll'
    GUID                 = '5b0f3a4e-8c1d-4f6e-9a27-3d51c0e8b7a4'
    Author               = 'CommerceConnector contributors'
    CompanyName          = 'CommerceConnector'
    Copyright            = '(c) CommerceConnector contributors. MIT License.'
    Description          = 'Connects Adobe Commerce and Magento Open Source installations to Commerce Services: accounts, API keys, SaaS projects, data spaces, instance configuration and its guards.'
    CompatiblePSEditions = @('Desktop', 'Core')
    PowerShellVersion    = '5.1'
    DotNetFrameworkVersion = '4.7.2'
    FormatsToProcess     = @('CommerceConnector.Format.ps1xml')
    CmdletsToExport      = @(
        'Add-CommerceAccountMember'
        'Clear-ConnectorConfiguration'
        'Clear-DataSpace'
        'Clear-ImsOrganization'
        'Connect-CommerceAccount'
        'Disconnect-CommerceAccount'
        'Export-ConnectorConfiguration'
        'Get-CommerceAccount'
        'Get-CommerceInstance'
        'Get-CommerceService'
        'Get-ConnectorApiKey'
        'Get-ConnectorConfiguration'
        'Get-ConnectorConfigurationBackup'
        'Get-ConnectorKeyRotation'
        'Get-DataExportItem'
        'Get-DataExportLog'
        'Get-DataExportStatus'
        'Get-DataSpace'
        'Get-SaaSProject'
        'Import-ConnectorApiKey'
        'New-CommerceAccount'
        'New-ConnectorApiKey'
        'New-DataSpace'
        'New-SaaSProject'
        'Register-CommerceInstance'
        'Register-DataSpace'
        'Register-SaaSProject'
        'Remove-CommerceAccountMember'
        'Rename-DataSpace'
        'Rename-SaaSProject'
        'Repair-ConnectorPrivateKey'
        'Restore-ConnectorConfiguration'
        'Revoke-ConnectorApiKey'
        'Set-CommerceAccount'
        'Set-CommerceInstance'
        'Set-ConnectorConfiguration'
        'Set-DataSpace'
        'Set-ImsOrganization'
        'Sync-SaaSProject'
        'Test-ConnectorApiKey'
        'Test-ConnectorConfiguration'
        'Test-ConnectorConnection'
        'Unregister-CommerceInstance'
        'Update-ConnectorApiKey'
        'Initialize-ConnectorRegistry'
        'Copy-ConnectorRegistry'
        'Get-ConnectorAuditLog'
        'Sync-DataExportFeed'
        'Export-ConnectorReport'
    )
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('Magento', 'AdobeCommerce', 'CommerceServices', 'ServicesConnector', 'SaaS', 'PSEdition_Core', 'PSEdition_Desktop', 'Windows', 'Linux', 'MacOS')
            LicenseUri   = 'https://opensource.org/licenses/MIT'
            ReleaseNotes = 'First release: the embedded registry, Commerce accounts and members, the session context, the services catalog, API keys (generate, validate, repair, revoke), SaaS projects and data spaces, the Commerce instance inventory and the connector configuration in env.php with its guards.'
        }
    }
}
