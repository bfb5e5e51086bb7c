// The az command table: for each command aksnet evaluates, the flags it knows and their types. A flag not listed
// is reported as unsupported (and ignored); `ignored` flags are known to az and have no effect on the network
// model, so they pass silently. Commands in KNOWN_IGNORED are recognised and skipped without a warning.

/** How a flag takes its value: one word, a list of words up to the next flag, or none (a switch, `true/false` allowed). */
export type FlagType = 'value' | 'list' | 'switch';

/** One flag: its canonical long name, its aliases (short forms, old spellings), its type, and whether it is used. */
export interface FlagSpec {
  readonly name: string;
  readonly aliases: readonly string[];
  readonly type: FlagType;
  /** True when aksnet reads the flag; false for flags az knows that do not change the network model. */
  readonly used: boolean;
}

/** The commands aksnet evaluates (group words joined by spaces). */
export type AzCommandName =
  | 'group create'
  | 'network vnet create' | 'network vnet subnet create' | 'network vnet subnet update'
  | 'network route-table create' | 'network route-table route create'
  | 'network nsg create' | 'network nsg rule create'
  | 'aks create' | 'aks nodepool add'
  | 'network nic create' | 'network nic ip-config update' | 'network asg create' | 'network public-ip create' | 'vm create'
  | 'network vnet show' | 'network vnet subnet show' | 'network vnet subnet list' | 'network route-table show'
  | 'network nsg show' | 'aks show' | 'group show' | 'aks nodepool show'
  | 'network nic show' | 'network asg show' | 'network public-ip show';

/** Builds flag specs from `'--name/-n'` strings. */
function flags(type: FlagType, used: boolean, ...specs: string[]): FlagSpec[] {
  return specs.map((s) => {
    const [name, ...aliases] = s.split('/');
    return { name: name!, aliases, type, used };
  });
}

/** Flags every az command accepts. */
const GLOBAL: readonly FlagSpec[] = [
  ...flags('value', false, '--subscription', '--output/-o', '--query'),
  ...flags('switch', false, '--only-show-errors', '--verbose', '--debug', '--no-wait', '--yes/-y', '--help/-h'),
];
const RG = flags('value', true, '--resource-group/-g');
const LOCATION_TAGS = [...flags('value', true, '--location/-l'), ...flags('list', false, '--tags')];

/** Pool flags shared by `aks create` (its default pool) and `aks nodepool add`. */
const POOL_USED = [
  ...flags('value', true, '--node-count/-c', '--max-pods/-m', '--vnet-subnet-id', '--pod-subnet-id', '--pod-ip-allocation-mode',
    '--min-count', '--max-count', '--max-surge', '--node-vm-size/-s', '--kubernetes-version/-k'),
  ...flags('switch', true, '--enable-cluster-autoscaler/-e'),
  // The node NICs' application security groups (agent pool networkProfile.applicationSecurityGroups).
  ...flags('list', true, '--asg-ids'),
];
const POOL_IGNORED = [
  ...flags('value', false, '--node-osdisk-size', '--node-osdisk-type', '--os-sku', '--vm-set-type', '--priority', '--eviction-policy',
    '--spot-max-price', '--max-unavailable', '--drain-timeout', '--node-soak-duration', '--ppg', '--gpu-instance-profile',
    '--kubelet-config', '--linux-os-config', '--node-public-ip-prefix-id', '--scale-down-mode', '--snapshot-id', '--host-group-id',
    '--capacity-reservation-group', '--message-of-the-day', '--workload-runtime', '--crg-id', '--node-osdisk-diskencryptionset-id'),
  ...flags('list', false, '--zones/-z', '--labels', '--node-taints', '--nodepool-labels', '--nodepool-taints', '--nodepool-tags',
    '--allowed-host-ports', '--node-public-ip-tags'),
  ...flags('switch', false, '--enable-node-public-ip', '--enable-encryption-at-host', '--enable-ultra-ssd', '--enable-fips-image'),
];

