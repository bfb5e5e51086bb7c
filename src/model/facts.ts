// Facts in one place: every limit, default and date that Azure or Kubernetes changes over time, named, dated and
// sourced. Code reads these constants; it never repeats the numbers. Sources are keys of
// shared/reference/aks-networking.md (AKS:<page> = learn.microsoft.com/azure/aks/<page>).

/** A value with the date it was last confirmed and where it comes from. */
export interface Fact<T> {
  readonly id: string;
  readonly value: T;
  /** ISO date the value was confirmed in its source. */
  readonly asOf: string;
  readonly source: string;
  readonly note?: string;
}

function fact<T>(id: string, value: T, asOf: string, source: string, note?: string): Fact<T> {
  return { id, value, asOf, source, note };
}

// ── Subnets and address space ────────────────────────────────────────────────────────────────────────────────
export const AZURE_SUBNET_RESERVED_IPS = fact('AZURE_SUBNET_RESERVED_IPS', 5, '2026-01-01',
  'AZ:virtual-network/virtual-networks-faq', 'network, gateway, 2 × DNS, broadcast; the kubenet page\'s "first three" is wrong');
export const AZURE_SUBNET_MIN_PREFIX_V4 = fact('AZURE_SUBNET_MIN_PREFIX_V4', 29, '2026-01-01', 'AZ:virtual-network/virtual-networks-faq');
export const MAX_SUBNET_PREFIX_IPV4 = fact('MAX_SUBNET_PREFIX_IPV4', 2, '2026-01-01', 'AZ:virtual-network/virtual-networks-faq', 'older docs: /8');
export const FORBIDDEN_CLUSTER_RANGES = fact('FORBIDDEN_CLUSTER_RANGES',
  ['169.254.0.0/16', '172.30.0.0/16', '172.31.0.0/16', '192.0.2.0/24'] as const, '2025-06-01',
  'AKS:concepts-network-cni-overview', 'rejected as service CIDR, pod CIDR and VNet space, also when contained');
export const FORBIDDEN_VNET_RANGES = fact('FORBIDDEN_VNET_RANGES',
  ['224.0.0.0/4', '255.255.255.255/32', '127.0.0.0/8', '169.254.0.0/16', '168.63.129.16/32'] as const, '2025-06-01',
  'AZ:virtual-network/virtual-networks-faq');
export const SERVICE_CIDR_MIN_PREFIX = fact('SERVICE_CIDR_MIN_PREFIX', 12, '2025-06-01',
  'AKS:concepts-network-ip-address-planning', 'the service CIDR must be smaller than /12 (prefix length > 12)');
export const SERVICE_CIDR_V6_MIN_PREFIX = fact('SERVICE_CIDR_V6_MIN_PREFIX', 108, '2025-06-01', 'AKS:configure-dual-stack');

// ── Network profile defaults ─────────────────────────────────────────────────────────────────────────────────
export const DEFAULT_NETWORK_PLUGIN = fact('DEFAULT_NETWORK_PLUGIN', 'azure-overlay' as const, '2025-01-01',
  'AKS:azure-cni-overlay', 'omitted plugin ⇒ Azure CNI Overlay for new clusters; historically kubenet');
export const DEFAULT_POD_CIDR = fact('DEFAULT_POD_CIDR', '10.244.0.0/16', '2025-10-01', 'SPEC-2025 ContainerServiceNetworkProfile');
export const DEFAULT_SERVICE_CIDR = fact('DEFAULT_SERVICE_CIDR', '10.0.0.0/16', '2025-10-01', 'SPEC-2025 ContainerServiceNetworkProfile');
export const DEFAULT_DNS_SERVICE_IP = fact('DEFAULT_DNS_SERVICE_IP', '10.0.0.10', '2025-10-01', 'SPEC-2025 ContainerServiceNetworkProfile');
export const MANAGED_VNET_ADDRESS_SPACE = fact('MANAGED_VNET_ADDRESS_SPACE', '10.224.0.0/12', '2025-06-01',
  'AKS:concepts-network-cni-overview', 'VNet AKS creates when no subnet is given');
export const MANAGED_VNET_SUBNET = fact('MANAGED_VNET_SUBNET', '10.224.0.0/16', '2025-06-01', 'AKS:concepts-network-cni-overview');
export const DEFAULT_NODE_COUNT = fact('DEFAULT_NODE_COUNT', 3, '2025-06-01', 'CLI _params.py --node-count default');
export const DEFAULT_NODE_CIDR_MASK_V4 = fact('DEFAULT_NODE_CIDR_MASK_V4', 24, '2025-06-01',
  'kube-controller-manager --node-cidr-mask-size; AKS kubenet and overlay give every node a /24');
export const NODE_CIDR_MAX_DIFF = fact('NODE_CIDR_MAX_DIFF', 16, '2025-06-01',
  'K8S pkg/controller/nodeipam/ipam/cidrset (clusterSubnetMaxDiff)');

/** maxPods defaults per IPAM mode (CLI/ARM values; the portal differs for kubenet). */
export const DEFAULT_MAX_PODS = fact('DEFAULT_MAX_PODS', {
  kubenet: 110,
  'azure-cni-node-subnet': 30,
  'azure-cni-pod-subnet': 250,
  'azure-cni-overlay': 250,
  'byo-cni': 250,
  'self-managed': 110,
} as const, '2026-01-01', 'AKS:quotas-skus-regions; AKS:concepts-network-ip-address-planning',
  'pod subnet: 250 per configure-azure-cni-dynamic-ip-allocation vs 110 per ip-address-planning (conflict; 250 chosen)');
export const MAX_PODS_MIN = fact('MAX_PODS_MIN', 10, '2026-01-01', 'AKS:concepts-network-ip-address-planning');
export const MAX_PODS_MAX = fact('MAX_PODS_MAX', 250, '2026-01-01', 'AKS:concepts-network-ip-address-planning');
export const MIN_PODS_PER_POOL = fact('MIN_PODS_PER_POOL', 30, '2026-01-01', 'AKS:concepts-network-ip-address-planning',
  'each pool must have room for at least 30 pods (maxPods × nodes)');

/** Default maxSurge: 1 node up to API 2024-09-01; 10% for new pools on Kubernetes ≥ 1.27 and API 2025-10-01. */
export const DEFAULT_MAX_SURGE_LEGACY = fact('DEFAULT_MAX_SURGE_LEGACY', 1, '2024-09-01', 'SPEC-2024 upgradeSettings.maxSurge');
export const DEFAULT_MAX_SURGE_PERCENT = fact('DEFAULT_MAX_SURGE_PERCENT', 10, '2025-10-01',
  'SPEC-2025 upgradeSettings.maxSurge; AKS release notes (k8s ≥ 1.27)');
