// flanneld's masquerade rules as the lab loads them: the chain, its order, and nothing without a network or lease.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FLANNEL_NAT_CHAIN, flannelMasqTable } from './flannel.js';

test('flannelMasqTable: flannel MasqRules order for one network and the node lease', () => {
  const text = flannelMasqTable(['10.244.0.0/16'], '10.244.3.0/24');
  const rules = text.split('\n').filter((l) => l.startsWith('-'));
  assert.deepEqual(rules.map((l) => l.replace(/ -m comment --comment "flanneld masq"/, '')), [
    `-I POSTROUTING 1 -j ${FLANNEL_NAT_CHAIN}`,
    `-A ${FLANNEL_NAT_CHAIN} -m mark --mark 0x4000/0x4000 -j RETURN`,
    `-A ${FLANNEL_NAT_CHAIN} -s 10.244.0.0/16 -d 10.244.0.0/16 -j RETURN`,
    `-A ${FLANNEL_NAT_CHAIN} -s 10.244.0.0/16 ! -d 224.0.0.0/4 -j MASQUERADE --random-fully`,
    `-A ${FLANNEL_NAT_CHAIN} ! -s 10.244.0.0/16 -d 10.244.3.0/24 -j RETURN`,
    `-A ${FLANNEL_NAT_CHAIN} ! -s 10.244.0.0/16 -d 10.244.0.0/16 -j MASQUERADE --random-fully`,
  ]);
  assert.ok(text.startsWith('*nat\n:FLANNEL-POSTRTG - [0:0]\n'), 'declares only its own chain (loaded with --noflush)');
  assert.ok(text.endsWith('COMMIT\n'));
});

test('flannelMasqTable: no network or no node pod CIDR → nothing to load; several networks → rules for each', () => {
  assert.equal(flannelMasqTable([], '10.244.3.0/24'), '');
  assert.equal(flannelMasqTable(['10.244.0.0/16'], undefined), '');
  const two = flannelMasqTable(['10.244.0.0/16', '10.245.0.0/16'], '10.244.3.0/24');
  assert.equal(two.split('\n').filter((l) => l.includes('MASQUERADE')).length, 4);
});
