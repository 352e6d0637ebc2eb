import { describe, expect, it } from 'vitest';
import { matches } from './check.ts';

// User guide "IP address matching" and event-ruler's CIDR: IPv4 and IPv6 blocks, string values only.

describe('cidr', () => {
  it('matches IPv4 addresses inside the block (user guide example)', () => {
    const pattern = { detail: { sourceIPAddress: [{ cidr: '10.0.0.0/24' }] } };
    expect(matches(pattern, { detail: { sourceIPAddress: '10.0.0.255' } })).toBe(true);
    expect(matches(pattern, { detail: { sourceIPAddress: '10.0.0.0' } })).toBe(true);
    expect(matches(pattern, { detail: { sourceIPAddress: '10.0.1.0' } })).toBe(false);
    expect(matches(pattern, { detail: { sourceIPAddress: 'not an ip' } })).toBe(false);
  });

  it('matches IPv6 addresses written in any valid form', () => {
    const pattern = { ip: [{ cidr: '2001:db8:1234:1a00::/64' }] };
    expect(matches(pattern, { ip: '2001:db8:1234:1a00::1' })).toBe(true);
    expect(matches(pattern, { ip: '2001:0DB8:1234:1A00:FFFF:FFFF:FFFF:FFFF' })).toBe(true);
    expect(matches(pattern, { ip: '2001:db8:1234:1a01::' })).toBe(false);
    expect(matches(pattern, { ip: '10.0.0.1' })).toBe(false);
  });

  it('covers the whole address space with /0 and starts at the address as written (event-ruler)', () => {
    expect(matches({ ip: [{ cidr: '0.0.0.0/0' }] }, { ip: '255.255.255.255' })).toBe(true);
    expect(matches({ ip: [{ cidr: '10.0.0.5/24' }] }, { ip: '10.0.0.9' })).toBe(true);
    expect(matches({ ip: [{ cidr: '10.0.0.5/24' }] }, { ip: '10.0.0.4' })).toBe(false);
  });

  it('reads IPv4-mapped IPv6 addresses as IPv4, as Java does', () => {
    expect(matches({ ip: [{ cidr: '10.0.0.0/8' }] }, { ip: '::ffff:a00:1' })).toBe(true);
  });

  it('ignores numbers and leading-zero octets', () => {
    expect(matches({ ip: [{ cidr: '10.0.0.0/8' }] }, { ip: 10 })).toBe(false);
    expect(matches({ ip: [{ cidr: '10.0.0.0/8' }] }, { ip: '010.0.0.1' })).toBe(false);
  });
});
