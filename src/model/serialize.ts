// Model ⇄ JSON. The model holds bigints (addresses in Ip and Cidr) and interval sets (IpSet, PortSet in normalised
// policies), which JSON cannot carry; they are written as small tagged objects so that `deserializeModel` rebuilds
// the same values (same classes, same numbers). Used to save a model, to hand it between processes, and by the
// invariant "load → model → JSON → model gives the same answers".
import { IpSet, PortSet, type IpFamily } from '../engines/net/index.js';
import { emptyModel, type Model } from './model.js';

/** Version of the serialised form; bumped when the encoding (not the model) changes incompatibly. */
export const MODEL_JSON_VERSION = 1;

/** The top-level JSON object written by `serializeModel`: the version and the encoded model. */
export interface SerializedModel {
  readonly aksnetModel: number;
  readonly model: unknown;
}

// Tags of the encoded special values. A plain object never has a key starting with '$' in the model
// (labels are strings-to-strings under `labels`, and label keys cannot start with '$' in Kubernetes).
const BIGINT = '$bigint';
const IPSET = '$ipset';
const PORTSET = '$portset';

function encode(v: unknown): unknown {
  if (typeof v === 'bigint') return { [BIGINT]: v.toString() };
  if (v instanceof IpSet) return { [IPSET]: v.ranges().map((r) => [r.family, r.lo.toString(), r.hi.toString()]) };
  if (v instanceof PortSet) return { [PORTSET]: v.ranges() };
  if (Array.isArray(v)) return v.map(encode);
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      if (x === undefined || typeof x === 'function') continue;
      out[k] = encode(x);
    }
    return out;
  }
  return v;
}

function isFamily(x: unknown): x is IpFamily {
  return x === 4 || x === 6;
}

function decode(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(decode);
  if (v === null || typeof v !== 'object') return v;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o);
  if (keys.length === 1) {
    const tag = keys[0]!;
    const body = o[tag];
    if (tag === BIGINT && typeof body === 'string' && /^-?\d+$/.test(body)) return BigInt(body);
    if (tag === IPSET && Array.isArray(body)) {
      const ranges: { family: IpFamily; lo: bigint; hi: bigint }[] = [];
      for (const r of body) {
        if (!Array.isArray(r) || !isFamily(r[0]) || typeof r[1] !== 'string' || typeof r[2] !== 'string') continue;
        if (!/^\d+$/.test(r[1]) || !/^\d+$/.test(r[2])) continue;
        ranges.push({ family: r[0], lo: BigInt(r[1]), hi: BigInt(r[2]) });
      }
      return IpSet.fromRanges(ranges);
    }
    if (tag === PORTSET && Array.isArray(body)) {
      const ranges: [number, number][] = [];
      for (const r of body) {
        if (Array.isArray(r) && Number.isInteger(r[0]) && Number.isInteger(r[1])) ranges.push([r[0] as number, r[1] as number]);
      }
      return PortSet.fromRanges(ranges);
    }
  }
  const out: Record<string, unknown> = {};
  for (const k of keys) out[k] = decode(o[k]);
  return out;
}

/**
 * The model as a JSON text: `{"aksnetModel": 1, "model": {...}}`. Bigints become `{"$bigint": "…"}`, IpSets
 * `{"$ipset": [[family, lo, hi], …]}`, PortSets `{"$portset": [[lo, hi], …]}`; absent (undefined) fields are left
 * out. Deterministic: the model's arrays are already sorted and object keys keep their construction order.
 * `indent`: spaces per level (0 = one line).
 */
export function serializeModel(m: Model, indent = 0): string {
  const doc: SerializedModel = { aksnetModel: MODEL_JSON_VERSION, model: encode(m) };
  return JSON.stringify(doc, null, indent || undefined);
}

/** The result of reading a serialised model: the model, or why it could not be read (then `model` is empty). */
export interface DeserializeResult {
  readonly model: Model;
  /** '' when the text was read; otherwise what is wrong with it. */
  readonly error: string;
}

/**
 * Reads the text `serializeModel` wrote. Never throws: text that is not JSON, or not a serialised model of this
 * version, yields an empty model and an `error`. Lists the model lacks are filled with empty lists.
 */
export function deserializeModel(text: string): DeserializeResult {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return { model: emptyModel(), error: `not JSON: ${(e as Error).message}` };
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return { model: emptyModel(), error: 'not a serialised model (expected an object)' };
  const d = doc as Record<string, unknown>;
  if (d.aksnetModel !== MODEL_JSON_VERSION) {
    return { model: emptyModel(), error: `unsupported serialised model version ${JSON.stringify(d.aksnetModel)} (expected ${MODEL_JSON_VERSION})` };
  }
  const body = decode(d.model);
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return { model: emptyModel(), error: 'the "model" field is not an object' };
  const base = emptyModel() as unknown as Record<string, unknown>;
  const b = body as Record<string, unknown>;
  const model: Record<string, unknown> = {};
  for (const k of Object.keys(base)) model[k] = Array.isArray(b[k]) ? b[k] : base[k];
  return { model: model as unknown as Model, error: '' };
}
