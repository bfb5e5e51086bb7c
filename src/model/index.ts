// The vendor-independent model: types every adapter produces and every question reads.
export * from './origin.js';
export * from './diagnostic.js';
export * from './azure.js';
export * from './k8s.js';
export * from './policy.js';
export * from './model.js';
export * as facts from './facts.js';