export const MAX_SURGE_PERCENT_FROM_K8S = fact('MAX_SURGE_PERCENT_FROM_K8S', '1.27', '2025-10-01', 'Azure/AKS PR #3529');

// ── Limits ───────────────────────────────────────────────────────────────────────────────────────────────────
export const ROUTE_TABLE_MAX_ROUTES = fact('ROUTE_TABLE_MAX_ROUTES', 400, '2026-01-01', 'AZ:includes/azure-virtual-network-limits');
export const KUBENET_MAX_NODES = fact('KUBENET_MAX_NODES', 400, '2026-01-01', 'AKS:configure-kubenet');
export const MAX_NODES_PER_CLUSTER = fact('MAX_NODES_PER_CLUSTER', 5000, '2026-01-01', 'AKS:quotas-skus-regions');
export const NODES_PER_CLUSTER_DEFAULT_QUOTA = fact('NODES_PER_CLUSTER_DEFAULT_QUOTA', 1000, '2026-01-01', 'AKS:quotas-skus-regions');
export const MAX_NODES_PER_POOL = fact('MAX_NODES_PER_POOL', 1000, '2026-01-01', 'AKS:quotas-skus-regions');
export const MAX_POOLS_PER_CLUSTER = fact('MAX_POOLS_PER_CLUSTER', 100, '2026-01-01', 'AKS:quotas-skus-regions');
export const OVERLAY_MAX_NODES = fact('OVERLAY_MAX_NODES', 5000, '2026-01-01', 'AKS:concepts-network-azure-cni-overlay', 'older page: 1,000');
export const NPM_MAX_NODES = fact('NPM_MAX_NODES', 250, '2026-01-01', 'AKS:use-network-policies');
export const NPM_MAX_PODS = fact('NPM_MAX_PODS', 20000, '2026-01-01', 'AKS:use-network-policies');
export const POD_SUBNET_BATCH = fact('POD_SUBNET_BATCH', 16, '2025-06-01', 'AKS:configure-azure-cni-dynamic-ip-allocation');
export const STATIC_BLOCK_SIZE = fact('STATIC_BLOCK_SIZE', 16, '2025-06-01', 'AKS:configure-azure-cni-static-block-allocation');
export const OVERLAY_IPS_PER_NODE = fact('OVERLAY_IPS_PER_NODE', 256, '2025-06-01',
  'Azure/AKS-Construction#701 arithmetic (a /24 per node, no reservation)', 'user formulas use 254 (Azure/AKS#4467)');

// ── Outbound ─────────────────────────────────────────────────────────────────────────────────────────────────
export const SNAT_PORTS_PER_LB_IP = fact('SNAT_PORTS_PER_LB_IP', 64000, '2026-01-01', 'AKS:configure-load-balancer-standard');
export const SNAT_PORTS_PER_NATGW_IP = fact('SNAT_PORTS_PER_NATGW_IP', 64512, '2026-01-01', 'AKS:nat-gateway');
/** Default SNAT ports per node by backend pool size when allocatedOutboundPorts = 0: [max pool size, ports]. */
export const DEFAULT_SNAT_PORTS_TABLE = fact('DEFAULT_SNAT_PORTS_TABLE',
  [[50, 1024], [100, 512], [200, 256], [400, 128], [800, 64], [1000, 32]] as const, '2026-01-01',
  'AZ:load-balancer/load-balancer-outbound-connections');

// ── Retirements ──────────────────────────────────────────────────────────────────────────────────────────────
export const KUBENET_RETIREMENT = fact('KUBENET_RETIREMENT', '2028-03-31', '2025-03-12', 'Azure/AKS#4859; azure updates 485172');
export const NPM_WINDOWS_RETIREMENT = fact('NPM_WINDOWS_RETIREMENT', '2026-09-30', '2026-01-01', 'azure updates 500273');
export const NPM_LINUX_RETIREMENT = fact('NPM_LINUX_RETIREMENT', '2028-09-30', '2026-01-01', 'azure updates 500268');
export const BASIC_LB_RETIREMENT = fact('BASIC_LB_RETIREMENT', '2025-09-30', '2025-09-30', 'AKS:load-balancer-standard');

// ── Kubernetes ───────────────────────────────────────────────────────────────────────────────────────────────
export const K8S_MAX_NODES = fact('K8S_MAX_NODES', 5000, '2026-01-01', 'K8S docs/setup/best-practices/cluster-large',
  'upstream Kubernetes supports at most 5,000 nodes per cluster; the limit aksnet applies to self-managed clusters');

/** The core facts (addresses, defaults, limits, retirements). */
export const CORE_FACTS: readonly Fact<unknown>[] = [
  AZURE_SUBNET_RESERVED_IPS, AZURE_SUBNET_MIN_PREFIX_V4, MAX_SUBNET_PREFIX_IPV4, FORBIDDEN_CLUSTER_RANGES, FORBIDDEN_VNET_RANGES,
  SERVICE_CIDR_MIN_PREFIX, SERVICE_CIDR_V6_MIN_PREFIX, DEFAULT_NETWORK_PLUGIN, DEFAULT_POD_CIDR, DEFAULT_SERVICE_CIDR,
  DEFAULT_DNS_SERVICE_IP, MANAGED_VNET_ADDRESS_SPACE, MANAGED_VNET_SUBNET, DEFAULT_NODE_COUNT, DEFAULT_NODE_CIDR_MASK_V4,
  NODE_CIDR_MAX_DIFF, DEFAULT_MAX_PODS, MAX_PODS_MIN, MAX_PODS_MAX, MIN_PODS_PER_POOL, DEFAULT_MAX_SURGE_LEGACY,
  DEFAULT_MAX_SURGE_PERCENT, MAX_SURGE_PERCENT_FROM_K8S, ROUTE_TABLE_MAX_ROUTES, KUBENET_MAX_NODES, MAX_NODES_PER_CLUSTER,
  NODES_PER_CLUSTER_DEFAULT_QUOTA, MAX_NODES_PER_POOL, MAX_POOLS_PER_CLUSTER, OVERLAY_MAX_NODES, NPM_MAX_NODES, NPM_MAX_PODS,
  POD_SUBNET_BATCH, STATIC_BLOCK_SIZE, OVERLAY_IPS_PER_NODE, SNAT_PORTS_PER_LB_IP, SNAT_PORTS_PER_NATGW_IP,
  DEFAULT_SNAT_PORTS_TABLE, KUBENET_RETIREMENT, NPM_WINDOWS_RETIREMENT, NPM_LINUX_RETIREMENT, BASIC_LB_RETIREMENT,
  K8S_MAX_NODES,
];

