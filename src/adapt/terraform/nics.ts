// NICs, application security groups, public IPs and the VMs that hold NICs, from a Terraform plan. The azurerm
// resources are mapped to the ARM shapes of adapt/aks/network-interfaces.ts and converted there (source 'terraform'):
//   azurerm_network_interface (ip_configuration blocks: name, subnet_id, private_ip_address,
//     private_ip_address_allocation, public_ip_address_id),
//   azurerm_network_interface_application_security_group_association (the ASG joins every IP configuration of the
//     NIC, as the provider applies it), azurerm_network_interface_security_group_association (the NIC's NSG),
//   azurerm_application_security_group, azurerm_public_ip (sku, allocation_method, ip_address),
//   azurerm_linux_virtual_machine / azurerm_windows_virtual_machine / azurerm_virtual_machine (network_interface_ids:
//     the VM a NIC belongs to).
// Values Terraform knows only after apply stay unknown: a dynamic private address is absent (knowledge 'unknown'),
// and an ASG association whose ASG id cannot be resolved makes that NIC's ASG list unknown (`asgsUnknown`), so the
// NSG engine says membership is unknown instead of guessing.
import type { DocPath } from '../../load/document.js';
import { armId } from '../../model/model.js';
import type { Origin } from '../../model/origin.js';
import type { ConvertOptions } from '../aks/arm-shape.js';
import { convertAsg, convertNic, convertPublicIp } from '../aks/network-interfaces.js';
import type { AdaptContext } from '../context.js';
import { OriginMap } from '../native/origin-map.js';
import { TF_CODES } from './codes.js';
import type { PlannedResource } from './resources.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const s = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);

/** The Terraform resource types this file reads. */
export const TERRAFORM_NIC_TYPES = [
  'azurerm_network_interface', 'azurerm_application_security_group', 'azurerm_public_ip',
  'azurerm_network_interface_application_security_group_association', 'azurerm_network_interface_security_group_association',
  'azurerm_linux_virtual_machine', 'azurerm_windows_virtual_machine', 'azurerm_virtual_machine',
] as const;

/** VM resource types whose `network_interface_ids` name the NICs they hold. */
const VM_TYPES = ['azurerm_linux_virtual_machine', 'azurerm_windows_virtual_machine', 'azurerm_virtual_machine'];

/** What the NIC reader needs from the plan reader: ids, references and origins. */
export interface PlanAccess {
  /** The ARM id of a planned resource (planned id, else built from its names); undefined when neither is known. */
  idOf(r: PlannedResource): string | undefined;
  /** The id one attribute holds (planned, else through the configuration's reference); warns when unknown until apply. */
  ref(r: PlannedResource, attr: string, nested?: DocPath): string | undefined;
  /** The ids a list attribute holds; `unknown` true (and warned) when some element stays unknown until apply. */
  refList(r: PlannedResource, attr: string, nested?: DocPath): { ids: string[]; unknown: boolean };
  /** The origin of a path inside a resource's planned values. */
  origin(r: PlannedResource, rel?: DocPath, name?: string): Origin;
  /** The resource group of a planned resource (its resource_group_name, else the synthetic one). */
  rg(r: PlannedResource): string;
}

interface NicEntry {
  readonly arm: Obj;
  readonly map: OriginMap;
  readonly rg: string;
  readonly configs: Obj[];
}

