// AKS2402 lb-probe-blocked: an NSG on the node subnet denies the load balancer's health probes of a Service.
import { formatIp, parseIp } from '../../../engines/net/index.js';
import type { Model } from '../../../model/model.js';
import { AZURE_HOST_VIP, LB_LOCAL_HEALTH_PROBE } from '../../../model/facts.js';
import { deriveNodes } from '../../../derive/nodes.js';
import { deriveServices, type DerivedService } from '../../../derive/services.js';
import { finding } from '../finding.js';
import { decisionOrigin, denyingStage, nodeNsgVerdict, nodesBySubnet } from '../packet.js';
import { subnetLabel } from '../topology.js';
import type { CheckRule, Finding } from '../types.js';

/**
 * For every LoadBalancer Service (in the cluster that runs it: derive/services.ts serviceClusters) and every node
 * subnet of that cluster: the health probe the Azure load balancer sends from 168.63.129.16 to a node must pass the
 * subnet NSG and the AKS-managed NIC NSG (the NSG engine decides). The probe port: with externalTrafficPolicy Local,
 * the Service's healthCheckNodePort (HTTP /healthz, facts LB_LOCAL_HEALTH_PROBE), one probe for the Service; else each
 * port's nodePort (TCP), as the trace walker models it. A deny is an error per probe and subnet.
 */
/**
 * The health probes the load balancer sends for `svc`: one HTTP probe on the healthCheckNodePort for
 * externalTrafficPolicy Local; else one TCP probe per TCP/UDP port on its nodePort. `what`: the Service port the
 * probe stands for (empty for the Local probe); `portText`: which port it is and where it came from.
 */
function probesOf(svc: DerivedService): { port: number; protocol: string; what: string; portText: string }[] {
  if (svc.service.externalTrafficPolicy === 'Local') {
    if (svc.healthCheckNodePort === undefined) return [];
    return [{ port: svc.healthCheckNodePort, protocol: `${LB_LOCAL_HEALTH_PROBE.value.protocol} ${LB_LOCAL_HEALTH_PROBE.value.path} over TCP`, what: ' (externalTrafficPolicy Local)',
      portText: `healthCheckNodePort${svc.healthCheckNodePortSource === 'allocated' ? ', allocated by aksnet' : ''}` }];
  }
  return svc.ports.flatMap((p) => (p.nodePort === undefined || p.protocol === 'SCTP' ? [] : [{
    port: p.nodePort, protocol: 'TCP', what: ` port ${p.protocol}/${p.port}`,
    portText: `nodePort${p.nodePortSource === 'allocated' ? ', allocated by aksnet' : ''}`,
  }]));
}

export const lbProbeBlocked: CheckRule = {
  id: 'AKS2402',
  slug: 'lb-probe-blocked',
  title: 'NSG blocks the load balancer health probe of a Service',
  severity: 'error',
  description: 'For each LoadBalancer Service and each node subnet of its cluster, evaluates the health probe '
    + `(from ${AZURE_HOST_VIP.value} to a node: TCP on the Service's nodePort, or with externalTrafficPolicy Local `
    + `${LB_LOCAL_HEALTH_PROBE.value.protocol} ${LB_LOCAL_HEALTH_PROBE.value.path} on its healthCheckNodePort) through the subnet NSG and the AKS-managed `
    + 'NIC NSG. Inbound probes are filtered like other inbound traffic: a deny-all rule above the default '
    + 'AllowAzureLoadBalancerInBound blocks them unless a rule allows AzureLoadBalancer first.',
  rationale: 'A node that fails the probe is taken out of the backend pool; when every node fails, the Service has an '
    + 'address but receives no traffic (connections time out), which users read as a stuck or broken LoadBalancer. '
    + 'AKS adds Allow rules for the Service to the NIC NSG only, never to the NSG of your subnet.',
  source: 'shared/reference/aks-networking.md §12.1, §12.3, §12.5, §15; AZ:load-balancer/load-balancer-custom-probe-overview; '
    + `facts LB_LOCAL_HEALTH_PROBE (${LB_LOCAL_HEALTH_PROBE.source}); the NSG engine (src/engines/nsg)`,
  examples: {
    failing: {
      vnets: [{ name: 'vnet', addressSpace: ['10.1.0.0/16'], subnets: [{ name: 'nodes', prefix: '10.1.0.0/22', nsg: 'nodes-nsg' }] }],
      clusters: [{ name: 'aks1', pools: [{ name: 'system', subnet: 'vnet/nodes' }] }],
      nsgs: [{ name: 'nodes-nsg', rules: [
        { name: 'allow-web', priority: 100, protocol: 'Tcp', source: ['Internet'], destinationPorts: ['80'] },
        { name: 'deny-all', priority: 4096, access: 'Deny' },
      ] }],
      services: [{ name: 'web', type: 'LoadBalancer', selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] }],
    },
    passing: {
      vnets: [{ name: 'vnet', addressSpace: ['10.1.0.0/16'], subnets: [{ name: 'nodes', prefix: '10.1.0.0/22', nsg: 'nodes-nsg' }] }],
      clusters: [{ name: 'aks1', pools: [{ name: 'system', subnet: 'vnet/nodes' }] }],
      nsgs: [{ name: 'nodes-nsg', rules: [
        { name: 'allow-probes', priority: 90, source: ['AzureLoadBalancer'] },
        { name: 'allow-web', priority: 100, protocol: 'Tcp', source: ['Internet'], destinationPorts: ['80'] },
        { name: 'deny-all', priority: 4096, access: 'Deny' },
      ] }],
      services: [{ name: 'web', type: 'LoadBalancer', selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] }],
    },
  },
  run(model: Model): Finding[] {
    const out: Finding[] = [];
    const derived = deriveNodes(model);
    const plan = deriveServices(model, [], derived);
    const probeSource = parseIp(AZURE_HOST_VIP.value);
    if (!probeSource) return out;
    for (const svc of plan.services) {
      if (!svc.loadBalancer || !svc.cluster) continue;
      for (const g of nodesBySubnet(model, svc.cluster, derived)) {
        const node = g.nodes[0];
        if (!node) continue;
        for (const probe of probesOf(svc)) {
          const v = nodeNsgVerdict(model, g, derived, 'Inbound', { protocol: 'TCP', srcIp: probeSource, dstIp: node.ip, dstPort: probe.port });
          const d = denyingStage(v);
          if (!d) continue;
          const nsg = d.level === 'subnet' ? g.subnetNsg : g.nicNsg;
          const name = nsg?.name ?? '(NSG)';
          const rule = d.rule ? `rule ${d.rule.name} (priority ${d.rule.priority})` : 'a rule';
          out.push(finding(this.id, 'error', name, decisionOrigin(model, d, nsg?.origin ?? svc.service.origin),
            `${d.level} NSG ${name} of ${subnetLabel(model, g.subnet)} denies the health probe of LoadBalancer Service ${svc.key}${probe.what}: `
            + `${rule} drops ${probe.protocol} ${AZURE_HOST_VIP.value} -> ${formatIp(node.ip)}:${probe.port} (${probe.portText}); `
            + 'the nodes of this subnet leave the backend pool',
            `allow source AzureLoadBalancer (all ports) in ${name} with a priority below ${d.rule?.priority ?? 'the deny'}`));
        }
      }
    }
    return out;
  },
};