// ── Defaults the ARM-shape converter fills (src/adapt/aks) ──────────────────────────────────────────────────
export const DEFAULT_NODE_COUNT_ARM = fact('DEFAULT_NODE_COUNT_ARM', 1, '2025-10-01', 'SPEC-2025 ManagedClusterAgentPoolProfileProperties.count',
  'ARM / REST default; the CLI default is DEFAULT_NODE_COUNT');
export const KUBENET_PORTAL_DEFAULT_MAX_PODS = fact('KUBENET_PORTAL_DEFAULT_MAX_PODS', 30, '2026-01-01', 'AKS:quotas-skus-regions; AKS:configure-kubenet',
  'the portal creates kubenet pools with maxPods 30; CLI and ARM use DEFAULT_MAX_PODS.kubenet');
export const MAX_SURGE_PERCENT_FROM_API = fact('MAX_SURGE_PERCENT_FROM_API', '2025-10-01', '2025-10-01', 'SPEC-2025 upgradeSettings.maxSurge',
  'ARM API versions from this date default maxSurge to DEFAULT_MAX_SURGE_PERCENT');
export const DEFAULT_NETWORK_POLICY = fact('DEFAULT_NETWORK_POLICY', 'none' as const, '2025-10-01', 'SPEC-2025 ContainerServiceNetworkProfile.networkPolicy');
export const CILIUM_DATAPLANE_POLICY = fact('CILIUM_DATAPLANE_POLICY', 'cilium' as const, '2026-01-01', 'AKS:azure-cni-powered-by-cilium',
  'with networkDataplane cilium the policy engine is cilium (az aks show reports networkPolicy "cilium")');
export const DEFAULT_NETWORK_DATAPLANE = fact('DEFAULT_NETWORK_DATAPLANE', 'azure' as const, '2025-10-01', 'SPEC-2025 ContainerServiceNetworkProfile.networkDataplane');
export const DEFAULT_OUTBOUND_TYPE = fact('DEFAULT_OUTBOUND_TYPE', 'loadBalancer' as const, '2025-10-01', 'SPEC-2025 ContainerServiceNetworkProfile.outboundType');
export const DEFAULT_LOAD_BALANCER_SKU = fact('DEFAULT_LOAD_BALANCER_SKU', 'standard' as const, '2025-10-01', 'SPEC-2025 ContainerServiceNetworkProfile.loadBalancerSku');
export const DEFAULT_MANAGED_OUTBOUND_IPS = fact('DEFAULT_MANAGED_OUTBOUND_IPS', 1, '2025-10-01', 'SPEC-2024 ManagedClusterLoadBalancerProfile.managedOutboundIPs.count');
export const DEFAULT_NAT_GATEWAY_OUTBOUND_IPS = fact('DEFAULT_NAT_GATEWAY_OUTBOUND_IPS', 1, '2025-10-01', 'SPEC-2024 ManagedClusterNATGatewayProfile.managedOutboundIPProfile.count');
export const DEFAULT_ALLOCATED_OUTBOUND_PORTS = fact('DEFAULT_ALLOCATED_OUTBOUND_PORTS', 0, '2025-10-01', 'SPEC-2024 ManagedClusterLoadBalancerProfile.allocatedOutboundPorts',
  '0 = automatic allocation by backend pool size (DEFAULT_SNAT_PORTS_TABLE)');
export const DEFAULT_IP_FAMILIES = fact('DEFAULT_IP_FAMILIES', ['IPv4'] as const, '2025-10-01', 'SPEC-2025 ContainerServiceNetworkProfile.ipFamilies');
export const DEFAULT_POD_CIDR_V6 = fact('DEFAULT_POD_CIDR_V6', 'fd12:3456:789a::/64', '2025-06-01', 'AKS:configure-dual-stack');
export const DEFAULT_SERVICE_CIDR_V6 = fact('DEFAULT_SERVICE_CIDR_V6', 'fd12:3456:789a:1::/108', '2025-06-01', 'AKS:configure-dual-stack');
export const DEFAULT_POD_IP_ALLOCATION = fact('DEFAULT_POD_IP_ALLOCATION', 'DynamicIndividual' as const, '2025-06-01',
  'AKS:configure-azure-cni-dynamic-ip-allocation', 'pod subnet pools without podIpAllocationMode allocate pod IPs individually');
export const DEFAULT_OS_TYPE = fact('DEFAULT_OS_TYPE', 'Linux' as const, '2025-10-01', 'SPEC-2025 ManagedClusterAgentPoolProfileProperties.osType');
export const DEFAULT_FIRST_POOL_MODE = fact('DEFAULT_FIRST_POOL_MODE', 'System' as const, '2025-10-01', 'CLI az aks create (the first pool is the system pool)',
  'pools after the first default to User');
export const MANAGED_VNET_NAMES = fact('MANAGED_VNET_NAMES', { vnet: 'aks-vnet', subnet: 'aks-subnet', routeTable: 'aks-agentpool-routetable' } as const,
  '2025-06-01', 'AKS:concepts-network-cni-overview', 'AKS appends a hash to these names in the node resource group (MC_<rg>_<cluster>_<location>)');

/** Facts the ARM-shape converter adds (also listed in ALL_FACTS_CONVERTER so ALL_FACTS stays unchanged above). */
export const ALL_FACTS_CONVERTER: readonly Fact<unknown>[] = [
  DEFAULT_NODE_COUNT_ARM, KUBENET_PORTAL_DEFAULT_MAX_PODS, MAX_SURGE_PERCENT_FROM_API, DEFAULT_NETWORK_POLICY, CILIUM_DATAPLANE_POLICY,
  DEFAULT_NETWORK_DATAPLANE, DEFAULT_OUTBOUND_TYPE, DEFAULT_LOAD_BALANCER_SKU, DEFAULT_MANAGED_OUTBOUND_IPS, DEFAULT_NAT_GATEWAY_OUTBOUND_IPS,
  DEFAULT_ALLOCATED_OUTBOUND_PORTS, DEFAULT_IP_FAMILIES, DEFAULT_POD_CIDR_V6, DEFAULT_SERVICE_CIDR_V6, DEFAULT_POD_IP_ALLOCATION,
  DEFAULT_OS_TYPE, DEFAULT_FIRST_POOL_MODE, MANAGED_VNET_NAMES,
];

