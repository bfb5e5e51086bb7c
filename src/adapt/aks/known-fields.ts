// Fields the schema knows for the two places where aksnet warns about unknown fields (networkProfile and agent
// pools). Includes fields aksnet reads and fields it knows but does not use (az output prints all of them), so real
// `az aks show` output and exported templates produce no warnings. Compared lower-cased.

const lower = (xs: readonly string[]): ReadonlySet<string> => new Set(xs.map((x) => x.toLowerCase()));

/** ContainerServiceNetworkProfile (SPEC-2024, SPEC-2025, preview API fields az prints). */
export const NETWORK_PROFILE_FIELDS: ReadonlySet<string> = lower([
  // read
  'networkPlugin', 'networkPluginMode', 'networkPolicy', 'networkMode', 'networkDataplane', 'podCidr', 'podCidrs',
  'serviceCidr', 'serviceCidrs', 'dnsServiceIP', 'outboundType', 'loadBalancerSku', 'loadBalancerProfile',
  'natGatewayProfile', 'ipFamilies',
  // known, not used
  'dockerBridgeCidr', 'staticEgressGatewayProfile', 'advancedNetworking', 'kubeProxyConfig', 'monitoring',
  'podLinkLocalAccess', 'ebpfDataplane', 'networkPolicyConfig',
]);

/** ManagedClusterAgentPoolProfile(Properties) plus the resource fields az prints for `az aks nodepool` output. */
export const AGENT_POOL_FIELDS: ReadonlySet<string> = lower([
  // read
  'name', 'id', 'count', 'vmSize', 'osType', 'mode', 'maxPods', 'vnetSubnetID', 'podSubnetID', 'podIPAllocationMode',
  'enableAutoScaling', 'minCount', 'maxCount', 'orchestratorVersion', 'currentOrchestratorVersion', 'upgradeSettings',
  // resource envelope
  'type', 'etag', 'eTag', 'resourceGroup', 'properties', 'systemData',
  // known, not used
  'osDiskSizeGB', 'osDiskType', 'kubeletDiskType', 'workloadRuntime', 'messageOfTheDay', 'osSKU', 'scaleDownMode',
  'nodeImageVersion', 'provisioningState', 'powerState', 'availabilityZones', 'enableNodePublicIP',
  'nodePublicIPPrefixID', 'scaleSetPriority', 'scaleSetEvictionPolicy', 'spotMaxPrice', 'tags', 'nodeLabels',
  'nodeTaints', 'nodeInitializationTaints', 'proximityPlacementGroupID', 'kubeletConfig', 'linuxOSConfig',
  'enableEncryptionAtHost', 'enableUltraSSD', 'enableFIPS', 'gpuInstanceProfile', 'creationData',
  'capacityReservationGroupID', 'hostGroupID', 'networkProfile', 'windowsProfile', 'securityProfile', 'gpuProfile',
  'gatewayProfile', 'virtualMachinesProfile', 'virtualMachineNodesStatus', 'status', 'localDNSProfile',
  'artifactStreamingProfile', 'enableCustomCATrust', 'upgradeStrategy', 'upgradeSettingsBlueGreen', 'podSubnetId',
  'vnetSubnetId', 'nodeTaintsManaged', 'isDefault',
]);
