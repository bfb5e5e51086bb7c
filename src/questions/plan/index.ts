// `aksnet plan`: the question and its answer types.
export * from './types.js';
export { formatSurge } from '../../model/azure.js';
export { growthPoolOf, maxNodesOf, nodeLimits, plan, planCluster, rangeKindLabel, smallestFittingPrefix } from './plan.js';