// ── Defaults of self-managed clusters (native aksnet/v1) and of `az network` commands (az scripts) ──────────────
export const KCM_ALLOCATE_NODE_CIDRS_DEFAULT = fact('KCM_ALLOCATE_NODE_CIDRS_DEFAULT', false, '2025-06-01',
  'K8S kube-controller-manager --allocate-node-cidrs', 'off unless set: nodes get no podCIDR from kube-controller-manager');
export const KCM_CONFIGURE_CLOUD_ROUTES_DEFAULT = fact('KCM_CONFIGURE_CLOUD_ROUTES_DEFAULT', true, '2025-06-01',
  'K8S kube-controller-manager --configure-cloud-routes', 'with allocate-node-cidrs the cloud provider writes a route per node podCIDR');
export const SELF_MANAGED_DEFAULT_MAX_SURGE = fact('SELF_MANAGED_DEFAULT_MAX_SURGE', 0, '2026-01-01', 'docs/formats/native.md',
  'aksnet convention: self-managed VM groups add no extra nodes during a rolling replacement unless maxSurge is stated');
export const AZ_VNET_CREATE_DEFAULT_ADDRESS_PREFIX = fact('AZ_VNET_CREATE_DEFAULT_ADDRESS_PREFIX', '10.0.0.0/16', '2025-06-01',
  'CLI az network vnet create --address-prefixes default');
export const AZ_VNET_CREATE_DEFAULT_SUBNET_PREFIX = fact('AZ_VNET_CREATE_DEFAULT_SUBNET_PREFIX', '10.0.0.0/24', '2025-06-01',
  'CLI az network vnet create --subnet-prefixes default (only with --subnet-name)');
export const AZ_NSG_RULE_CREATE_DEFAULTS = fact('AZ_NSG_RULE_CREATE_DEFAULTS', {
  access: 'Allow', direction: 'Inbound', protocol: '*', sourceAddressPrefix: '*', sourcePortRange: '*',
  destinationAddressPrefix: '*', destinationPortRange: '80',
} as const, '2025-06-01', 'CLI az network nsg rule create (defaults of --access, --direction, --protocol, address and port flags)',
  'note the destination port default 80');
export const AZ_DEFAULT_NODEPOOL_NAME = fact('AZ_DEFAULT_NODEPOOL_NAME', 'nodepool1', '2025-06-01', 'CLI az aks create --nodepool-name default');
/**
 * When `az network nsg rule create` gets --source-asgs (--destination-asgs) and no --source-address-prefixes
 * (--destination-address-prefixes), the side has no address prefix: a rule side names either prefixes or ASGs, and
 * ARM rejects both, so the `*` default of AZ_NSG_RULE_CREATE_DEFAULTS does not apply to it.
 */
export const AZ_NSG_RULE_ASGS_REPLACE_PREFIX = fact('AZ_NSG_RULE_ASGS_REPLACE_PREFIX', true, '2025-06-01',
  'CLI az network nsg rule create (--source-asgs, --destination-asgs); AZ:virtual-network/application-security-groups');
/** The IP configuration `az network nic create` makes (it has no flag to name it). */
export const AZ_NIC_CREATE_IP_CONFIG_NAME = fact('AZ_NIC_CREATE_IP_CONFIG_NAME', 'ipconfig1', '2025-06-01',
  'CLI az network nic create (the NIC\'s one IP configuration)');
/**
 * What `az vm create` makes when it is not given --nics: a NIC `<vm>VMNic` with IP configuration `ipconfig<vm>`
 * (private address dynamic unless --private-ip-address), an NSG `<vm>NSG` on it unless --nsg names one or is ""
 * (with one rule from --nsg-rule, default SSH: `default-allow-ssh`, priority 1000, Tcp from any to port 22; RDP:
 * `rdp`, port 3389; NONE: no rule), and a public IP `<vm>PublicIP` unless --public-ip-address names one or is "".
 */
export const AZ_VM_CREATE_DEFAULTS = fact('AZ_VM_CREATE_DEFAULTS', {
  nicName: '{vm}VMNic', ipConfigName: 'ipconfig{vm}', nsgName: '{vm}NSG', publicIpName: '{vm}PublicIP',
  nsgRule: { SSH: { name: 'default-allow-ssh', port: '22' }, RDP: { name: 'rdp', port: '3389' }, priority: 1000 },
} as const, '2025-06-01', 'CLI az vm create (--nsg, --nsg-rule, --public-ip-address); azure-cli vm/_template_builder.py (build_nic_resource, build_nsg_resource)',
  'Windows images default --nsg-rule to RDP; aksnet assumes SSH unless --nsg-rule says otherwise');

/** Facts of the native, script and Terraform adapters. */
export const ALL_FACTS_SOURCES: readonly Fact<unknown>[] = [
  KCM_ALLOCATE_NODE_CIDRS_DEFAULT, KCM_CONFIGURE_CLOUD_ROUTES_DEFAULT, SELF_MANAGED_DEFAULT_MAX_SURGE,
  AZ_VNET_CREATE_DEFAULT_ADDRESS_PREFIX, AZ_VNET_CREATE_DEFAULT_SUBNET_PREFIX, AZ_NSG_RULE_CREATE_DEFAULTS, AZ_DEFAULT_NODEPOOL_NAME,
  AZ_NSG_RULE_ASGS_REPLACE_PREFIX, AZ_NIC_CREATE_IP_CONFIG_NAME, AZ_VM_CREATE_DEFAULTS,
];

// ── NSG and routing semantics (shared/reference/aks-networking.md §12, §13) ────────────────────────────────────
/** The six rules every NSG has (names as the API returns them under `defaultSecurityRules`; `*` = any). */
export const NSG_DEFAULT_RULES = fact('NSG_DEFAULT_RULES', [
  { name: 'AllowVnetInBound', priority: 65000, direction: 'Inbound', access: 'Allow', source: 'VirtualNetwork', destination: 'VirtualNetwork' },
  { name: 'AllowAzureLoadBalancerInBound', priority: 65001, direction: 'Inbound', access: 'Allow', source: 'AzureLoadBalancer', destination: '*' },
  { name: 'DenyAllInBound', priority: 65500, direction: 'Inbound', access: 'Deny', source: '*', destination: '*' },
  { name: 'AllowVnetOutBound', priority: 65000, direction: 'Outbound', access: 'Allow', source: 'VirtualNetwork', destination: 'VirtualNetwork' },
  { name: 'AllowInternetOutBound', priority: 65001, direction: 'Outbound', access: 'Allow', source: '*', destination: 'Internet' },
  { name: 'DenyAllOutBound', priority: 65500, direction: 'Outbound', access: 'Deny', source: '*', destination: '*' },
] as const, '2025-07-01', 'AZ:virtual-network/network-security-groups-overview',
  'every port and protocol; the docs\' prose spells some names differently (AllowVNetInBound), compare case-insensitively');
