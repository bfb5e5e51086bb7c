// load/: the only place that knows file formats. Bytes in, documents with source positions out.
export * from './codes.js';
export * from './document.js';
export * from './files.js';
export * from './line-index.js';
export * from './parse.js';
export * from './recognize.js';
