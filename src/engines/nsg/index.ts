// The NSG engine: rule evaluation per NSG and along the subnet/NIC path, tag contexts, AKS-managed rules, lint.
export * from './codes.js';
export * from './address.js';
export * from './ports.js';
export * from './context.js';
export * from './defaults.js';
export * from './evaluate.js';
export * from './lint.js';
export * from './model-context.js';
export * from './asg.js';
