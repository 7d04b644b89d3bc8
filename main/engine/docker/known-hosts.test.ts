import { describe, it, expect } from 'vitest';
import { checkHostKey, knownHostName, knownKeysFor, preferredHostKeyAlgorithms } from './known-hosts';

// A key and a line hashed by OpenSSH's own `ssh-keygen -H` for [127.0.0.1]:2222.
const B64 = 'AAAAC3NzaC1lZDI1NTE5AAAAIH0f14JvA8rZ1W2yAeqX+1ZEmbnmk93exNsNCeupSEIQ';
const KEY = Buffer.from(B64, 'base64');
const OTHER = Buffer.from('AAAAC3NzaC1lZDI1NTE5AAAAIOtherOtherOtherOtherOtherOtherOtherOther', 'base64');
const HASHED = `|1|QfRXPtKV8S0r+NeS60D4a0b4WAg=|8WhTLtmyMCIRSDRAomw1KtkSlFY= ssh-ed25519 ${B64}`;

describe('known_hosts', () => {
  it('names a host as ssh does: bare on port 22, [host]:port otherwise', () => {
    expect(knownHostName('h', 22)).toBe('h');
    expect(knownHostName('127.0.0.1', 2222)).toBe('[127.0.0.1]:2222');
  });

  it('accepts the listed key, plain or hashed by ssh-keygen -H', () => {
    expect(checkHostKey(`[127.0.0.1]:2222 ssh-ed25519 ${B64} c`, '127.0.0.1', 2222, KEY)).toEqual({
      ok: true,
    });
    expect(checkHostKey(`# comment\n\n${HASHED}\n`, '127.0.0.1', 2222, KEY)).toEqual({ ok: true });
  });

  it('a host listed under another port, or not at all, is unknown', () => {
    expect(checkHostKey(HASHED, '127.0.0.1', 22, KEY)).toMatchObject({ ok: false, reason: 'unknown' });
    expect(checkHostKey(`127.0.0.1 ssh-ed25519 ${B64}`, '127.0.0.1', 2222, KEY)).toMatchObject({
      ok: false,
      reason: 'unknown',
    });
    expect(checkHostKey('', 'h', 22, KEY)).toMatchObject({ ok: false, reason: 'unknown', knownTypes: [] });
  });

  it('another key for a listed host is a mismatch, naming the known types', () => {
    expect(checkHostKey(HASHED, '127.0.0.1', 2222, OTHER)).toEqual({
      ok: false,
      reason: 'mismatch',
      knownTypes: ['ssh-ed25519'],
    });
  });

  it('patterns: lists, wildcards and negation', () => {
    const text = `web*,!web3,db ssh-ed25519 ${B64}`;
    expect(checkHostKey(text, 'web1', 22, KEY).ok).toBe(true);
    expect(checkHostKey(text, 'db', 22, KEY).ok).toBe(true);
    expect(checkHostKey(text, 'web3', 22, KEY)).toMatchObject({ reason: 'unknown' });
    expect(checkHostKey(`[10.0.0.?]:2200 ssh-ed25519 ${B64}`, '10.0.0.7', 2200, KEY).ok).toBe(true);
  });

  it('@revoked refuses the key; @cert-authority lines are not host keys', () => {
    expect(checkHostKey(`@revoked * ssh-ed25519 ${B64}\nh ssh-ed25519 ${B64}`, 'h', 22, KEY)).toMatchObject({
      ok: false,
      reason: 'revoked',
    });
    expect(checkHostKey(`@cert-authority * ssh-ed25519 ${B64}`, 'h', 22, KEY)).toMatchObject({
      reason: 'unknown',
    });
    expect(knownKeysFor(`@cert-authority * ssh-ed25519 ${B64}`, 'h', 22)[0].marker).toBe('@cert-authority');
  });

  it('prefers the host key algorithms already known for the host', () => {
    expect(preferredHostKeyAlgorithms([])).toBeUndefined();
    expect(preferredHostKeyAlgorithms(['ecdsa-sha2-nistp256', 'ssh-rsa', 'x-unknown'])).toEqual({
      remove: ['ecdsa-sha2-nistp256', 'rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'],
      prepend: ['ecdsa-sha2-nistp256', 'rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'],
      append: [],
    });
  });
});