/** The flags of each evaluated command. */
export const AZ_COMMANDS: Readonly<Record<AzCommandName, readonly FlagSpec[]>> = {
  'group create': [...flags('value', true, '--name/-n/--resource-group/-g'), ...LOCATION_TAGS, ...flags('value', false, '--managed-by')],
  'network vnet create': [
    ...RG, ...flags('value', true, '--name/-n', '--subnet-name'), ...LOCATION_TAGS,
    ...flags('list', true, '--address-prefixes/--address-prefix', '--subnet-prefixes/--subnet-prefix'),
    ...flags('list', false, '--dns-servers'),
    ...flags('value', false, '--ddos-protection-plan', '--ddos-protection', '--vm-protection', '--flowtimeout', '--edge-zone',
      '--network-security-group/--nsg', '--bgp-community', '--enable-encryption', '--encryption-enforcement-policy'),
  ],
  'network vnet subnet create': [
    ...RG, ...flags('value', true, '--vnet-name', '--name/-n', '--route-table', '--network-security-group/--nsg', '--nat-gateway'),
    ...flags('list', true, '--address-prefixes/--address-prefix', '--delegations'),
    ...flags('list', false, '--service-endpoints', '--service-endpoint-policy'),
    ...flags('value', false, '--disable-private-endpoint-network-policies', '--disable-private-link-service-network-policies',
      '--private-endpoint-network-policies', '--private-link-service-network-policies', '--default-outbound-access',
      '--default-outbound', '--sharing-scope'),
  ],
  'network vnet subnet update': [],
  'network route-table create': [
    ...RG, ...flags('value', true, '--name/-n'), ...LOCATION_TAGS,
    ...flags('switch', true, '--disable-bgp-route-propagation'),
  ],
  'network route-table route create': [
    ...RG, ...flags('value', true, '--route-table-name', '--name/-n', '--address-prefix', '--next-hop-type', '--next-hop-ip-address'),
  ],
  'network nsg create': [...RG, ...flags('value', true, '--name/-n'), ...LOCATION_TAGS],
  'network nsg rule create': [
    ...RG, ...flags('value', true, '--nsg-name', '--name/-n', '--priority', '--direction', '--access', '--protocol'),
    ...flags('list', true, '--source-address-prefixes', '--source-port-ranges', '--destination-address-prefixes', '--destination-port-ranges',
      '--source-asgs', '--destination-asgs'),
    ...flags('value', false, '--description'),
  ],
  'aks create': [
    ...RG, ...flags('value', true, '--name/-n', '--nodepool-name', '--network-plugin', '--network-plugin-mode', '--network-policy',
      '--network-dataplane', '--pod-cidr', '--service-cidr', '--dns-service-ip', '--outbound-type', '--load-balancer-sku',
      '--load-balancer-managed-outbound-ip-count', '--load-balancer-outbound-ports', '--nat-gateway-managed-outbound-ip-count',
      '--pod-cidrs', '--service-cidrs', '--ip-families', '--load-balancer-outbound-ips', '--load-balancer-outbound-ip-prefixes'),
    ...LOCATION_TAGS, ...POOL_USED, ...POOL_IGNORED,
    ...flags('switch', true, '--enable-private-cluster'),
    ...flags('value', false, '--tier', '--dns-name-prefix/-p', '--node-resource-group', '--admin-username/-u', '--ssh-key-value',
      '--service-principal', '--client-secret', '--attach-acr', '--assign-identity', '--assign-kubelet-identity', '--enable-addons/-a',
      '--workspace-resource-id', '--api-server-authorized-ip-ranges', '--aad-admin-group-object-ids', '--aad-tenant-id',
      '--auto-upgrade-channel', '--node-os-upgrade-channel', '--load-balancer-idle-timeout', '--load-balancer-backend-pool-type',
      '--nat-gateway-idle-timeout', '--private-dns-zone', '--fqdn-subdomain', '--windows-admin-username', '--windows-admin-password',
      '--acns-advanced-networkpolicies', '--sku', '--k8s-support-plan', '--outbound-ip-prefix', '--appgw-name', '--appgw-subnet-cidr',
      '--appgw-id', '--appgw-subnet-id', '--dns-zone-resource-ids', '--disk-encryption-set-id', '--ca-certs', '--os-sku',
      '--enable-ahub', '--kube-proxy-config', '--http-proxy-config', '--cluster-snapshot-id', '--rotation-poll-interval',
      '--pod-cidrs-ipv6', '--nrg-lockdown-restriction-level', '--bootstrap-artifact-source'),
    ...flags('switch', false, '--generate-ssh-keys', '--no-ssh-key/-x', '--enable-managed-identity', '--enable-aad', '--enable-azure-rbac',
      '--enable-oidc-issuer', '--enable-workload-identity', '--enable-keda', '--enable-vpa', '--enable-cost-analysis',
      '--enable-image-cleaner', '--enable-acns', '--enable-app-routing', '--enable-azure-monitor-metrics', '--enable-defender',
      '--enable-secret-rotation', '--disable-local-accounts', '--enable-blob-driver', '--disable-public-fqdn', '--enable-ahub',
      '--enable-windows-gmsa', '--enable-msi-auth-for-monitoring', '--disable-rbac', '--enable-static-egress-gateway',
      '--enable-ai-toolchain-operator', '--enable-asm', '--enable-azure-keyvault-kms', '--enable-public-fqdn',
      '--skip-subnet-role-assignment', '--enable-high-log-scale-mode', '--enable-sgxquotehelper', '--aks-custom-headers'),
  ],
  'aks nodepool add': [
    ...RG, ...flags('value', true, '--cluster-name', '--name/-n/--nodepool-name', '--mode', '--os-type'), ...POOL_USED, ...POOL_IGNORED,
    ...flags('list', false, '--tags'),
    ...flags('switch', false, '--aks-custom-headers'),
  ],
  'network nic create': [
    ...RG, ...flags('value', true, '--name/-n', '--vnet-name', '--subnet', '--private-ip-address', '--network-security-group',
      '--public-ip-address'), ...LOCATION_TAGS,
    ...flags('list', true, '--asgs/--application-security-groups'),
    ...flags('value', false, '--private-ip-address-version', '--internal-dns-name', '--lb-name', '--gateway-name', '--edge-zone',
      '--accelerated-networking', '--ip-forwarding', '--auxiliary-mode', '--auxiliary-sku', '--disable-tcp-state-tracking'),
    ...flags('list', false, '--dns-servers', '--lb-address-pools', '--lb-inbound-nat-rules', '--app-gateway-address-pools'),
  ],
  'network nic ip-config update': [
    ...RG, ...flags('value', true, '--nic-name', '--name/-n', '--vnet-name', '--subnet', '--private-ip-address', '--public-ip-address'),
    ...flags('list', true, '--asgs/--application-security-groups'),
    ...flags('value', false, '--private-ip-address-version', '--lb-name', '--gateway-name', '--make-primary'),
    ...flags('list', false, '--lb-address-pools', '--lb-inbound-nat-rules', '--app-gateway-address-pools', '--set', '--add', '--remove'),
  ],
  'network asg create': [...RG, ...flags('value', true, '--name/-n'), ...LOCATION_TAGS],
  'network public-ip create': [
    ...RG, ...flags('value', true, '--name/-n', '--sku', '--allocation-method'), ...LOCATION_TAGS,
    ...flags('value', false, '--version', '--tier', '--dns-name', '--idle-timeout', '--public-ip-prefix', '--reverse-fqdn',
      '--ddos-protection-mode', '--ddos-protection-plan', '--edge-zone', '--ip-address'),
    ...flags('list', false, '--zone/-z', '--ip-tags'),
  ],
  'vm create': [
    ...RG, ...flags('value', true, '--name/-n', '--vnet-name', '--subnet', '--nsg', '--nsg-rule', '--private-ip-address',
      '--public-ip-address', '--public-ip-sku'), ...LOCATION_TAGS,
    ...flags('list', true, '--nics', '--asgs'),
    ...flags('value', false, '--image', '--size', '--admin-username', '--admin-password', '--authentication-type', '--os-disk-name',
      '--os-disk-size-gb', '--os-disk-caching', '--storage-sku', '--custom-data', '--user-data', '--zone/-z', '--availability-set',
      '--priority', '--eviction-policy', '--license-type', '--os-type', '--computer-name', '--security-type', '--vnet-address-prefix',
      '--subnet-address-prefix', '--public-ip-address-dns-name', '--public-ip-address-allocation', '--nic-delete-option',
      '--os-disk-delete-option', '--ppg', '--boot-diagnostics-storage', '--encryption-at-host', '--vmss'),
    ...flags('list', false, '--ssh-key-values', '--assign-identity', '--data-disk-sizes-gb', '--secrets'),
    ...flags('switch', false, '--generate-ssh-keys', '--accelerated-networking', '--enable-agent', '--enable-secure-boot', '--enable-vtpm',
      '--validate'),
  ],
  'network vnet show': [...RG, ...flags('value', true, '--name/-n')],
  'network vnet subnet show': [...RG, ...flags('value', true, '--vnet-name', '--name/-n')],
  'network vnet subnet list': [...RG, ...flags('value', true, '--vnet-name')],
  'network route-table show': [...RG, ...flags('value', true, '--name/-n')],
  'network nsg show': [...RG, ...flags('value', true, '--name/-n')],
  'aks show': [...RG, ...flags('value', true, '--name/-n')],
  'aks nodepool show': [...RG, ...flags('value', true, '--cluster-name', '--name/-n/--nodepool-name')],
  'group show': [...flags('value', true, '--name/-n/--resource-group/-g')],
  'network nic show': [...RG, ...flags('value', true, '--name/-n')],
  'network asg show': [...RG, ...flags('value', true, '--name/-n')],
  'network public-ip show': [...RG, ...flags('value', true, '--name/-n')],
};

