// The packet walk (trace): context, hops, dispositions.
export * from './types.js';
export * from './context.js';
export * from './walk.js';
