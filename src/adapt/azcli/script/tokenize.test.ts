import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { evaluateScript, ShellState, type AzCall } from './evaluate.js';
import { tokenize } from './tokenize.js';

/** The expanded words of each command of a script (no az evaluation). */
function words(text: string, vars: Record<string, string> = {}): string[][] {
  const state = new ShellState();
  for (const [k, v] of Object.entries(vars)) state.vars.set(k, { known: true, text: v });
  return tokenize(text).commands.map((c) => c.words.map((w) => w.parts.map((p) => {
    switch (p.kind) {
      case 'lit': return p.text;
      case 'var': return `<${p.name}>`;
      case 'cmd': return `<$(${p.source})>`;
      default: return '?';
    }
  }).join('')));
}

describe('tokenize: words and separators', () => {
  const cases: { name: string; text: string; expect: string[][] }[] = [
    { name: 'plain words', text: 'az group create -n rg', expect: [['az', 'group', 'create', '-n', 'rg']] },
    { name: 'backslash continuation', text: 'az aks create \\\n  --name a \\\n  -g rg', expect: [['az', 'aks', 'create', '--name', 'a', '-g', 'rg']] },
    { name: 'CRLF continuation', text: 'az aks create \\\r\n  --name a', expect: [['az', 'aks', 'create', '--name', 'a']] },
    { name: 'comment line and trailing comment', text: '# hi\naz login # later', expect: [['az', 'login']] },
    { name: 'hash inside a word is literal', text: 'echo a#b', expect: [['echo', 'a#b']] },
    { name: 'single quotes keep $', text: "echo '$X y'", expect: [['echo', '$X y']] },
    { name: 'double quotes expand', text: 'echo "a $X b"', expect: [['echo', 'a <X> b']] },
    { name: 'braced variable', text: 'echo ${X}y', expect: [['echo', '<X>y']] },
    { name: 'command substitution', text: 'ID=$(az network vnet show -n v --query id -o tsv)', expect: [['ID=<$(az network vnet show -n v --query id -o tsv)>']] },
    { name: 'backticks', text: 'ID=`az aks show -n a`', expect: [['ID=<$(az aks show -n a)>']] },
    { name: '&& ; | separators', text: 'az login && az account set -s x; echo a | grep b', expect: [['az', 'login'], ['az', 'account', 'set', '-s', 'x'], ['echo', 'a'], ['grep', 'b']] },
    { name: 'redirections are dropped', text: 'az group create -n rg > /dev/null 2>&1', expect: [['az', 'group', 'create', '-n', 'rg']] },
    { name: 'if/then/fi keywords are skipped', text: 'if az group exists -n rg; then\n  az group create -n rg\nfi', expect: [['az', 'group', 'exists', '-n', 'rg'], ['az', 'group', 'create', '-n', 'rg']] },
    { name: 'escaped quote in double quotes', text: 'echo "a\\"b"', expect: [['echo', 'a"b']] },
    { name: 'nested parentheses in substitution', text: 'X=$(echo $(date))', expect: [['X=<$(echo $(date))>']] },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(words(c.text), c.expect));

  it('reports an unterminated quote with its offset and keeps the rest', () => {
    const r = tokenize('az group create -n "rg');
    assert.equal(r.problems.length, 1);
    assert.equal(r.problems[0]!.message, 'unterminated double quote');
    assert.equal(r.problems[0]!.offset, 19);
    assert.deepEqual(r.commands[0]!.words.length, 5);
  });
  it('word offsets point into the original text across continuations', () => {
    const r = tokenize('az aks create \\\n    --name x');
    assert.equal(r.commands[0]!.words[3]!.offset, 20);
  });
});

describe('evaluate: variables and substitutions', () => {
  function calls(text: string): AzCall[] {
    const out: AzCall[] = [];
    evaluateScript(text, new ShellState(), { problem: () => undefined }, (c) => out.push(c));
    return out;
  }
  const value = (c: AzCall, flag: string): string | undefined => c.flags.get(flag)?.values[0]?.text;
  const cases: { name: string; text: string; flag: string; expect: string }[] = [
    { name: 'VAR=value', text: 'RG=myRG\naz aks create -g $RG -n a', flag: '--resource-group', expect: 'myRG' },
    { name: 'export VAR="value"', text: 'export RG="my RG"\naz aks create -g "$RG" -n a', flag: '--resource-group', expect: 'my RG' },
    { name: '${VAR:-default} with VAR unset', text: 'az aks create -g ${RG:-fallback} -n a', flag: '--resource-group', expect: 'fallback' },
    { name: '--flag=value form', text: 'az aks create --name=abc -g rg', flag: '--name', expect: 'abc' },
    { name: 'subnet show --query id', text: 'SUBNET_ID=$(az network vnet subnet show --resource-group myResourceGroup --vnet-name myAKSVnet --name myAKSSubnet --query id -o tsv)\naz aks create -g rg -n a --vnet-subnet-id $SUBNET_ID',
      flag: '--vnet-subnet-id', expect: '/subscriptions/00000000-0000-0000-0000-000000000000/resourcegroups/myresourcegroup/providers/microsoft.network/virtualnetworks/myaksvnet/subnets/myakssubnet' },
    { name: 'vnet show --query id with quotes', text: 'V=$(az network vnet show -g rg -n v --query "id" -o tsv)\naz aks create -g rg -n a --vnet-subnet-id $V', flag: '--vnet-subnet-id',
      expect: '/subscriptions/00000000-0000-0000-0000-000000000000/resourcegroups/rg/providers/microsoft.network/virtualnetworks/v' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const aks = calls(c.text).find((x) => x.name === 'aks create');
      assert.ok(aks, 'an aks create call');
      assert.equal(value(aks, c.flag), c.expect);
      assert.equal(aks.flags.get(c.flag)?.values[0]?.known, true);
    });
  }
  it('an unset variable is an unknown value that says why', () => {
    const aks = calls('az aks create -g $NOPE -n a').find((x) => x.name === 'aks create')!;
    const v = aks.flags.get('--resource-group')!.values[0]!;
    assert.equal(v.known, false);
    assert.match(v.known ? '' : v.why, /\$NOPE is not set/);
  });
});

describe('tokenizer and evaluator never throw', () => {
  it('on arbitrary text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (text) => {
      tokenize(text);
      evaluateScript(text, new ShellState(), { problem: () => undefined }, () => undefined);
      return true;
    }), { numRuns: 1000 });
  });
  it('on shell-flavoured text', () => {
    const piece = fc.constantFrom('az ', 'aks ', 'create ', '--name ', 'x ', '"', "'", '$(', ')', '${', '}', '\\\n', '\n', '#', '&&', ';', '$X', 'X=', '`', '>', '2>&1', '--vnet-subnet-id ', 'network vnet subnet show ', '--query id ');
    fc.assert(fc.property(fc.array(piece, { maxLength: 40 }), (parts) => {
      const text = parts.join('');
      evaluateScript(text, new ShellState(), { problem: () => undefined }, () => undefined);
      return true;
    }), { numRuns: 1000 });
  });
});
