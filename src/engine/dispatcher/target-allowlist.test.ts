import { describe, expect, it } from 'vitest';
import { configuredTargetHosts, DEFAULT_ALLOWED_HOSTS, refuseTarget } from './target-allowlist.js';

describe('callback target allowlist', () => {
  it('allows loopback by default and refuses other hosts, naming the allowlist', () => {
    expect(refuseTarget('http://127.0.0.1:3000/dlr', DEFAULT_ALLOWED_HOSTS)).toBeUndefined();
    expect(refuseTarget('http://127.9.9.9/dlr', DEFAULT_ALLOWED_HOSTS)).toBeUndefined();
    expect(refuseTarget('http://localhost/dlr', DEFAULT_ALLOWED_HOSTS)).toBeUndefined();
    expect(refuseTarget('http://[::1]:80/dlr', DEFAULT_ALLOWED_HOSTS)).toBeUndefined();
    expect(refuseTarget('http://10.0.0.5/dlr', DEFAULT_ALLOWED_HOSTS)).toMatch(
      /host "10\.0\.0\.5" is not allowed \(callbacks\.allowedHosts: localhost/,
    );
    expect(refuseTarget('https://example.com/dlr', DEFAULT_ALLOWED_HOSTS)).toMatch(/not allowed/);
  });

  it('matches wildcards and CIDR ranges, and refuses non-http URLs', () => {
    expect(refuseTarget('https://hooks.gw.example/x', ['*.gw.example'])).toBeUndefined();
    expect(refuseTarget('http://192.168.1.20/x', ['192.168.1.0/24'])).toBeUndefined();
    expect(refuseTarget('http://192.168.2.20/x', ['192.168.1.0/24'])).toMatch(/not allowed/);
    expect(refuseTarget('http://anything/x', ['*'])).toBeUndefined();
    expect(refuseTarget('ftp://127.0.0.1/x', ['*'])).toMatch(/not an http/);
    expect(refuseTarget('not a url', ['*'])).toMatch(/not a URL/);
  });
});

describe('configured target hosts', () => {
  it('names the hosts of configured targets, placeholders and all, and skips what is not a URL', () => {
    expect(
      configuredTargetHosts([
        'http://gateway.internal:8080/callbacks/{provider}/{kind}',
        undefined,
        'https://[::1]/x',
        'not a url',
      ]),
    ).toEqual(['gateway.internal', '::1']);
  });
});
