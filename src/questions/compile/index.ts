// The compile question: which nodes exist, which pods run on them, and what an engine programs on one node.
import {
  compileNode, COMPILE_CODES, COMPILE_ENGINES, type CompiledNode, type CompileEngine, type CompileOptions,
} from '../../compile/index.js';
import { deriveNodes } from '../../derive/nodes.js';
import { planPodAddresses } from '../../derive/pods.js';
import { chooseEngine } from '../../engines/policy/index.js';
import type { Diagnostic } from '../../model/diagnostic.js';
import type { Model } from '../../model/model.js';

/** Parameters of `aksnet compile`. `node` absent = the first node (by name) that runs a policed pod, else the first node. */
export interface CompileParams extends CompileOptions {
  readonly engine: CompileEngine;
  readonly node?: string;
}

/** The answer: the compiled node (absent when no node could be chosen), the node names known, diagnostics. */
export interface CompileAnswer {
  readonly compiled?: CompiledNode;
  /** Every node name: derived nodes, Kubernetes Node objects, virtual nodes pods were placed on; sorted. */
  readonly nodes: readonly string[];
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * The engine the model's single cluster enforces with (chooseEngine, engines/policy), when aksnet can compile it
 * (azure-npm, calico); undefined for Cilium, no engine, or not exactly one cluster.
 */
export function clusterCompileEngine(model: Model): CompileEngine | undefined {
  if (model.clusters.length !== 1) return undefined;
  const engine = chooseEngine(model).engine;
  return COMPILE_ENGINES.find((e) => e === engine);
}

/** Places pods (planPodAddresses over deriveNodes) and compiles node `params.node` for `params.engine`. */
export function compileQuestion(model: Model, params: CompileParams): CompileAnswer {
  const plan = planPodAddresses(model, deriveNodes(model));
  const nodes = [...new Set([...plan.nodes.map((n) => n.name), ...model.nodes.map((n) => n.name)])].sort();
  const diagnostics: Diagnostic[] = [...plan.diagnostics];
  let node = params.node;
  if (node === undefined) {
    node = nodes.find((n) => plan.pods.some((p) => p.nodeName === n && !p.hostNetwork)) ?? nodes[0];
  } else if (!nodes.includes(node)) {
    diagnostics.push({ code: COMPILE_CODES.UNKNOWN_NODE, severity: 'error', message: `no node named '${node}'`,
      hint: nodes.length > 0 ? `known nodes: ${nodes.join(', ')}` : 'the input defines no nodes and no pods' });
    return { nodes, diagnostics };
  }
  if (node === undefined) {
    diagnostics.push({ code: COMPILE_CODES.UNKNOWN_NODE, severity: 'error', message: 'the input has no nodes and no pods to compile for',
      hint: 'pass a cluster artefact, Kubernetes Node objects, or workloads' });
    return { nodes, diagnostics };
  }
  const compiled = compileNode(model, plan.pods, params.engine, node, params);
  return { compiled, nodes, diagnostics: [...diagnostics, ...compiled.diagnostics] };
}
