// esd-bot on Azure: App Service (Linux, Node 20) running the bot, Azure Bot with the Teams channel, a user-assigned
// managed identity that is the bot's identity and the app's key to Cosmos DB and Key Vault (no password, no key),
// Cosmos DB for NoSQL, Key Vault, Application Insights on a Log Analytics workspace.
// Deployed by the Agents Toolkit (m365agents.yml, arm/deploy) or by hand:
//   az deployment group create -g <group> -f infra/azure.bicep -p infra/azure.parameters.json (after filling ${{…}})

@minLength(4)
@maxLength(20)
@description('Prefix of every resource name; App Service, Cosmos DB and Key Vault names must be globally unique.')
param resourceBaseName string

param location string = resourceGroup().location

@description('App Service plan size: B1 is the smallest with Always On; P0v3 and up for several instances.')
param webAppSku string = 'B1'

@minValue(1)
@description('App Service instances. More than one is safe: they share Cosmos DB and the sweep runs under a lease.')
param instanceCount int = 1

@maxLength(42)
param botDisplayName string = 'ESD bot'

@description('Cosmos DB capacity: serverless (pay per request) or provisioned (1,000 RU/s shared by the containers).')
@allowed([ 'serverless', 'provisioned' ])
param cosmosCapacity string = 'serverless'

@description('The Cosmos DB free tier (one account per subscription; provisioned capacity only).')
param cosmosFreeTier bool = false

param cosmosDatabaseName string = 'esd'

@description('The Entra app the Teams tab signs in to (aad.manifest.json); empty = no Entra tokens for the API.')
param ssoAppClientId string = ''
param ssoAppTenantId string = ''

@secure()
@description('API_KEYS (name:role:secret,…) for REST clients; kept in Key Vault. Empty = Entra tokens only.')
param apiKeys string = ''

@allowed([ 'debug', 'info', 'warn', 'error' ])
param logLevel string = 'info'

@description('Application Insights and its workspace: traces, metrics and logs. Turn off to save their cost.')
param telemetry bool = true

// Built-in role definitions.
var cosmosDataContributor = '00000000-0000-0000-0000-000000000002'
var keyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6'
// The containers src/store/cosmos/cosmos-store.ts opens, with its partition keys and composite indexes (a test
// holds the two to each other). With a managed identity the app cannot create or change them: they are made here.
var cosmosContainers = loadJsonContent('cosmos-containers.json')
var serverless = cosmosCapacity == 'serverless'
var apiKeysSecretName = 'api-keys'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: resourceBaseName
  location: location
}

// ---------------------------------------------------------------------------------------------------------------
// Observability

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = if (telemetry) {
  name: resourceBaseName
  location: location
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 30
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = if (telemetry) {
  name: resourceBaseName
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Cosmos DB for NoSQL: keys off (disableLocalAuth), the identity holds the data-plane role.

resource cosmos 'Microsoft.DocumentDB/databaseAccounts@2024-05-15' = {
  name: resourceBaseName
  location: location
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    locations: [ { locationName: location, failoverPriority: 0, isZoneRedundant: false } ]
    consistencyPolicy: { defaultConsistencyLevel: 'Session' }
    capabilities: serverless ? [ { name: 'EnableServerless' } ] : []
    enableFreeTier: cosmosFreeTier && !serverless
    disableLocalAuth: true
    minimalTlsVersion: 'Tls12'
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-05-15' = {
  parent: cosmos
  name: cosmosDatabaseName
  properties: {
    resource: { id: cosmosDatabaseName }
    options: serverless ? {} : { throughput: 1000 }
  }
}

resource containers 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-05-15' = [for container in cosmosContainers: {
  parent: database
  name: container.name
  properties: {
    resource: {
      id: container.name
      partitionKey: { paths: [ container.partitionKey ], kind: 'Hash' }
      indexingPolicy: {
        indexingMode: 'consistent'
        automatic: true
        includedPaths: [ { path: '/*' } ]
        excludedPaths: [ { path: '/"_etag"/?' } ]
        compositeIndexes: container.compositeIndexes
      }
    }
  }
}]

// Cosmos DB Built-in Data Contributor for the identity, on the whole account (data plane: items, not settings).
resource cosmosRole 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-05-15' = {
  parent: cosmos
  name: guid(cosmos.id, identity.id, cosmosDataContributor)
  properties: {
    roleDefinitionId: '${cosmos.id}/sqlRoleDefinitions/${cosmosDataContributor}'
    principalId: identity.properties.principalId
    scope: cosmos.id
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Key Vault: the secrets that remain (API_KEYS), read by App Service through Key Vault references.

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: resourceBaseName
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
  }
}

