// The shared ARM-shape converter and the Azure link step: the one entry point for adapters of Azure artefacts.
export * from './arm-shape.js';
export {
  convertManagedCluster, convertAgentPool, convertVNet, convertSubnet, convertNsg, convertRouteTable, describeDefault,
  type At, type PoolContext,
} from './convert.js';
export { AZ_CODES } from './codes.js';
export { convertNic, convertAsg, convertPublicIp, azNetworkKind, defaultPublicIpSku, NIC_TYPE, ASG_TYPE, PUBLIC_IP_TYPE } from './network-interfaces.js';
export { linkAzure } from './link.js';
export { parseArmId, parentId, resourceGroupOf, typeOfId, isIdOfType, type ParsedId } from './ids.js';
export { deriveNetworkMode, defaultMaxSurge, defaultMaxPods, defaultNodeCount, parseSurge, formatSurge } from './defaults.js';
