// Service load balancing: kube-proxy and Cilium's kube-proxy replacement.
export * from './proxy.js';
