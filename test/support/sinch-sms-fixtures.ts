/** A send the simulator's default settings accept: CleverTap's documented sample with placeholders filled. */
export function sinchSmsSend(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
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
    ...overrides,
  };
}

/** Path of the Sinch SMS send route on the simulator. */
export const SINCH_SMS_SEND_PATH = '/sinch-sms/v1/enterprises/messages.json';
