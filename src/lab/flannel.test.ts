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

test('flannelMasqTable: no network or no node pod CIDR → nothing to load', () => {
  assert.equal(flannelMasqTable([], '10.244.3.0/24'), '');
  assert.equal(flannelMasqTable(['10.244.0.0/16'], undefined), '');
});

test('flannelMasqTable: parts of one pod network (the nodes\' /24s) reach each other without NAT', () => {
  const parts = ['10.244.0.0/24', '10.244.1.0/24'];
  const rules = flannelMasqTable(parts, '10.244.0.0/24').split('\n').filter((l) => l.startsWith('-A')).map((l) => l.replace(/ -m comment --comment "flanneld masq"/, ''));
  const firstMasq = rules.findIndex((l) => l.includes('MASQUERADE'));
  for (const n of parts) {
    for (const m of parts) {
      const i = rules.indexOf(`-A ${FLANNEL_NAT_CHAIN} -s ${n} -d ${m} -j RETURN`);
      assert.ok(i >= 0 && i < firstMasq, `${n} → ${m} returns before any MASQUERADE`);
    }
  }
  assert.deepEqual(rules.slice(-3), [
    `-A ${FLANNEL_NAT_CHAIN} -d 10.244.0.0/24 -j RETURN`,
    `-A ${FLANNEL_NAT_CHAIN} -d 10.244.0.0/24 -j MASQUERADE --random-fully`,
    `-A ${FLANNEL_NAT_CHAIN} -d 10.244.1.0/24 -j MASQUERADE --random-fully`,
  ]);
});
