import { createOwnRequestMatcher, HH_CLIENT_PACKAGE_HEADER } from '@honeyhive/integration';

describe('createOwnRequestMatcher', () => {
  it('matches the hh-client-package header in any case and any header shape', () => {
    const isOwn = createOwnRequestMatcher();
    expect(isOwn({ hostname: 'x.example', headers: { [HH_CLIENT_PACKAGE_HEADER]: 'a' } })).toBe(true);
    expect(isOwn({ hostname: 'x.example', headers: { 'HH-Client-Package': 'a' } })).toBe(true);
    expect(isOwn({ hostname: 'x.example', headers: ['content-type', 'a', 'hh-client-package', 'b'] as unknown as string[] })).toBe(true);
    expect(isOwn({ hostname: 'x.example', headers: { 'content-type': 'hh-client-package' } })).toBe(false);
    expect(isOwn({ hostname: 'x.example' })).toBe(false);
  });

  it('matches URL prefixes by scheme, host, port and whole path segments', () => {
    const isOwn = createOwnRequestMatcher({
      ignoreUrls: ['https://api.honeyhive.ai', 'http://127.0.0.1:4318/v1/traces'],
    });
    expect(isOwn({ protocol: 'https:', hostname: 'api.honeyhive.ai', path: '/opentelemetry/v1/traces' })).toBe(true);
    expect(isOwn({ protocol: 'https:', hostname: 'API.HONEYHIVE.AI', port: 443, path: '/v1/sessions' })).toBe(true);
    expect(isOwn({ protocol: 'http:', hostname: 'api.honeyhive.ai', path: '/v1/sessions' })).toBe(false);
    expect(isOwn({ protocol: 'https:', hostname: 'api.honeyhive.ai', port: 8443, path: '/' })).toBe(false);
    expect(isOwn({ protocol: 'http:', hostname: '127.0.0.1', port: 4318, path: '/v1/traces' })).toBe(true);
    expect(isOwn({ protocol: 'http:', host: '127.0.0.1:4318', path: '/v1/traces?x=1' })).toBe(true);
    expect(isOwn({ protocol: 'http:', hostname: '127.0.0.1', port: 4318, path: '/v1/traces-other' })).toBe(false);
    expect(isOwn({ protocol: 'http:', hostname: '127.0.0.1', port: 4319, path: '/v1/traces' })).toBe(false);
  });

  it('matches hosts as strings (with or without port) and regular expressions', () => {
    const isOwn = createOwnRequestMatcher({ ignoreHosts: ['collector.internal', 'localhost:4318', /\.honeyhive\.ai$/g] });
    expect(isOwn({ protocol: 'http:', hostname: 'collector.internal', port: 9999 })).toBe(true);
    expect(isOwn({ protocol: 'http:', hostname: 'localhost', port: 4318 })).toBe(true);
    expect(isOwn({ protocol: 'http:', hostname: 'localhost', port: 4317 })).toBe(false);
    // a /g pattern keeps lastIndex between calls; each call must still match
    expect(isOwn({ protocol: 'https:', hostname: 'api.honeyhive.ai' })).toBe(true);
    expect(isOwn({ protocol: 'https:', hostname: 'api.honeyhive.ai' })).toBe(true);
    expect(isOwn({ protocol: 'https:', hostname: 'api.openai.com' })).toBe(false);
  });

  it('matches IPv6 hosts', () => {
    const isOwn = createOwnRequestMatcher({ ignoreUrls: ['http://[::1]:4318/v1/traces'] });
    expect(isOwn({ protocol: 'http:', hostname: '::1', port: 4318, path: '/v1/traces' })).toBe(true);
    expect(isOwn({ protocol: 'http:', host: '[::1]:4318', path: '/v1/traces' })).toBe(true);
  });

  it('tests full URLs against RegExp url patterns', () => {
    const isOwn = createOwnRequestMatcher({ ignoreUrls: [/\/opentelemetry\/v1\/traces$/] });
    expect(isOwn({ protocol: 'https:', hostname: 'self-hosted.example', path: '/opentelemetry/v1/traces' })).toBe(true);
    expect(isOwn({ protocol: 'https:', hostname: 'self-hosted.example', path: '/v1/events' })).toBe(false);
  });

  it('asks isOwnRequest last and treats a throwing test as "not ours"', () => {
    const isOwn = createOwnRequestMatcher({
      isOwnRequest: (request) => {
        if (request.hostname === 'boom.example') throw new Error('bad test');
        return request.path === '/mine';
      },
    });
    expect(isOwn({ hostname: 'a.example', path: '/mine' })).toBe(true);
    expect(isOwn({ hostname: 'a.example', path: '/theirs' })).toBe(false);
    expect(isOwn({ hostname: 'boom.example', path: '/mine' })).toBe(false);
  });
});
