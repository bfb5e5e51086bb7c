// The route engine: effective routes of a subnet and next-hop selection.
export * from './types.js';
export * from './select.js';
export * from './effective.js';
export * from './lint.js';
export { subnetContaining } from './subnet-of.js';
