/**
 * A CleverTap WhatsApp `msgId`: pipe-separated like the documented
 * `25596363|1639561857|20220227|25596363` (`i|campaignID|batchID|j`). The gateway puts its start
 * tag and message sequence first and last, the campaign id and the date between, so ids stay unique
 * within a second and across restarts.
 * @see https://docs.clevertap.com/docs/generic-whatsapp
 */
export function clevertapWhatsappMessageId(
  campaignId: string,
  atMs: number,
  sequence: number,
  startTag: string,
): string {
  const date = new Date(atMs).toISOString().slice(0, 10).replaceAll('-', '');
  const serial = `${startTag}${sequence}`;
  return `${serial}|${campaignId}|${date}|${serial}`;
}
