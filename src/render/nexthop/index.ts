// Renderers of the nexthop answer: `text` and `json`.
import type { NexthopAnswer } from '../../questions/nexthop/index.js';
import { renderNexthopJson } from './json.js';
import { renderNexthopText } from './text.js';

export type NexthopFormat = 'text' | 'json';
export const NEXTHOP_FORMATS: readonly NexthopFormat[] = ['text', 'json'];

/** Renders the answer in `format`; `withRoutes` adds the subnet's effective routes. */
export function renderNexthop(answer: NexthopAnswer, format: NexthopFormat, withRoutes = false): string {
  switch (format) {
    case 'text':
      return renderNexthopText(answer, withRoutes);
    case 'json':
      return renderNexthopJson(answer, withRoutes);
    default: {
      const never: never = format;
      return never;
    }
  }
}
export { renderNexthopJson } from './json.js';
export { renderNexthopText } from './text.js';
