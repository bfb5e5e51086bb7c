// NICs, application security groups, public IPs and VMs in az scripts: `az network nic create`, `az network nic
// ip-config update`, `az network asg create`, `az network public-ip create` and `az vm create` (with --nics, or the
// NIC, NSG and public IP it makes itself: AZ_VM_CREATE_DEFAULTS). They are built as ARM shapes and converted with the
// shared converter at the end of the script (source 'az-script': public IP SKU default PUBLIC_IP_DEFAULT_SKU).
// Values az assigns when the script runs stay unknown: a NIC without --private-ip-address has a dynamic address that
// no script line says (knowledge 'unknown').
import type { Origin } from '../../../model/origin.js';
import * as facts from '../../../model/facts.js';
import { armId } from '../../../model/model.js';
import type { ArmNsg, ConvertOptions } from '../../aks/arm-shape.js';
import { convertAsg, convertNic, convertPublicIp } from '../../aks/network-interfaces.js';
import type { AdaptContext } from '../../context.js';
import { OriginMap } from '../../native/origin-map.js';
import { SCRIPT_CODES } from './codes.js';
import type { AzCall } from './evaluate.js';

const VNET = 'Microsoft.Network/virtualNetworks';
const NSG = 'Microsoft.Network/networkSecurityGroups';
const NIC = 'Microsoft.Network/networkInterfaces';
const ASG = 'Microsoft.Network/applicationSecurityGroups';
const PIP = 'Microsoft.Network/publicIPAddresses';

type Obj = Record<string, unknown>;

/** The flag readers of the script model (build.ts) this file uses. */
export interface FlagAccess {
  /** The one value of a flag (undefined when absent or not known: reported). */
  str(call: AzCall, flag: string): string | undefined;
  /** The values of a list flag, split on spaces and commas (undefined when absent or not known). */
  list(call: AzCall, flag: string): string[] | undefined;
  /** The origin of a flag (the command's when absent). */
  at(call: AzCall, flag: string): Origin;
  /** The values of required flags; undefined (with an error for a missing one) when one has none. */
  required(call: AzCall, ...flags: string[]): string[] | undefined;
  /** The resource group of a call (-g, else the synthetic one). */
  rg(call: AzCall): string;
  /** The origin of an offset in the script. */
  originOf(offset: number, kind?: string, name?: string): Origin;
  /** Reports an az default that was used (info). */
  azDefault(what: string, factId: string, origin: Origin): void;
  /** Adds an NSG the script made implicitly (az vm create's `<vm>NSG`). */
  addNsg(id: string, arm: ArmNsg, map: OriginMap, rg: string): void;
}

interface Entry {
  readonly arm: Obj;
  readonly map: OriginMap;
  readonly rg: string;
}

/** A name, or an ARM id used as it is (az accepts both for references to resources). */
function refId(value: string, rg: string, type: string): string {
  return value.startsWith('/') ? value : armId(rg, type, value);
}

/** The NICs, ASGs and public IPs a script creates; `finish()` converts them. */
export class ScriptNics {
  private readonly nics = new Map<string, Entry & { configs: Obj[] }>();
  private readonly asgs = new Map<string, Entry>();
  private readonly pips = new Map<string, Entry>();

  constructor(private readonly ctx: AdaptContext, private readonly f: FlagAccess) {}

  /** `az network asg create`. */
  asgCreate(call: AzCall): void {
    const req = this.f.required(call, '--name');
    if (!req) return;
    const [name] = req as [string];
    const rg = this.f.rg(call);
    const id = armId(rg, ASG, name);
    this.asgs.set(id, { arm: { name, id }, map: new OriginMap(this.f.originOf(call.offset, ASG, name)), rg });
  }

  /** `az network public-ip create`: --sku (default PUBLIC_IP_DEFAULT_SKU for the CLI), --allocation-method. */
  publicIpCreate(call: AzCall): void {
    const req = this.f.required(call, '--name');
    if (!req) return;
    const [name] = req as [string];
    const rg = this.f.rg(call);
    const id = armId(rg, PIP, name);
    const origin = this.f.originOf(call.offset, PIP, name);
    const map = new OriginMap(origin);
    const arm: Obj = { name, id };
    const sku = this.f.str(call, '--sku');
    if (sku !== undefined) { arm.sku = { name: sku }; map.set(['sku'], this.f.at(call, '--sku')); }
    else this.f.azDefault(`--sku ${facts.PUBLIC_IP_DEFAULT_SKU.value['az-cli']}`, facts.PUBLIC_IP_DEFAULT_SKU.id, origin);
    const alloc = this.f.str(call, '--allocation-method');
    if (alloc !== undefined) { arm.publicIPAllocationMethod = alloc; map.set(['publicIPAllocationMethod'], this.f.at(call, '--allocation-method')); }
    this.pips.set(id, { arm, map, rg });
  }

