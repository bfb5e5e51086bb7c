// Renderers of the trace answer, one per format.
import type { TraceAnswer } from '../../questions/trace/index.js';
import { renderTraceDot, renderTraceMermaid } from './graph.js';
import { renderTraceJson } from './json.js';
import { renderTraceText } from './text.js';

/** Output formats of `aksnet trace`. */
export type TraceFormat = 'text' | 'json' | 'dot' | 'mermaid';
export const TRACE_FORMATS: readonly TraceFormat[] = ['text', 'json', 'dot', 'mermaid'];

/** Renders the answer in `format`. */
export function renderTrace(a: TraceAnswer, format: TraceFormat): string {
  switch (format) {
    case 'text':
      return renderTraceText(a);
    case 'json':
      return renderTraceJson(a);
    case 'dot':
      return renderTraceDot(a);
    case 'mermaid':
      return renderTraceMermaid(a);
    default: {
      const never: never = format;
      return never;
    }
  }
}
export { renderTraceDot, renderTraceJson, renderTraceMermaid, renderTraceText };