export const NSG_PRIORITY_RANGE = fact('NSG_PRIORITY_RANGE', { min: 100, max: 4096 } as const, '2025-07-01',
  'AZ:virtual-network/network-security-groups-overview', 'lower number first; first match wins');
/** The host virtual IP: DHCP, DNS, health probes; the AzureLoadBalancer service tag. */
export const AZURE_HOST_VIP = fact('AZURE_HOST_VIP', '168.63.129.16', '2025-07-01', 'AZ:virtual-network/what-is-ip-address-168-63-129-16');
/** The instance metadata service address. */
export const AZURE_IMDS_IP = fact('AZURE_IMDS_IP', '169.254.169.254', '2025-07-01', 'AZ:virtual-network/network-security-groups-overview');
/** Tags that name the platform addresses; only rules naming one of these filter traffic to/from those addresses. */
export const NSG_PLATFORM_TAGS = fact('NSG_PLATFORM_TAGS', {
  AzureLoadBalancer: ['168.63.129.16/32'], AzurePlatformDNS: ['168.63.129.16/32'], AzurePlatformIMDS: ['169.254.169.254/32'],
  AzurePlatformLKM: ['168.63.129.16/32'],
} as const, '2025-07-01', 'AZ:virtual-network/service-tags-overview; AZ:virtual-network/network-security-groups-overview',
  'platform exception: 168.63.129.16 and 169.254.169.254 are not filtered unless a rule targets one of these tags');
/** Private ranges that are not part of the Internet tag (they get None system routes unless a VNet holds them). */
export const NSG_INTERNET_TAG_EXCLUDED = fact('NSG_INTERNET_TAG_EXCLUDED',
  ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16', '224.0.0.0/4', 'fc00::/7', 'fe80::/10'] as const,
  '2025-07-01', 'AZ:virtual-network/service-tags-overview',
  'aksnet reading of "address space outside the VNet reachable on the public internet": everything outside VirtualNetwork and these private ranges');
/** System routes every subnet has besides its VNet ranges. */
export const SYSTEM_ROUTES_DEFAULT = fact('SYSTEM_ROUTES_DEFAULT', [
  { prefix: '0.0.0.0/0', nextHopType: 'Internet' },
  { prefix: '10.0.0.0/8', nextHopType: 'None' },
  { prefix: '172.16.0.0/12', nextHopType: 'None' },
  { prefix: '192.168.0.0/16', nextHopType: 'None' },
  { prefix: '100.64.0.0/10', nextHopType: 'None' },
  { prefix: '::/0', nextHopType: 'Internet' },
] as const, '2025-07-01', 'AZ:virtual-network/virtual-networks-udr-overview',
  'a None route is replaced by the VNet route when the VNet holds the prefix or a range containing it; ::/0 applies to dual-stack VNets');
/** cloud-provider-azure: LoadBalancer Service NSG rules start at this priority and count up. */
export const AKS_LB_NSG_RULE_MIN_PRIORITY = fact('AKS_LB_NSG_RULE_MIN_PRIORITY', 500, '2025-06-01',
  'CPA pkg/provider/azure_loadbalancer.go (loadBalancerMinimumPriority)', 'one Allow rule per port and source range, Internet when no range is given');

/** The NSG AKS manages on node NICs (the real name carries a hash of the cluster; aksnet writes zeros). */
export const AKS_MANAGED_NSG_NAME = fact('AKS_MANAGED_NSG_NAME', 'aks-agentpool-00000000-nsg', '2025-06-01', 'AKS:concepts-network (network security groups)',
  'created in the node resource group; AKS adds the LoadBalancer Service rules to it');

/** Facts of the NSG and route engines. */
export const ALL_FACTS_PACKET: readonly Fact<unknown>[] = [
  NSG_DEFAULT_RULES, NSG_PRIORITY_RANGE, AZURE_HOST_VIP, AZURE_IMDS_IP, NSG_PLATFORM_TAGS, NSG_INTERNET_TAG_EXCLUDED, SYSTEM_ROUTES_DEFAULT,
  AKS_LB_NSG_RULE_MIN_PRIORITY, AKS_MANAGED_NSG_NAME,
];

// ── Services, kube-proxy and the packet walk (shared/reference/aks-networking.md §10, §12.5, §15) ──────────────
/** The default NodePort range of kube-apiserver (--service-node-port-range). */
export const NODE_PORT_RANGE = fact('NODE_PORT_RANGE', { min: 30000, max: 32767 } as const, '2025-06-01',
  'K8S docs/concepts/services-networking/service (type NodePort)', 'allocated from the low end in Service order by aksnet (the API server picks at random)');
/** The first address of the service CIDR belongs to the `default/kubernetes` Service. */
export const KUBERNETES_SERVICE_IP_OFFSET = fact('KUBERNETES_SERVICE_IP_OFFSET', 1, '2025-06-01',
  'K8S docs/concepts/services-networking/cluster-ip-allocation', 'aksnet allocates other ClusterIPs after it, skipping the DNS service IP');
/** Annotation that makes a LoadBalancer Service internal (an address of a VNet subnet). */
export const LB_INTERNAL_ANNOTATION = fact('LB_INTERNAL_ANNOTATION', 'service.beta.kubernetes.io/azure-load-balancer-internal', '2025-06-01',
  'AKS:internal-lb', 'value "true" = internal');
/** Annotation naming the subnet of an internal LoadBalancer frontend (default: the node subnet). */
export const LB_INTERNAL_SUBNET_ANNOTATION = fact('LB_INTERNAL_SUBNET_ANNOTATION', 'service.beta.kubernetes.io/azure-load-balancer-internal-subnet',
  '2025-06-01', 'AKS:internal-lb', 'a subnet name of the cluster\'s VNet');
/** Annotation fixing the frontend IPv4 address of a LoadBalancer Service (replaces the deprecated spec.loadBalancerIP). */
export const LB_IPV4_ANNOTATION = fact('LB_IPV4_ANNOTATION', 'service.beta.kubernetes.io/azure-load-balancer-ipv4', '2025-06-01',
  'AKS:static-ip; CPA docs (service annotations)');
/**
 * Which requested frontend address cloud-provider-azure uses for a LoadBalancer Service: the azure-load-balancer-ipv4
 * annotation when it is set and not empty, else `spec.loadBalancerIP` (deprecated since Kubernetes 1.24) when it is an
 * address of the same family. Both given = the annotation wins; `spec.loadBalancerIP` is then ignored.
 */
