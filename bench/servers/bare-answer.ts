import type http from 'node:http';

/**
 * The bare servers' handler: reads the body, parses the JSON and answers, nothing else; `accepted`
 * then runs with the send's msgid (the DLR servers post their report from there).
 */
export function bareHandler(accepted?: (msgid: unknown) => void): http.RequestListener {
  return (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      let payload: string;
      let msgid: unknown;
      try {
        msgid = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { msgid?: unknown }).msgid;
        payload = JSON.stringify({ accepted: true, msgid });
        res.statusCode = 200;
      } catch {
        payload = JSON.stringify({ accepted: false });
        res.statusCode = 400;
      }
      res.setHeader('content-type', 'application/json; charset=utf-8');
      res.setHeader('content-length', Buffer.byteLength(payload));
      res.end(payload);
      if (res.statusCode === 200) accepted?.(msgid);
    });
  };
}

/** The delivery report both DLR servers post: CleverTap's Generic SMS shape, one event. */
export function dlrPayload(msgid: unknown): string {
  return JSON.stringify([
    { event: 'delivered', data: [{ ts: Math.floor(Date.now() / 1000), meta: msgid }] },
  ]);
}