  /** The subnet id of --subnet (an id, or a name with --vnet-name); undefined with an error when a name lacks its VNet. */
  private subnet(call: AzCall, rg: string): string | undefined {
    const subnet = this.f.str(call, '--subnet');
    if (subnet === undefined) return undefined;
    if (subnet.startsWith('/')) return subnet;
    const vnet = this.f.str(call, '--vnet-name');
    if (vnet === undefined) {
      this.ctx.diagnostics.error(SCRIPT_CODES.AZ_WOULD_FAIL, `az ${call.name}: --subnet ${subnet} is a name, so --vnet-name is needed`,
        this.f.at(call, '--subnet'), 'add --vnet-name, or give the subnet\'s id');
      return undefined;
    }
    return armId(rg, VNET, vnet, 'subnets', subnet);
  }

  /** Writes the IP configuration flags of a call (subnet, private address, public IP, ASGs) into `c` at `base`. */
  private ipConfig(call: AzCall, rg: string, c: Obj, map: OriginMap, base: (string | number)[], publicIp: string | undefined): void {
    const subnetId = this.subnet(call, rg);
    if (subnetId !== undefined) { c.subnet = { id: subnetId }; map.set([...base, 'subnet'], this.f.at(call, '--subnet')); }
    const ip = this.f.str(call, '--private-ip-address');
    if (ip !== undefined) {
      c.privateIPAddress = ip;
      c.privateIPAllocationMethod = 'Static';
      map.set([...base, 'privateIPAddress'], this.f.at(call, '--private-ip-address'));
      map.set([...base, 'privateIPAllocationMethod'], this.f.at(call, '--private-ip-address'));
    } else if (c.privateIPAllocationMethod === undefined) c.privateIPAllocationMethod = 'Dynamic';
    if (publicIp !== undefined && publicIp !== '') {
      c.publicIPAddress = { id: refId(publicIp, rg, PIP) };
      map.set([...base, 'publicIPAddress'], this.f.at(call, '--public-ip-address'));
    }
    const asgs = this.f.list(call, '--asgs');
    if (asgs !== undefined) {
      c.applicationSecurityGroups = asgs.map((a) => ({ id: refId(a, rg, ASG) }));
      map.set([...base, 'applicationSecurityGroups'], this.f.at(call, '--asgs'));
    }
  }

  /** `az network nic create`: one IP configuration (AZ_NIC_CREATE_IP_CONFIG_NAME), the NIC NSG, ASGs, public IP. */
  nicCreate(call: AzCall): void {
    const req = this.f.required(call, '--name');
    if (!req) return;
    const [name] = req as [string];
    const rg = this.f.rg(call);
    const id = armId(rg, NIC, name);
    const map = new OriginMap(this.f.originOf(call.offset, NIC, name));
    const c: Obj = { name: facts.AZ_NIC_CREATE_IP_CONFIG_NAME.value };
    map.set(['ipConfigurations', 0], this.f.originOf(call.offset, 'ipConfiguration', String(c.name)));
    if (!call.flags.has('--subnet')) {
      this.ctx.diagnostics.error(SCRIPT_CODES.MISSING_FLAG, `az network nic create without --subnet; the NIC ${name} has no subnet`,
        this.f.originOf(call.offset), 'add --vnet-name and --subnet');
    }
    this.ipConfig(call, rg, c, map, ['ipConfigurations', 0], this.f.str(call, '--public-ip-address'));
    const arm: Obj = { name, id, ipConfigurations: [c] };
    const nsg = this.f.str(call, '--network-security-group');
    if (nsg !== undefined && nsg !== '') { arm.networkSecurityGroup = { id: refId(nsg, rg, NSG) }; map.set(['networkSecurityGroup'], this.f.at(call, '--network-security-group')); }
    this.nics.set(id, { arm, map, rg, configs: [c] });
  }

  /** `az network nic ip-config update`: changes an IP configuration of a NIC this script created (ASGs replace the list). */
  ipConfigUpdate(call: AzCall): void {
    const req = this.f.required(call, '--nic-name', '--name');
    if (!req) return;
    const [nicName, name] = req as [string, string];
    const rg = this.f.rg(call);
    const e = this.nics.get(armId(rg, NIC, nicName));
    const i = e ? e.configs.findIndex((c) => String(c.name).toLowerCase() === name.toLowerCase()) : -1;
    if (!e || i < 0) {
      this.ctx.diagnostics.info(SCRIPT_CODES.NOT_CREATED_HERE,
        `${e ? `IP configuration ${name} of ` : ''}network interface ${nicName} is not created by this script; the update is not applied`,
        this.f.originOf(call.offset), 'add `az network nic create` or the NIC\'s az JSON (az network nic show)');
      return;
    }
    this.ipConfig(call, rg, e.configs[i]!, e.map, ['ipConfigurations', i], this.f.str(call, '--public-ip-address'));
  }

