/**
 * A CleverTap SMS `$$MessageID`: dot-separated with a trailing dot, e.g.
 * `919800000001.1200000000.1712345678.20240405.0.wzrk_default.-1.` (recipient, campaign, epoch
 * seconds, date, then fixed parts). The gateway puts its start tag and its own request sequence in
 * the fifth part, which keeps ids unique when one recipient gets two messages in the same second,
 * before and after a restart.
 * @see https://docs.clevertap.com/docs/generic-sms
 */
export function clevertapMessageId(
  recipient: string,
  campaignId: string,
  atMs: number,
  sequence: number,
  startTag: string,
): string {
  const date = new Date(atMs).toISOString().slice(0, 10).replaceAll('-', '');
  const seconds = Math.floor(atMs / 1000);
  return `${recipient.replace(/^\+/, '')}.${campaignId}.${seconds}.${date}.${startTag}${sequence}.wzrk_default.-1.`;
}