export const LB_IP_ANNOTATION_OVER_SPEC = fact('LB_IP_ANNOTATION_OVER_SPEC', ['annotation', 'spec.loadBalancerIP'] as const, '2025-06-01',
  'CPA pkg/provider/azure_utils.go (getServiceLoadBalancerIP: IPv4/IPv6 annotation, then service.Spec.LoadBalancerIP); K8S docs/concepts/services-networking/service (loadBalancerIP deprecated in v1.24)',
  'order of precedence, first wins');
/**
 * Annotation asking cloud-provider-azure to create the Service's public frontend IP from a public IP prefix. Public
 * IP prefixes exist only in the Standard SKU, so with a Basic load balancer the frontend is never created.
 */
export const LB_PIP_PREFIX_ANNOTATION = fact('LB_PIP_PREFIX_ANNOTATION', 'service.beta.kubernetes.io/azure-pip-prefix-id', '2025-06-01',
  'CPA docs (service annotations); CPA tests/e2e (pip-prefix-id only works with the Standard load balancer)');
/**
 * ip-masq-agent defaults per network mode: which destinations pod egress is NOT masqueraded for. `pod-cidr`: the
 * cluster pod CIDR; `vnet`: the VNet address space. Everything else leaving the node is SNATed to the node IP.
 */
export const IP_MASQ_NON_MASQUERADE = fact('IP_MASQ_NON_MASQUERADE', {
  kubenet: ['pod-cidr'], 'azure-cni-overlay': ['pod-cidr'], 'azure-cni-node-subnet': ['vnet'], 'azure-cni-pod-subnet': ['vnet'],
  'byo-cni': ['pod-cidr', 'vnet'], 'self-managed': ['pod-cidr', 'vnet'],
} as const, '2025-06-01', 'AKS:configure-kubenet; AKS:concepts-network-azure-cni-overlay; azure-ip-masq-agent-config-reconciled ConfigMap',
  'kubenet and overlay SNAT pod egress leaving the pod CIDR to the node IP; flat Azure CNI only outside the VNet; byo-cni and self-managed assumed like Calico natOutgoing');
/** AKS LoadBalancer rules use floating IP: the packet reaches the node with the frontend IP as destination, and kube-proxy DNATs it. */
export const LB_FLOATING_IP = fact('LB_FLOATING_IP', true, '2025-06-01', 'CPA pkg/provider/azure_loadbalancer.go (EnableFloatingIP)',
  'which is why the AKS-managed NSG rules name the frontend IP and the Service port');
/**
 * The Azure load balancer's health probe of a LoadBalancer Service with externalTrafficPolicy Local: HTTP GET on
 * `path` at the Service's healthCheckNodePort of each backend node. kube-proxy (or Cilium) answers 200 only on nodes
 * running a ready local endpoint (503 elsewhere), so nodes without one leave the backend pool. The healthCheckNodePort
 * is spec.healthCheckNodePort, else allocated from NODE_PORT_RANGE like a nodePort.
 */
export const LB_LOCAL_HEALTH_PROBE = fact('LB_LOCAL_HEALTH_PROBE', { protocol: 'HTTP', path: '/healthz' } as const, '2025-06-01',
  'CPA pkg/provider/azure_loadbalancer.go (servicehelpers.GetServiceHealthCheckPathPort → HTTP probe); K8S docs/concepts/services-networking/service (healthCheckNodePort, allocated from the NodePort range); K8S pkg/proxy/healthcheck/service_health.go (503 without local endpoints); shared/reference/aks-networking.md §15',
  'ETP Cluster Services are probed on the Service nodePort (TCP) unless the cluster uses the shared kube-proxy probe mode');

/**
 * kube-proxy (iptables) sends a packet to KUBE-NODEPORTS only when its destination is an address of the node itself
 * (`-m addrtype --dst-type LOCAL`). A packet to another node's address and a nodePort therefore leaves the client's
 * node untranslated (ip-masq-agent applies as to any packet) and the addressed node's KUBE-NODEPORTS → KUBE-EXT
 * chain translates it: externalTrafficPolicy Cluster masquerades to that node and picks any endpoint; Local keeps
 * the source and picks only that node's endpoints (none: dropped), unless KUBE_PROXY_LOCAL_DETECTOR calls the
 * source pod traffic. `remoteNodePortAtSource` false = not translated on the client's node.
 */
export const KUBE_PROXY_NODEPORT_MATCH = fact('KUBE_PROXY_NODEPORT_MATCH', { match: '-m addrtype --dst-type LOCAL', remoteNodePortAtSource: false } as const, '2025-06-01',
  'K8S pkg/proxy/iptables/proxier.go (KUBE-SERVICES "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS; KUBE-EXT-* "masquerade traffic for ... external destinations"); cilium/cilium commit 92a3e31 (pod@node1 -> nodeport@node2 -> backend@node3: node2 DNATs and masquerades)',
  'nodePortAddresses (--nodeport-addresses) narrows the match to listed addresses (not modelled)');
/**
 * How kube-proxy recognises pod traffic on the external path of a NodePort/LoadBalancer frontend (its
 * `--detect-local-mode`; KUBE-EXT "pod traffic for ... external destinations" jumps to the cluster chain, so pod
 * traffic takes neither traffic policy). `cluster-cidr`: the source is in the cluster pod CIDR (clusters with a pod
 * CIDR: kubenet, overlay); `interface-name-prefix`: the packet came in on a pod veth `azv*` of the node (flat Azure
 * CNI; a packet from another node never does, nor do pods on an Azure CNI bridge, whose veths are bridge ports).
 */
export const KUBE_PROXY_LOCAL_DETECTOR = fact('KUBE_PROXY_LOCAL_DETECTOR', { withPodCidr: 'cluster-cidr', withoutPodCidr: 'interface-name-prefix', interfacePrefix: 'azv' } as const, '2025-06-01',
  'K8S pkg/proxy/iptables/proxier.go (localDetector.IfLocal in KUBE-EXT); kubernetes/kubernetes PR #95400 and #107842 (InterfaceNamePrefix, for Azure CNI); ACN network/transparent_endpointclient_linux.go (azv host veths)',
  'aksnet\'s choice per mode, the same as the lab\'s kube-proxy rules; AKS does not document it');
/**
 * Cilium's socket load balancer (kube-proxy replacement) translates a connection to a nodePort on any address whose
 * identity is `host` or `remote-node` (a node of the same cluster) at connect(): sock4_wildcard_lookup_full looks
 * the nodePort up with include_remote_hosts, so a pod or node connecting to another node's IP:nodePort is sent to
 * the backend directly, choosing among the Service's cluster-internal backends (internalTrafficPolicy applies,
 * externalTrafficPolicy does not). True = translated on the client's node.
 */