// `subnet update` takes the flags of `subnet create`.
(AZ_COMMANDS as Record<AzCommandName, readonly FlagSpec[]>)['network vnet subnet update'] = AZ_COMMANDS['network vnet subnet create'];

/** Commands recognised and skipped without a warning (they do not change the network model). Matched by prefix. */
export const KNOWN_IGNORED: readonly string[] = [
  'login', 'logout', 'account', 'aks get-credentials', 'aks install-cli', 'aks wait', 'aks browse', 'aks get-versions', 'aks list',
  'aks nodepool list', 'aks nodepool wait', 'extension', 'provider', 'feature', 'config', 'configure', 'version', 'upgrade', 'cloud',
  'group list', 'group wait', 'group exists', 'identity', 'role', 'acr', 'keyvault', 'monitor', 'ad', 'network public-ip', 'network vnet list',
  'network vnet wait', 'network nsg list', 'network route-table list', 'network watcher', 'resource', 'tag', 'vm list', 'deployment', 'bicep',
  'aks command', 'aks check-acr', 'aks mesh', 'aks approuting',
];

/** The flag spec named by `word` (`--x` or `-x`) among `cmd`'s flags and the global ones. */
export function findFlag(cmd: AzCommandName, word: string): FlagSpec | undefined {
  const lower = word.toLowerCase();
  for (const f of [...AZ_COMMANDS[cmd], ...GLOBAL]) {
    if (f.name === lower || f.aliases.includes(lower)) return f;
  }
  return undefined;
}

/** The longest evaluated command that the group words start with, and how many words it takes. */
export function matchCommand(groups: readonly string[]): { name: AzCommandName; length: number } | undefined {
  for (let n = Math.min(5, groups.length); n > 0; n--) {
    const key = groups.slice(0, n).join(' ').toLowerCase();
    if (Object.prototype.hasOwnProperty.call(AZ_COMMANDS, key)) return { name: key as AzCommandName, length: n };
  }
  return undefined;
}

/** True when the group words name a command in KNOWN_IGNORED. */
export function isKnownIgnored(groups: readonly string[]): boolean {
  const key = groups.join(' ').toLowerCase();
  return KNOWN_IGNORED.some((k) => key === k || key.startsWith(k + ' '));
}
