// Renderers of the ipflow answer: `text` and `json`.
import type { IpflowAnswer } from '../../questions/ipflow/index.js';
import { renderIpflowJson } from './json.js';
import { renderIpflowText } from './text.js';

export type IpflowFormat = 'text' | 'json';
export const IPFLOW_FORMATS: readonly IpflowFormat[] = ['text', 'json'];

/** Renders the answer in `format`. */
export function renderIpflow(answer: IpflowAnswer, format: IpflowFormat): string {
  switch (format) {
    case 'text':
      return renderIpflowText(answer);
    case 'json':
      return renderIpflowJson(answer);
    default: {
      const never: never = format;
      return never;
    }
  }
}
export { renderIpflowJson } from './json.js';
export { renderIpflowText } from './text.js';
export { stepLines } from './steps.js';
