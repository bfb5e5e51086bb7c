// The IP, CIDR, port and connection-set algebra that every engine builds on (no runtime dependencies).
export * from './ip.js';
export * from './cidr.js';
export * from './interval-set.js';
export * from './ipset.js';
export * from './portset.js';
export * from './connset.js';
