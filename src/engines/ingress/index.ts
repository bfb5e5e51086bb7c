// Ingress routing (NGINX and AGIC).
export * from './match.js';
