// The nexthop question (offline Network Watcher next hop).
export * from './nexthop.js';
