import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { main } from '../main.js';

const NPM = 'examples/azure-cni-npm';
const SM = 'examples/self-managed-calico-udr';
const RT = '/subscriptions/00000000-0000-0000-0000-000000000000/resourcegroups/native/providers/microsoft.network/routetables/k8s-routes';

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { out: (t) => { out += t.endsWith('\n') ? t : t + '\n'; }, err: (t) => { err += t.endsWith('\n') ? t : t + '\n'; } });
  return { code, out, err };
}

describe('aksnet nexthop', () => {
  const cases: { name: string; args: string[]; code: number; want: { nextHopIpAddress: string | null; nextHopType: string; routeTableId: string } }[] = [
    { name: 'self-managed: a pod on another node goes to that node (per-node route)', args: ['nexthop', SM, '--vm', 'workers-0', '--dest-ip', '10.0.140.7'],
      code: 0, want: { nextHopIpAddress: '10.0.0.16', nextHopType: 'VirtualAppliance', routeTableId: RT } },
    { name: 'self-managed: a node address stays in the VNet', args: ['nexthop', SM, '--vm', 'workers-0', '--dest-ip', '10.0.0.9'],
      code: 0, want: { nextHopIpAddress: null, nextHopType: 'VnetLocal', routeTableId: 'System Route' } },
    { name: 'self-managed: an unassigned pod block falls back to the VNet route', args: ['nexthop', SM, '--vm', '10.0.0.7', '--dest-ip', '10.0.200.1'],
      code: 0, want: { nextHopIpAddress: null, nextHopType: 'VnetLocal', routeTableId: 'System Route' } },
    { name: 'private range outside the VNet is dropped (exit 1)', args: ['nexthop', SM, '--vm', 'workers-0', '--dest-ip', '192.168.1.1'],
      code: 1, want: { nextHopIpAddress: null, nextHopType: 'None', routeTableId: 'System Route' } },
    { name: 'Internet from a subnet target with --source-ip', args: ['nexthop', NPM, '--vm', 'snet-nodes', '--source-ip', '10.10.0.9', '--dest-ip', '8.8.8.8'],
      code: 0, want: { nextHopIpAddress: null, nextHopType: 'Internet', routeTableId: 'System Route' } },
    { name: 'flat CNI node to another subnet of the VNet', args: ['nexthop', NPM, '--vm', 'aks-userpool-00000000-vmss000000', '--dest-ip', '10.10.1.4'],
      code: 0, want: { nextHopIpAddress: null, nextHopType: 'VnetLocal', routeTableId: 'System Route' } },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const r = await run([...c.args, '--format', 'json']);
      assert.equal(r.code, c.code, r.err);
      const j = JSON.parse(r.out) as Record<string, unknown>;
      assert.deepEqual({ nextHopIpAddress: j.nextHopIpAddress, nextHopType: j.nextHopType, routeTableId: j.routeTableId }, c.want);
      assert.deepEqual(Object.keys(j).slice(0, 3), ['nextHopIpAddress', 'nextHopType', 'routeTableId']);
    });
  }
  it('text output: the three fields, the route name and the step', async () => {
    const r = await run(['nexthop', SM, '--vm', 'workers-0', '--dest-ip', '10.0.131.5']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^Next hop type: VirtualAppliance\nNext hop IP address: 10\.0\.0\.7\nRoute table ID: \/subscriptions\/.*\/routetables\/k8s-routes\nRoute: 10\.0\.131\.0\/24 \(workers-0\)\n/);
    assert.match(r.out, /1\. route forward workers-0: 10\.0\.131\.5 matches 10\.0\.131\.0\/24/);
  });
  it('--routes lists the effective routes (13 node routes + 6 system routes)', async () => {
    const r = await run(['nexthop', SM, '--vm', 'workers-0', '--dest-ip', '8.8.8.8', '--routes', '--format', 'json']);
    const j = JSON.parse(r.out) as { routes: { source: string; derived?: string }[] };
    assert.equal(j.routes.filter((x) => x.derived === 'node-route').length, 13);
    assert.equal(j.routes.filter((x) => x.source === 'Default').length, 6);
    const t = await run(['nexthop', SM, '--vm', 'workers-0', '--dest-ip', '8.8.8.8', '--routes']);
    assert.match(t.out, /Effective routes:\n {2}Source +State +Address prefix/);
  });
  const usage: { name: string; args: string[]; msg: RegExp }[] = [
    { name: 'subnet without --source-ip', args: ['--vm', 'snet-nodes', '--dest-ip', '8.8.8.8'], msg: /is a subnet: give --source-ip/ },
    { name: 'bad --dest-ip', args: ['--vm', 'snet-nodes', '--dest-ip', '8.8.8'], msg: /--dest-ip: '8\.8\.8' is not an IP address/ },
    { name: 'source outside the subnet', args: ['--vm', 'snet-nodes', '--source-ip', '10.10.1.1', '--dest-ip', '8.8.8.8'], msg: /not inside subnet snet-nodes/ },
    { name: 'ambiguous or unknown vm', args: ['--vm', 'nope', '--dest-ip', '8.8.8.8'], msg: /--vm nope: not a node/ },
    { name: 'bad format', args: ['--vm', 'snet-nodes', '--dest-ip', '8.8.8.8', '--format', 'xml'], msg: /--format must be one of text, json/ },
  ];
  for (const u of usage) {
    it(`usage error: ${u.name} (exit 2)`, async () => {
      const r = await run(['nexthop', NPM, ...u.args]);
      assert.equal(r.code, 2);
      assert.match(r.err, u.msg);
    });
  }
});
