// The trace question (the whole path of one flow).
export * from './trace.js';