/** Reads the NIC, ASG, public IP and VM resources of a plan into the model. */
export function readPlanNics(resources: readonly PlannedResource[], plan: PlanAccess, ctx: AdaptContext): void {
  const byType = (t: string): PlannedResource[] => resources.filter((r) => r.type === t);
  const opts = (rg: string): ConvertOptions => ({ source: 'terraform', resourceGroup: rg });

  for (const r of byType('azurerm_application_security_group')) {
    const id = plan.idOf(r);
    if (!id) continue;
    const map = new OriginMap(plan.origin(r, [], s(r.values.name)));
    convertAsg({ name: s(r.values.name) ?? null, id }, map.fn, ctx, opts(plan.rg(r)));
  }

  for (const r of byType('azurerm_public_ip')) {
    const v = r.values;
    const id = plan.idOf(r);
    if (!id) continue;
    const map = new OriginMap(plan.origin(r, [], s(v.name)));
    const arm: Obj = { name: s(v.name) ?? null, id };
    for (const [key, tf] of [['sku', 'sku'], ['publicIPAllocationMethod', 'allocation_method'], ['ipAddress', 'ip_address']] as const) {
      const value = s(v[tf]);
      if (value === undefined) continue;
      arm[key] = value;
      map.set([key], plan.origin(r, [tf]));
    }
    convertPublicIp(arm, map.fn, ctx, opts(plan.rg(r)));
  }

  const nics = new Map<string, NicEntry>();
  for (const r of byType('azurerm_network_interface')) {
    const e = nicEntry(r, plan);
    if (e) nics.set(String(e.arm.id).toLowerCase(), e);
  }
  const nicOf = (r: PlannedResource): NicEntry | undefined => {
    const id = plan.ref(r, 'network_interface_id');
    if (!id) return undefined;
    const e = nics.get(id.toLowerCase());
    if (!e) {
      ctx.diagnostics.warning(TF_CODES.DANGLING_REFERENCE, `${r.address} names network interface ${id.split('/').pop()}, which is not in the plan; skipped`,
        plan.origin(r, ['network_interface_id']), 'add the azurerm_network_interface to the same plan (or the NIC as az JSON)');
    }
    return e;
  };

  for (const r of byType('azurerm_network_interface_application_security_group_association')) {
    const e = nicOf(r);
    if (!e) continue;
    // An ASG id Terraform knows only after apply (and no configuration reference resolves) is an unknown member:
    // an element without an id, which the converter turns into `asgsUnknown` on every IP configuration.
    const asgId = plan.ref(r, 'application_security_group_id');
    e.configs.forEach((c, i) => {
      const list = (c.applicationSecurityGroups ??= []) as Obj[];
      e.map.set(['ipConfigurations', i, 'applicationSecurityGroups', list.length], plan.origin(r, ['application_security_group_id']));
      list.push({ id: asgId ?? null });
    });
  }
  for (const r of byType('azurerm_network_interface_security_group_association')) {
    const e = nicOf(r);
    if (!e) continue;
    const nsgId = plan.ref(r, 'network_security_group_id');
    if (!nsgId) continue;
    e.arm.networkSecurityGroup = { id: nsgId };
    e.map.set(['networkSecurityGroup'], plan.origin(r, ['network_security_group_id']));
  }
  for (const r of resources.filter((x) => VM_TYPES.includes(x.type))) {
    const name = s(r.values.name);
    if (!name) continue;
    const vmId = armId(plan.rg(r), 'Microsoft.Compute/virtualMachines', name);
    for (const nicId of plan.refList(r, 'network_interface_ids').ids) {
      const e = nics.get(nicId.toLowerCase());
      if (!e) continue; // a NIC outside the plan: nothing to attach the VM name to
      e.arm.virtualMachine = { id: vmId };
      e.map.set(['virtualMachine'], plan.origin(r, ['network_interface_ids']));
    }
  }
  for (const e of nics.values()) convertNic(e.arm, e.map.fn, ctx, opts(e.rg));
}

/** The ARM shape of one azurerm_network_interface (associations are added later). */
function nicEntry(r: PlannedResource, plan: PlanAccess): NicEntry | undefined {
  const v = r.values;
  const id = plan.idOf(r);
  if (!id) return undefined;
  const map = new OriginMap(plan.origin(r, [], s(v.name)));
  const configs: Obj[] = [];
  const blocks = Array.isArray(v.ip_configuration) ? v.ip_configuration : [];
  blocks.forEach((b, i) => {
    if (!isObj(b)) return;
    const rel: DocPath = ['ip_configuration', i];
    const j = configs.length;
    const c: Obj = { name: s(b.name) ?? null };
    map.set(['ipConfigurations', j], plan.origin(r, rel, s(b.name)));
    const put = (key: string, tf: string, value: unknown): void => {
      if (value === undefined) return;
      c[key] = value;
      map.set(['ipConfigurations', j, key], plan.origin(r, [...rel, tf]));
    };
    put('privateIPAllocationMethod', 'private_ip_address_allocation', s(b.private_ip_address_allocation));
    // A Dynamic address is in the plan only when the NIC already exists; otherwise it is unknown until apply.
    put('privateIPAddress', 'private_ip_address', s(b.private_ip_address));
    const subnetId = plan.ref(r, 'subnet_id', rel);
    put('subnet', 'subnet_id', subnetId ? { id: subnetId } : undefined);
    const pipId = plan.ref(r, 'public_ip_address_id', rel);
    put('publicIPAddress', 'public_ip_address_id', pipId ? { id: pipId } : undefined);
    configs.push(c);
  });
  return { arm: { name: s(v.name) ?? null, id, ipConfigurations: configs }, map, rg: plan.rg(r), configs };
}
