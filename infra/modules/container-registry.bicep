// Container registry of the GPU worker image. No admin user: the worker job pulls with its managed identity
// (AcrPull), the deploying principal pushes with AcrPush (role-assignments.bicep).

@description('Location of the resources.')
param location string

@description('Tags of every resource.')
param tags object

@description('Name of the registry (5-50 letters and digits).')
@minLength(5)
@maxLength(50)
param name string

@description('Registry tier.')
@allowed(['Basic', 'Standard', 'Premium'])
param sku string = 'Basic'

resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: name
  location: location
  tags: tags
  sku: { name: sku }
  properties: {
    adminUserEnabled: false
    publicNetworkAccess: 'Enabled'
  }
}

output name string = registry.name
output loginServer string = registry.properties.loginServer