  /**
   * `az vm create`: with --nics, the named NICs (created here) belong to the VM; without, the NIC, NSG and public IP
   * az makes itself (AZ_VM_CREATE_DEFAULTS), each default stated as an AKS1215 info.
   */
  vmCreate(call: AzCall): void {
    const req = this.f.required(call, '--name');
    if (!req) return;
    const [vm] = req as [string];
    const rg = this.f.rg(call);
    const vmRef = { id: armId(rg, 'Microsoft.Compute/virtualMachines', vm) };
    const origin = this.f.originOf(call.offset, 'Microsoft.Compute/virtualMachines', vm);
    const nicNames = this.f.list(call, '--nics');
    if (nicNames !== undefined) {
      for (const n of nicNames) {
        const e = this.nics.get(refId(n, rg, NIC).toLowerCase());
        if (!e) {
          this.ctx.diagnostics.info(SCRIPT_CODES.NOT_CREATED_HERE, `network interface ${n} of VM ${vm} is not created by this script`,
            this.f.at(call, '--nics'), 'add `az network nic create` or the NIC\'s az JSON');
          continue;
        }
        e.arm.virtualMachine = vmRef;
        e.map.set(['virtualMachine'], this.f.at(call, '--nics'));
      }
      return;
    }
    const d = facts.AZ_VM_CREATE_DEFAULTS.value;
    const used: string[] = [];
    const nicName = d.nicName.replace('{vm}', vm);
    const id = armId(rg, NIC, nicName);
    const map = new OriginMap({ ...origin, kind: NIC, name: nicName });
    const c: Obj = { name: d.ipConfigName.replace('{vm}', vm) };
    let pip = this.f.str(call, '--public-ip-address');
    if (pip === undefined && !call.flags.has('--public-ip-address')) {
      pip = d.publicIpName.replace('{vm}', vm);
      used.push(`public IP ${pip}`);
      const pid = armId(rg, PIP, pip);
      const sku = this.f.str(call, '--public-ip-sku');
      this.pips.set(pid, { arm: { name: pip, id: pid, ...(sku ? { sku: { name: sku } } : {}) }, map: new OriginMap({ ...origin, kind: PIP, name: pip }), rg });
    }
    if (!call.flags.has('--subnet')) {
      this.ctx.diagnostics.warning(SCRIPT_CODES.NOT_CREATED_HERE, `az vm create without --subnet makes a VNet of its own for VM ${vm}; aksnet does not model it, so the NIC has no subnet`,
        origin, 'create the VNet and subnet in the script and pass --vnet-name and --subnet');
    }
    this.ipConfig(call, rg, c, map, ['ipConfigurations', 0], pip);
    const arm: Obj = { name: nicName, id, ipConfigurations: [c], virtualMachine: vmRef };
    used.unshift(`NIC ${nicName}`);
    const nsg = this.f.str(call, '--nsg');
    if (nsg !== undefined && nsg !== '') {
      arm.networkSecurityGroup = { id: refId(nsg, rg, NSG) };
      map.set(['networkSecurityGroup'], this.f.at(call, '--nsg'));
    } else if (nsg === undefined && !call.flags.has('--nsg')) {
      const nsgName = d.nsgName.replace('{vm}', vm);
      const nsgId = armId(rg, NSG, nsgName);
      const which = (this.f.str(call, '--nsg-rule') ?? 'SSH').toUpperCase();
      const rule = which === 'RDP' ? d.nsgRule.RDP : which === 'NONE' ? undefined : d.nsgRule.SSH;
      const rules = rule ? [{
        name: rule.name, priority: d.nsgRule.priority, direction: 'Inbound', access: 'Allow', protocol: 'Tcp',
        sourceAddressPrefix: '*', sourcePortRange: '*', destinationAddressPrefix: '*', destinationPortRange: rule.port,
      }] : [];
      this.f.addNsg(nsgId, { name: nsgName, id: nsgId, securityRules: rules }, new OriginMap({ ...origin, kind: NSG, name: nsgName }), rg);
      arm.networkSecurityGroup = { id: nsgId };
      used.push(`NSG ${nsgName}${rule ? ` with rule ${rule.name} (priority ${d.nsgRule.priority}, Tcp port ${rule.port} from any)` : ''}`);
    }
    this.f.azDefault(`az vm create makes ${used.join(', ')}`, facts.AZ_VM_CREATE_DEFAULTS.id, origin);
    this.nics.set(id, { arm, map, rg, configs: [c] });
  }

  /** Converts the ASGs, public IPs and NICs the script created. */
  finish(): void {
    const opts = (rg: string): ConvertOptions => ({ source: 'az-script', resourceGroup: rg });
    for (const e of this.asgs.values()) convertAsg(e.arm, e.map.fn, this.ctx, opts(e.rg));
    for (const e of this.pips.values()) convertPublicIp(e.arm, e.map.fn, this.ctx, opts(e.rg));
    for (const e of this.nics.values()) convertNic(e.arm, e.map.fn, this.ctx, opts(e.rg));
  }
}