export const CILIUM_SOCKET_LB_REMOTE_NODEPORT = fact('CILIUM_SOCKET_LB_REMOTE_NODEPORT', true, '2025-06-01',
  'cilium/cilium bpf/bpf_sock.c (__sock4_xlate_fwd -> sock4_wildcard_lookup_full -> sock4_wildcard_lookup(key, include_remote_hosts=true): HOST_ID or remote-node identity -> wildcard NodePort lookup; lb4_lookup_service scope switch to the internal scope)',
  'assumes socket LB in pod namespaces (bpf-lb-sock-hostns-only false, as CILIUM_KPR does); with hostns-only (service meshes) pods are translated per packet and only the host keeps this');

/** Facts of Services, kube-proxy and the packet walk. */
export const ALL_FACTS_SERVICES: readonly Fact<unknown>[] = [
  NODE_PORT_RANGE, KUBERNETES_SERVICE_IP_OFFSET, LB_INTERNAL_ANNOTATION, LB_INTERNAL_SUBNET_ANNOTATION, LB_IPV4_ANNOTATION,
  IP_MASQ_NON_MASQUERADE, LB_FLOATING_IP, LB_PIP_PREFIX_ANNOTATION, LB_LOCAL_HEALTH_PROBE, LB_IP_ANNOTATION_OVER_SPEC,
  KUBE_PROXY_NODEPORT_MATCH, KUBE_PROXY_LOCAL_DETECTOR, CILIUM_SOCKET_LB_REMOTE_NODEPORT,
];

// ── Node dataplane compilers (aksnet compile) ─────────────────────────────────────────────────────────────────
/** How Azure NPM names ipsets and policy chains in the kernel (shared/reference/aks-networking.md §17.4, §24 #9). */
export const NPM_HASH_SCHEME = fact('NPM_HASH_SCHEME', 'sha256-base36' as 'fnv1a-decimal' | 'sha256-base36', '2026-07-01',
  'Azure/azure-container-networking PR #4611',
  'before: azure-npm-<FNV-1a 32-bit decimal> sets and decimal FNV chain suffixes; since: 20 (sets) / 10 (chains) base36 characters of SHA-256');
/** Azure NPM's packet marks, masked since ACN PR #1313 (shared/reference/aks-networking.md §17.2, §24 #10). */
export const NPM_MARKS = fact('NPM_MARKS', {
  ingressAllow: '0x200/0x200', ingressDrop: '0x400/0x400', egressDrop: '0x800/0x800', clear: '0x0/0xe00',
} as const, '2022-04-01', 'Azure/azure-container-networking PR #1313',
  'older versions: 0x2000 ingress allow, 0x4000 ingress drop, 0x5000 egress drop, 0x3000 accept, 0x1000 egress');
/** Calico felix's iptables mark bits as aksnet's compiler uses them (accept, pass); felix picks them from its mark mask. */
export const CALICO_MARKS = fact('CALICO_MARKS', { accept: '0x10000/0x10000', pass: '0x20000/0x20000', clearAccept: '0x0/0x10000', clearPass: '0x0/0x20000', clearAll: '0x0/0x30000' } as const,
  '2025-06-01', 'projectcalico/calico felix/rules (IptablesMarkAccept, IptablesMarkPass; default mark mask 0xffff0000)');

/** Oldest Kubernetes version an in-place migration to Azure CNI Overlay accepts (shared/reference/aks-networking.md §20.1, §24 #7). */
export const OVERLAY_MIGRATION_MIN_K8S = fact('OVERLAY_MIGRATION_MIN_K8S', '1.27', '2024-06-01', 'AKS:update-azure-cni', '2023 docs: 1.22');
/** Windows Server build an overlay migration needs on Windows pools (shared/reference/aks-networking.md §20.1). */
export const OVERLAY_MIGRATION_MIN_WINDOWS_BUILD = fact('OVERLAY_MIGRATION_MIN_WINDOWS_BUILD', '20348.1668', '2024-06-01', 'AKS:update-azure-cni',
  'and no Windows pools on the Docker runtime');

/** Facts of the node dataplane compilers and of migrations. */
export const ALL_FACTS_COMPILE: readonly Fact<unknown>[] = [NPM_HASH_SCHEME, NPM_MARKS, CALICO_MARKS, OVERLAY_MIGRATION_MIN_K8S, OVERLAY_MIGRATION_MIN_WINDOWS_BUILD];

// ── NICs, application security groups and public IP addresses ────────────────────────────────────────────────
/**
 * The SKU a public IP gets when the input does not say, per tool. ARM/REST: Basic when `sku` is absent; the az CLI
 * (`az network public-ip create --sku`) and the Terraform azurerm provider (`azurerm_public_ip.sku`, provider 4.x)
 * default to Standard.
 */
export const PUBLIC_IP_DEFAULT_SKU = fact('PUBLIC_IP_DEFAULT_SKU', { arm: 'basic', 'az-cli': 'standard', terraform: 'standard' } as const, '2025-06-01',
  'AZ:virtual-network/ip-services/public-ip-addresses; CLI az network public-ip create --sku; Terraform azurerm_public_ip (sku)',
  'az CLI before 2.60 and azurerm 3.x defaulted to Basic');
/** Allocation of a public IP when not given: Standard addresses are always static, Basic ones default to dynamic. */
export const PUBLIC_IP_DEFAULT_ALLOCATION = fact('PUBLIC_IP_DEFAULT_ALLOCATION', { standard: 'static', basic: 'dynamic' } as const, '2025-06-01',
  'AZ:virtual-network/ip-services/public-ip-addresses');
/**
 * A load balancer and the public IPs of its frontends must have the same SKU; cloud-provider-azure cannot attach a
 * Basic public IP to the Standard load balancer of an AKS cluster (or the reverse) and the Service stays <pending>.
 */
export const LB_PIP_SKU_MUST_MATCH = fact('LB_PIP_SKU_MUST_MATCH', true, '2025-06-01',
  'AZ:load-balancer/skus; AKS:static-ip; CPA pkg/provider/azure_loadbalancer.go (ensurePublicIPExists)',
  'Basic public IPs were retired on 2025-09-30 together with the Basic load balancer');
