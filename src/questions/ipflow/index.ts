// The ipflow question (offline IP flow verify).
export * from './endpoint.js';
export * from './target.js';
export * from './ipflow.js';
