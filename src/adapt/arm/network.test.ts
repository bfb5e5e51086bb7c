// ARM templates with NICs, application security groups, public IPs and a pool ASG: resourceId references,
// parameters for the NIC address, and an address Azure assigns at deployment (unknown offline).
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { formatIp } from '../../engines/net/index.js';
import { parseSource } from '../../load/parse.js';
import { adaptDocuments } from '../index.js';

const TEMPLATE = `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": { "jumpIp": { "type": "string", "defaultValue": "10.1.2.4" } },
  "resources": [
    { "type": "Microsoft.Network/applicationSecurityGroups", "apiVersion": "2023-09-01", "name": "asg-jump", "location": "westeurope" },
    { "type": "Microsoft.Network/publicIPAddresses", "apiVersion": "2023-09-01", "name": "pip-old", "location": "westeurope",
      "properties": { "publicIPAllocationMethod": "Dynamic" } },
    { "type": "Microsoft.Network/networkInterfaces", "apiVersion": "2023-09-01", "name": "jump-nic", "location": "westeurope",
      "properties": {
        "networkSecurityGroup": { "id": "[resourceId('Microsoft.Network/networkSecurityGroups', 'jump-nsg')]" },
        "ipConfigurations": [
          { "name": "ipconfig1", "properties": {
            "privateIPAllocationMethod": "Static", "privateIPAddress": "[parameters('jumpIp')]",
            "subnet": { "id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet', 'mgmt')]" },
            "applicationSecurityGroups": [ { "id": "[resourceId('Microsoft.Network/applicationSecurityGroups', 'asg-jump')]" } ] } },
          { "name": "ipconfig2", "properties": {
            "privateIPAllocationMethod": "Dynamic",
            "subnet": { "id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet', 'mgmt')]" } } }
        ] } }
  ]
}`;

test('ARM: ASG, public IP (Basic by ARM default) and a NIC with a static and a dynamic configuration', () => {
  const r = adaptDocuments(parseSource('net.json', TEMPLATE).docs);
  assert.deepEqual(r.diagnostics.items.map((d) => `${d.code} ${d.message}`), []);
  assert.deepEqual(r.model.asgs.map((a) => a.name), ['asg-jump']);
  assert.deepEqual(r.model.publicIps.map((p) => `${p.name} ${p.sku} ${p.skuDefaulted === true} ${p.allocation}`), ['pip-old basic true dynamic']);
  const nic = r.model.nics[0]!;
  assert.equal(nic.name, 'jump-nic');
  assert.match(nic.nsgId ?? '', /networksecuritygroups\/jump-nsg$/);
  const [a, b] = nic.ipConfigurations;
  assert.equal(formatIp(a!.privateIp!), '10.1.2.4');
  assert.equal(a!.knowledge, 'static');
  assert.deepEqual(a!.asgIds, [r.model.asgs[0]!.id], 'resourceId of the ASG is the ASG resource id');
  assert.equal(b!.knowledge, 'unknown', 'Dynamic without an address: Azure assigns it at deployment');
  assert.equal(b!.privateIp, undefined);
  assert.equal(nic.origin.file, 'net.json');
  assert.equal(nic.origin.line, 9);
});

test('ARM: an ASG reference that cannot be evaluated makes the membership unknown', () => {
  const t = TEMPLATE.replace("[resourceId('Microsoft.Network/applicationSecurityGroups', 'asg-jump')]", "[reference('x').id]");
  const r = adaptDocuments(parseSource('net.json', t).docs);
  const a = r.model.nics[0]!.ipConfigurations[0]!;
  assert.deepEqual(a.asgIds, []);
  assert.equal(a.asgsUnknown, true);
});
