// AKS2402 lb-probe-blocked: an NSG on the node subnet denies the load balancer's health probes of a Service.
import { formatIp, parseIp } from '../../../engines/net/index.js';
import type { Model } from '../../../model/model.js';
import { AZURE_HOST_VIP } from '../../../model/facts.js';
import { deriveNodes } from '../../../derive/nodes.js';
import { deriveServices } from '../../../derive/services.js';
import { finding } from '../finding.js';
import { decisionOrigin, denyingStage, nodeNsgVerdict, nodesBySubnet } from '../packet.js';
import { subnetLabel } from '../topology.js';
import type { CheckRule, Finding } from '../types.js';

/**
 * For every LoadBalancer Service (in the first cluster, as Service derivation assumes) and every node subnet of that
 * cluster: the health probe the Azure load balancer sends from 168.63.129.16 to a node on the Service's nodePort
 * (TCP, as the trace walker models it) must pass the subnet NSG and the AKS-managed NIC NSG (the NSG engine
 * decides). A deny is an error per Service port and subnet.
 */
export const lbProbeBlocked: CheckRule = {
  id: 'AKS2402',
  slug: 'lb-probe-blocked',
  title: 'NSG blocks the load balancer health probe of a Service',
  severity: 'error',
  description: 'For each LoadBalancer Service and each node subnet of its cluster, evaluates the health probe '
    + `(TCP from ${AZURE_HOST_VIP.value} to a node on the Service's nodePort) through the subnet NSG and the AKS-managed `
    + 'NIC NSG. Inbound probes are filtered like other inbound traffic: a deny-all rule above the default '
    + 'AllowAzureLoadBalancerInBound blocks them unless a rule allows AzureLoadBalancer first.',
  rationale: 'A node that fails the probe is taken out of the backend pool; when every node fails, the Service has an '
    + 'address but receives no traffic (connections time out), which users read as a stuck or broken LoadBalancer. '
    + 'AKS adds Allow rules for the Service to the NIC NSG only, never to the NSG of your subnet.',
  source: 'shared/reference/aks-networking.md §12.1, §12.3, §12.5; AZ:load-balancer/load-balancer-custom-probe-overview; the NSG engine (src/engines/nsg)',
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
        for (const p of svc.ports) {
          if (p.nodePort === undefined || p.protocol === 'SCTP') continue;
          const v = nodeNsgVerdict(model, g, derived, 'Inbound', { protocol: 'TCP', srcIp: probeSource, dstIp: node.ip, dstPort: p.nodePort });
          const d = denyingStage(v);
          if (!d) continue;
          const nsg = d.level === 'subnet' ? g.subnetNsg : g.nicNsg;
          const name = nsg?.name ?? '(NSG)';
          const rule = d.rule ? `rule ${d.rule.name} (priority ${d.rule.priority})` : 'a rule';
          out.push(finding(this.id, 'error', name, decisionOrigin(model, d, nsg?.origin ?? svc.service.origin),
            `${d.level} NSG ${name} of ${subnetLabel(model, g.subnet)} denies the health probe of LoadBalancer Service ${svc.key} port ${p.protocol}/${p.port}: `
            + `${rule} drops TCP ${AZURE_HOST_VIP.value} -> ${formatIp(node.ip)}:${p.nodePort} (nodePort${p.nodePortSource === 'allocated' ? ', allocated by aksnet' : ''}); `
            + 'the nodes of this subnet leave the backend pool',
            `allow source AzureLoadBalancer (all ports) in ${name} with a priority below ${d.rule?.priority ?? 'the deny'}`));
        }
      }
    }
    return out;
  },
};
