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

  it('measures closeness for route hints', () => {
    expect(pathDistance('/v1/enterprise/messages.json', '/v1/enterprises/messages.json')).toBe(1);
  });
});