resource apiKeysSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(apiKeys)) {
  parent: vault
  name: apiKeysSecretName
  properties: { value: apiKeys }
}

resource vaultRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: vault
  name: guid(vault.id, identity.id, keyVaultSecretsUser)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUser)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// ---------------------------------------------------------------------------------------------------------------
// App Service: Linux, Node 20 LTS, built on deployment with the README's production install.

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: resourceBaseName
  location: location
  kind: 'linux'
  sku: { name: webAppSku, capacity: instanceCount }
  properties: { reserved: true }
}

resource site 'Microsoft.Web/sites@2023-12-01' = {
  name: resourceBaseName
  location: location
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identity.id}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Stateless: any instance may serve any request (no ARR affinity cookie).
    clientAffinityEnabled: false
    keyVaultReferenceIdentity: identity.id
    siteConfig: {
      linuxFxVersion: 'NODE|20-lts'
      appCommandLine: 'node dist/index.js'
      alwaysOn: true
      healthCheckPath: '/readyz'
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      // App settings: exactly the variables src/config.ts reads (test/deploy/bicep.test.ts), plus the platform's
      // own, named in that test. PORT comes from App Service; see the test for the few config variables left unset.
      appSettings: [
        { name: 'NODE_ENV', value: 'production' }
        { name: 'HOST', value: '0.0.0.0' }
        { name: 'STORE', value: 'cosmos' }
        { name: 'COSMOS_ENDPOINT', value: cosmos.properties.documentEndpoint }
        { name: 'COSMOS_DATABASE', value: cosmosDatabaseName }
        { name: 'COSMOS_MANAGED_IDENTITY', value: '1' }
        { name: 'MicrosoftAppId', value: identity.properties.clientId }
        { name: 'MicrosoftAppType', value: 'UserAssignedMSI' }
        { name: 'MicrosoftAppTenantId', value: identity.properties.tenantId }
        { name: 'API_KEYS', value: empty(apiKeys) ? '' : '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=${apiKeysSecretName})' }
        { name: 'ENTRA_TENANT_ID', value: ssoAppTenantId }
        { name: 'ENTRA_AUDIENCE', value: ssoAppClientId }
        { name: 'DEMO_DATA', value: '0' }
        { name: 'LOG_LEVEL', value: logLevel }
        { name: 'SHUTDOWN_TIMEOUT_MS', value: '10000' }
        { name: 'REMINDER_SWEEP_MINUTES', value: '5' }
        { name: 'REMINDER_HOUR', value: '9' }
        { name: 'UNASSIGNED_ALERT_DAYS', value: '3' }
        { name: 'REMINDER_CLAIM_SECONDS', value: '120' }
        { name: 'REMINDER_FOLLOW_UPS', value: '2' }
        { name: 'DIGEST_THRESHOLD', value: '5' }
        { name: 'DIGESTS', value: 'on' }
        { name: 'DEFAULT_LOCALE', value: 'en-US' }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: telemetry ? appInsights.properties.ConnectionString : '' }
        // Platform: which user-assigned identity DefaultAzureCredential uses (Cosmos DB).
        { name: 'AZURE_CLIENT_ID', value: identity.properties.clientId }
        // Platform: build on deployment (Oryx) with the README's production install, on Linux, so the native
        // better-sqlite3 module matches the host.
        { name: 'SCM_DO_BUILD_DURING_DEPLOYMENT', value: 'true' }
        { name: 'CUSTOM_BUILD_COMMAND', value: 'npm ci --include=dev && npm run build && npm prune --omit=dev' }
      ]
    }
  }
  dependsOn: [ cosmosRole, vaultRole, containers ]
}

// ---------------------------------------------------------------------------------------------------------------
// Azure Bot: the managed identity is the bot's identity (MicrosoftAppType=UserAssignedMSI), Teams channel on.

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: resourceBaseName
  location: 'global'
  kind: 'azurebot'
  sku: { name: 'F0' }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${site.properties.defaultHostName}/api/messages'
    msaAppId: identity.properties.clientId
    msaAppMSIResourceId: identity.id
    msaAppTenantId: identity.properties.tenantId
    msaAppType: 'UserAssignedMSI'
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
  }
}

// Written to env/.env.<environment> by the toolkit (names as they appear in m365agents.yml).
output BOT_ID string = identity.properties.clientId
output BOT_TENANT_ID string = identity.properties.tenantId
output BOT_DOMAIN string = site.properties.defaultHostName
output BOT_ENDPOINT string = 'https://${site.properties.defaultHostName}'
output BOT_AZURE_APP_SERVICE_RESOURCE_ID string = site.id
