// The lab: a model realised in Linux network namespaces, probed for real and compared with the simulator.
export { LAB_CODES, type LabCode } from './codes.js';
export { RecordingRunner, spawnRunner, commandText, fullArgv, type CommandResult, type LabCommand, type Runner } from './exec.js';
export { labFlows, listenPorts, nodePortTarget, targetIp, targetName, type FlowTarget, type LabFlow, type NodePortTarget, type PortProbe } from './flows.js';
export { kubeProxyNatTable, portProtoHash, serviceChain, endpointChain, KUBE_MASQ_MARK } from './kubeproxy-rules.js';
export {
  downByPrefix, downLab, downLabSync, installCleanup, LabCommandError, listLabNamespaces, plannedFlows, probeLab, upLab,
  type LabSession, type NodeRules, type ProbeObservation, type ProbeOptions, type RuleCompiler, type UpOptions,
} from './lab.js';
export { isPrefix, LAB_NAMESPACE_PATTERN, MAX_IFNAME, newPrefix, nodeNs, podNs, prefixOfNamespace, vnetNs } from './names.js';
export { parseProbeOutput, PROBE_CLIENT_SOURCE, type ProbeOutcome, type ProbeResult, type ProbeTarget } from './probe-client.js';
export { enterInstructions, LAB_FORMATS, renderProbeText, renderVerifyJson, renderVerifyText, targetText, type LabFormat } from './render.js';
export { checkRequirements, hasCommand, LAB_DEBIAN_PACKAGES, LAB_REQUIREMENTS, type Environment, type Requirement } from './requirements.js';
export {
  defaultLabEngine, freshPrefix, kernelHasSctp, LAB_ENGINES, labHasWork, planLab, runLab,
  type LabEngine, type LabParams, type LabPlan, type LabRun, type LabTimings, type RunOptions,
} from './run.js';
export { attachMode, bridgeName, buildPhases, deleteNamespaces, HOST_VETH_MAC, kubenetGateway, labNamespaces, type Phase } from './script.js';
export { defaultStateDir, listStates, readState, type LabState } from './state.js';
export {
  defaultLabMode, LAB_MODES, labTopology, POD_GATEWAY, VNET_GATEWAY,
  type LabMode, type LabNode, type LabPod, type LabRoute, type LabRouteTable, type LabService, type LabServicePort, type LabTopology, type TopologyInput,
} from './topology.js';
export { compare, simulatedMatrix, type UncomparedFlow, type VerifyComparison, type VerifyEntry } from './verify.js';
