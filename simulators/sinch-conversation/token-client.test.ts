import { describe, expect, it } from 'vitest';
import { fetchClientCredentialsToken, readTokenAnswer, tokenRequest } from './token-client.js';

const credentials = { client_id: 'id', client_secret: 'secret', endpoint: 'http://t/token' };

describe('the client-credentials token request', () => {
  it('sends the id and secret as Basic by default, and for an unknown token_request_type', () => {
    for (const token_request_type of [undefined, 'basic', 'JWT']) {
      const { headers, body } = tokenRequest({ ...credentials, token_request_type });
      expect(headers.authorization).toBe(`Basic ${Buffer.from('id:secret').toString('base64')}`);
      expect(headers['content-type']).toBe('application/x-www-form-urlencoded');
      expect(body).toBe('grant_type=client_credentials');
    }
  });

  it('sends them as form fields with FORM, with scope when not blank and response_type as given', () => {
    const { headers, body } = tokenRequest({
      ...credentials,
      token_request_type: 'FORM',
      scope: 'a b',
      response_type: 'token',
    });
    expect(headers.authorization).toBeUndefined();
    expect(Object.fromEntries(new URLSearchParams(body))).toEqual({
      grant_type: 'client_credentials',
      scope: 'a b',
      response_type: 'token',
      client_id: 'id',
      client_secret: 'secret',
    });
    expect(tokenRequest({ ...credentials, scope: '  ' }).body).toBe(
      'grant_type=client_credentials',
    );
  });
});

describe('the token answer', () => {
  it('keeps the token for expires_in, brought within 30-3600 s', () => {
    expect(readTokenAnswer('e', '{"access_token":"t","expires_in":600}')).toEqual({
      accessToken: 't',
      expiresIn: 600,
    });
    expect(readTokenAnswer('e', '{"access_token":"t","expires_in":"86400"}').expiresIn).toBe(3600);
    expect(readTokenAnswer('e', '{"access_token":"t","expires_in":5}').expiresIn).toBe(30);
  });

  it('names what is missing', () => {
    expect(() => readTokenAnswer('e', 'oops')).toThrow(
      'token endpoint e answered with a body that is not JSON',
    );
    expect(() => readTokenAnswer('e', '{"expires_in":60}')).toThrow('without an access_token');
    expect(() => readTokenAnswer('e', '{"access_token":"t"}')).toThrow(
      'without a numeric expires_in',
    );
  });

  it('names an endpoint it cannot reach', async () => {
    await expect(
      fetchClientCredentialsToken({ ...credentials, endpoint: 'http://127.0.0.1:1/token' }),
    ).rejects.toThrow('token endpoint http://127.0.0.1:1/token could not be reached: ECONNREFUSED');
  });
});
