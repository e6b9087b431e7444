import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ipInBlock, parseIpBlock } from '../../../src/core/exceptions/ip-match';

function inBlock(address: string, block: string): boolean {
  const parsed = parseIpBlock(block);
  assert.ok(parsed, `${block} parses`);
  return ipInBlock(address, parsed);
}

void describe('ip blocks of exception values', () => {
  void it('rejects text that is not an address or a block', () => {
    for (const text of ['1.2.3', '256.0.0.1', '1.2.3.4/33', '1::2::3', '12345::', 'intranet',
      '1.2.3.4/', '::1/129', '1:2:3:4:5:6:7:8:9', '01.2.3.4.5']) {
      assert.equal(parseIpBlock(text), undefined, text);
    }
  });

  void it('matches IPv4 addresses inside a block and not outside it', () => {
    assert.equal(inBlock('10.255.0.1', '10.0.0.0/8'), true);
    assert.equal(inBlock('11.0.0.1', '10.0.0.0/8'), false);
    assert.equal(inBlock('192.168.1.7', '192.168.1.7'), true);
    assert.equal(inBlock('192.168.1.8', '192.168.1.7/32'), false);
    assert.equal(inBlock('203.0.113.9', '0.0.0.0/0'), true);
  });

  void it('treats IPv4 and IPv4-mapped IPv6 addresses as the same address', () => {
    assert.equal(inBlock('::ffff:10.1.2.3', '10.0.0.0/8'), true);
    assert.equal(inBlock('10.1.2.3', '::ffff:10.0.0.0/104'), true);
    assert.equal(inBlock('2001:db8::1', '10.0.0.0/8'), false);
  });

  void it('expands compressed IPv6 forms', () => {
    assert.equal(inBlock('::1', '0:0:0:0:0:0:0:1'), true);
    assert.equal(inBlock('fe80::1:2', 'fe80::/10'), true);
    assert.equal(inBlock('fec0::1', 'fe80::/10'), false);
    assert.equal(inBlock('1:2:3:4:5:6:1.2.3.4', '1:2:3:4:5:6:102:304'), true);
  });

  void it('never puts a non-address inside a block', () => {
    assert.equal(inBlock('AWS Internal', '0.0.0.0/0'), false);
    assert.equal(inBlock('10.0.0.0/8', '10.0.0.0/8'), false);
  });
});