/** The Service annotation naming the public IP resource a LoadBalancer Service's frontend uses (in the node resource group unless another group is annotated). */
export const LB_PIP_NAME_ANNOTATION = fact('LB_PIP_NAME_ANNOTATION', 'service.beta.kubernetes.io/azure-pip-name', '2025-06-01',
  'CPA docs topics/loadbalancer (LoadBalancer annotations); AKS:static-ip');
/** ASGs per NIC IP configuration (Azure rejects more). */
export const MAX_ASGS_PER_IP_CONFIGURATION = fact('MAX_ASGS_PER_IP_CONFIGURATION', 20, '2025-07-01', 'AZ:includes/azure-virtual-network-limits');

/** Facts of NICs, ASGs and public IPs. */
export const ALL_FACTS_NIC: readonly Fact<unknown>[] = [
  PUBLIC_IP_DEFAULT_SKU, PUBLIC_IP_DEFAULT_ALLOCATION, LB_PIP_SKU_MUST_MATCH, LB_PIP_NAME_ANNOTATION, MAX_ASGS_PER_IP_CONFIGURATION,
];

// ── Network policy engines (shared/reference/policy-semantics.md §8–9) ───────────────────────────────────────────
/** Minimum Cilium version AKS runs per Kubernetes minor version (Azure CNI Powered by Cilium). */
export const AKS_CILIUM_MIN_VERSION = fact('AKS_CILIUM_MIN_VERSION',
  { '1.31': '1.16.16', '1.32': '1.17.9', '1.33': '1.17.9', '1.34': '1.18.6', '1.35': '1.18.6', '1.36': '1.18.9' } as const, '2026-08-01',
  'AKS:azure-cni-powered-by-cilium', 'Kubernetes versions before 1.31 ran older Cilium releases');
/** The first Cilium version that enforces NetworkPolicy `endPort` ranges (older ones enforce only `port`). */
export const CILIUM_ENDPORT_MIN_VERSION = fact('CILIUM_ENDPORT_MIN_VERSION', '1.17', '2026-08-01',
  'CILIUM pkg/k8s/network_policy.go; shared/reference/policy-semantics.md §7.6', 'so endPort is guaranteed on AKS from Kubernetes 1.32');
/** Azure NPM on Windows does not support these NetworkPolicy features. */
export const NPM_WINDOWS_UNSUPPORTED = fact('NPM_WINDOWS_UNSUPPORTED',
  ['named ports', 'SCTP', 'NotIn / DoesNotExist selectors', 'ipBlock except'] as const, '2026-01-01', 'AKS:use-network-policies');

/** Facts of network policy engines. */
export const ALL_FACTS_POLICY: readonly Fact<unknown>[] = [AKS_CILIUM_MIN_VERSION, CILIUM_ENDPORT_MIN_VERSION, NPM_WINDOWS_UNSUPPORTED];

// ── The lab (network namespaces) ───────────────────────────────────────────────────────────────────────────────
/**
 * flannel's VXLAN backend on Linux: the device flanneld creates (`flannel.<VNI>`), the VNI (default 1), the UDP port
 * (the kernel's default, 8472, not IANA's 4789), and the encapsulation overhead flanneld subtracts from the NIC MTU
 * for the device and pod interfaces (50 bytes: outer IPv4 20 + UDP 8 + VXLAN 8 + inner Ethernet 14).
 */
export const FLANNEL_VXLAN = fact('FLANNEL_VXLAN', { device: 'flannel.1', vni: 1, port: 8472, overhead: 50 } as const, '2026-01-01',
  'flannel-io/flannel Documentation/backends.md (VXLAN: VNI, Port); pkg/backend/vxlan (device flannel.<VNI>, MTU = NIC MTU − 50)',
  'Windows needs VNI ≥ 4096 and port 4789');
/** The bridge flannel's CNI configuration (bridge plugin) puts pods on, holding the node pod CIDR's first address. */
export const FLANNEL_CNI_BRIDGE = fact('FLANNEL_CNI_BRIDGE', 'cni0', '2026-01-01', 'flannel-io/cni-plugin (delegates to the bridge plugin, bridge name cni0)');

/** Facts of the lab's node dataplanes. */
export const ALL_FACTS_LAB: readonly Fact<unknown>[] = [FLANNEL_VXLAN, FLANNEL_CNI_BRIDGE];

// ── Encapsulation of pod traffic between nodes (shared/reference/aks-networking.md §21) ─────────────────────────
/**
 * Calico's VXLAN tunnel for IP pools with vxlanMode Always: device `vxlan.calico`, VXLAN network id 4096, UDP
 * destination port 4789 (Felix's defaults, FelixConfiguration vxlanVNI / vxlanPort). Pod traffic between nodes leaves
 * as UDP node address -> node address:4789, so the Azure fabric, NSGs and route tables see only node addresses.
 */
export const CALICO_VXLAN = fact('CALICO_VXLAN', { device: 'vxlan.calico', vni: 4096, port: 4789 } as const, '2026-11-22',
  'projectcalico/calico felix/config/config_params.go (VXLANPort `config:"int;4789"`, VXLANVNI `config:"int;4096"`); docs.tigera.io calico/latest/reference/resources/felixconfig (vxlanPort, vxlanVNI)',
  'vxlanMode CrossSubnet encapsulates only between subnets; aksnet models Always (cni: calico-vxlan)');
/**
 * The Azure virtual network does not forward IP-in-IP (IP protocol 4) between VMs: Calico's IPIP tunnel (device
 * `tunl0`) carries nothing across nodes there, so pod traffic between nodes is silently dropped.
 */
export const AZURE_DROPS_IPIP = fact('AZURE_DROPS_IPIP', { protocol: 4, device: 'tunl0' } as const, '2025-06-01',
  'shared/reference/aks-networking.md §21 (Tigera, calico/latest/reference/public-cloud/azure: Azure blocks IPIP, VXLAN works)',
  'the reason behind check AKS3003 ipip-on-azure');

/** Facts of encapsulation on the path (engines/dataplane/encapsulation.ts). */
export const ALL_FACTS_ENCAP: readonly Fact<unknown>[] = [CALICO_VXLAN, AZURE_DROPS_IPIP];

/** Every fact, for `aksnet facts` and for documentation, sorted by id. Keep this declaration last in the file. */
export const ALL_FACTS: readonly Fact<unknown>[] = [
  ...CORE_FACTS, ...ALL_FACTS_CONVERTER, ...ALL_FACTS_SOURCES, ...ALL_FACTS_PACKET, ...ALL_FACTS_SERVICES, ...ALL_FACTS_POLICY,
  ...ALL_FACTS_COMPILE, ...ALL_FACTS_NIC, ...ALL_FACTS_LAB, ...ALL_FACTS_ENCAP,
].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
