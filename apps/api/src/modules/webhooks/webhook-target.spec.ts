import { forbiddenKind, resolveTarget } from './webhook-target.js';

describe('forbiddenKind', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['::1', 'loopback'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['fc00::1', 'private'],
    ['fd12:3456::1', 'private'],
    ['169.254.169.254', 'link-local'],
    ['fe80::1', 'link-local'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['100.64.0.1', 'shared (carrier-grade NAT)'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'reserved'],
  ])('refuses %s (%s)', (address, kind) => {
    expect(forbiddenKind(address)).toBe(kind);
  });

  it.each(['93.184.216.34', '172.32.0.1', '8.8.8.8', '2606:4700:4700::1111', '::ffff:8.8.8.8'])(
    'lets the public address %s through',
    (address) => {
      expect(forbiddenKind(address)).toBeUndefined();
    },
  );
});

describe('resolveTarget', () => {
  it('refuses a literal private address, and a host name that resolves to loopback, unless private targets are allowed', async () => {
    await expect(resolveTarget(new URL('http://10.0.0.5/hook'), false)).rejects.toThrow('refused: 10.0.0.5, a private address');
    await expect(resolveTarget(new URL('http://[::1]:8080/hook'), false)).rejects.toThrow('refused: ::1, a loopback address');
    await expect(resolveTarget(new URL('http://localhost/hook'), false)).rejects.toThrow(
      /^refused: localhost resolves to .*, a loopback address$/,
    );
    await expect(resolveTarget(new URL('http://127.0.0.1/hook'), true)).resolves.toEqual({ address: '127.0.0.1', family: 4 });
  });
});
