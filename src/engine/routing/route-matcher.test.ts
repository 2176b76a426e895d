import { describe, expect, it } from 'vitest';
import { compilePath, matchPath, pathDistance } from './route-matcher.js';

describe('matchPath', () => {
  it('matches a literal double slash and trailing slash exactly, and nothing folded', () => {
    const path = compilePath('/api/v5/whatsapp//outbound/clevertap/');
    expect(matchPath(path, '/api/v5/whatsapp//outbound/clevertap/')).toEqual({});
    expect(matchPath(path, '/api/v5/whatsapp/outbound/clevertap/')).toBeUndefined();
    expect(matchPath(path, '/api/v5/whatsapp//outbound/clevertap')).toBeUndefined();
  });

  it('captures parameters and keeps colons in literal segments', () => {
    const path = compilePath('/v1/projects/{project_id}/messages:send');
    expect(matchPath(path, '/v1/projects/p%201/messages:send')).toEqual({ project_id: 'p 1' });
    expect(matchPath(path, '/v1/projects//messages:send')).toBeUndefined();
    expect(matchPath(path, '/v1/projects/p/messages')).toBeUndefined();
  });

  it('agrees with splitting on slashes for every path built from a few segments', () => {
    const bySplit = (route: string, path: string): Record<string, string> | undefined => {
      const want = route.split('/').slice(1);
      const parts = path.split('/').slice(1);
      if (!path.startsWith('/') || parts.length !== want.length) return undefined;
      const params: Record<string, string> = {};
      for (let i = 0; i < parts.length; i++) {
        const param = /^\{(\w+)\}$/.exec(want[i]!)?.[1];
        if (!param) {
          if (want[i] !== parts[i]) return undefined;
        } else if (parts[i] === '') return undefined;
        else params[param] = parts[i]!;
      }
      return params;
    };
    const routes = ['/', '/a', '/a/', '/a//b', '/{x}', '/a/{x}/b', '/{x}/{y}', '//'];
    const pieces = ['', 'a', 'b', 'ab'];
    const paths = new Set<string>(['', 'a']);
    for (const p of pieces)
      for (const q of pieces)
        for (const r of pieces) {
          paths.add(`/${p}`).add(`/${p}/${q}`).add(`/${p}/${q}/${r}`);
        }
    for (const route of routes) {
      for (const path of paths) {
        expect(matchPath(compilePath(route), path), `${route} ~ ${path}`).toEqual(
          bySplit(route, path),
        );
      }
    }
  });

  it('measures closeness for route hints', () => {
    expect(pathDistance('/v1/enterprise/messages.json', '/v1/enterprises/messages.json')).toBe(1);
  });
});
