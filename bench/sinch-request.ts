/** Path of the Sinch SMS send route, as the simulator mounts it; every server gets the same URL. */
export const SINCH_SMS_PATH = '/sinch-sms/v1/enterprises/messages.json';

/** CleverTap's documented Sinch SMS sample payload; the simulator's default account accepts it. */
export const SINCH_SMS_BODY = JSON.stringify({
  appid: 'clvrtap',
  userId: 'clvrtap',
  pass: 'clvrtap_18',
  contenttype: '1',
  from: 'ACLALT',
  to: '919800000001',
  selfid: 'false',
  msgid: '919800000001.1200000000.1654002362.20220531.0.wzrk_default.-1.',
  intflag: 'false',
  alert: '1',
  text: 'Your OTP is 123456',
  dpi: '1701158123540939524',
  dtm: '1107100000000000002',
});

/** Headers sent with every benchmark request. */
export const SINCH_SMS_HEADERS = { 'content-type': 'application/json' } as const;
