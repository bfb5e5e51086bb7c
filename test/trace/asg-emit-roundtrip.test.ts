// plan --emit az with NICs, ASGs, public IPs and VMs (issue #5): the ASG jumpbox scenario (test/trace/asg-jumpbox,
// plus a public IP) is written as az commands, and the script read back by the az-script adapter gives the same
// design (test/examples/projection.ts: ASGs, public IPs, NICs, pools' ASGs) and the same NSG rules.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { join } from 'node:path';
import { adaptDocuments } from '../../src/adapt/index.js';
import { loadModel } from '../../src/cli/pipeline.js';
import { emitAz } from '../../src/emit/az.js';
import { parseSource } from '../../src/load/parse.js';
import { armId, nameFromId, type Model } from '../../src/model/model.js';
import { networkProjection } from '../examples/projection.js';
describe('emitAz: NICs, ASGs, public IPs and VMs read back the same', () => {
  const dir = join('test', 'trace', 'asg-jumpbox');
  const m = loadModel([dir]).model;
  const withPip = { ...m, publicIps: [{ id: armId('net', 'Microsoft.Network/publicIPAddresses', 'jump-pip'), name: 'jump-pip', sku: 'basic' as const,
    allocation: 'static' as const, origin: { file: 'x', line: 1, column: 1 } }] };
  const script = emitAz(withPip);
  const expected = [
    'VM_IMAGE=Ubuntu2204',
    'az network asg create \\\n    --resource-group $RESOURCE_GROUP \\\n    --name asg-jumpbox \\\n    --location $LOCATION',
    '    --source-asgs asg-jumpbox \\\n    --destination-asgs asg-nodes',
    'ASG_ID_ASG_NODES="$(az network asg show --resource-group $RESOURCE_GROUP --name asg-nodes --query id --output tsv)"',
    'az network public-ip create \\\n    --resource-group $RESOURCE_GROUP \\\n    --name jump-pip \\\n    --location $LOCATION \\\n    --sku Basic \\\n    --allocation-method Static',
    'az network nic create \\\n    --resource-group $RESOURCE_GROUP \\\n    --name jumpbox-nic \\\n    --location $LOCATION \\\n    --vnet-name vnet-hub \\\n    --subnet snet-mgmt \\\n    --private-ip-address 10.30.1.4 \\\n    --network-security-group nsg-jumpbox \\\n    --asgs asg-jumpbox',
    'az vm create \\\n    --resource-group $RESOURCE_GROUP \\\n    --name jumpbox \\\n    --location $LOCATION \\\n    --nics jumpbox-nic \\\n    --image "$VM_IMAGE" \\\n    --generate-ssh-keys',
    '    --asg-ids "$ASG_ID_ASG_NODES"',
  ];
  for (const e of expected) it(`writes ${JSON.stringify(e.split('\n')[0])}…`, () => assert.ok(script.includes(e), script));
  it('read back as an az script: no warnings or errors, the same NICs, ASGs, public IPs, pools and NSG rules', () => {
    const parsed = parseSource('emitted.sh', script);
    const back = adaptDocuments(parsed.docs);
    assert.deepEqual(back.diagnostics.items.filter((d) => d.severity !== 'info' && d.code !== 'AKS1120').map((d) => `${d.code} ${d.message}`), []);
    assert.deepEqual(networkProjection(back.model), networkProjection(withPip));
    const rules = (x: Model): string[] => x.nsgs.flatMap((n) => n.rules.map((r) => `${n.name}/${r.name} ${r.sourceAddresses} ${r.sourceAsgIds.map(nameFromId)} -> ${r.destinationAddresses} ${r.destinationAsgIds.map(nameFromId)}`)).sort();
    assert.deepEqual(rules(back.model), rules(withPip));
  });
});
