import { presentedAccessToken, verifyAccessToken } from '../../../adapters/onebot/ws-auth';

describe('OneBot reverse WebSocket access token', () => {
  it('reads the spec Bearer form, the go-cqhttp Token form and the query parameter', () => {
    expect(presentedAccessToken({ authorization: 'Bearer abc' }, '/onebot')).toBe('abc');
    expect(presentedAccessToken({ authorization: 'Token abc' }, '/onebot')).toBe('abc');
    expect(presentedAccessToken({ authorization: 'bearer  abc ' }, '/onebot')).toBe('abc');
    expect(presentedAccessToken({}, '/onebot?access_token=a%2Bb')).toBe('a+b');
    expect(presentedAccessToken({}, '/onebot')).toBeUndefined();
    expect(presentedAccessToken({ authorization: 'Basic YTpi' }, '/onebot')).toBeUndefined();
  });

  it('accepts only the expected token', () => {
    expect(verifyAccessToken('secret', { authorization: 'Bearer secret' }, '/')).toBe(true);
    expect(verifyAccessToken('secret', { authorization: 'Token secret' }, '/')).toBe(true);
    expect(verifyAccessToken('secret', {}, '/?access_token=secret')).toBe(true);
    expect(verifyAccessToken('secret', { authorization: 'Bearer secret2' }, '/')).toBe(false);
    expect(verifyAccessToken('secret', { authorization: 'Bearer secre' }, '/')).toBe(false);
    expect(verifyAccessToken('secret', {}, '/')).toBe(false);
  });
});
