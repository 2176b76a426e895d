/**
 * Where a message is in its life. `queued` before the provider is called, `sent` once it accepted,
 * then one final status: `delivered`, `failed`, `partially-delivered` (some recipients of a
 * multi-recipient request failed), or `rejected` (the provider refused the request).
 */
export type MessageStatus =
  'queued' | 'sent' | 'delivered' | 'failed' | 'partially-delivered' | 'rejected';

const RANK: Record<MessageStatus, number> = {
  queued: 0,
  sent: 1,
  delivered: 2,
  failed: 2,
  'partially-delivered': 2,
  rejected: 2,
};

/** True for a status nothing may change any more. */
export function isFinalStatus(status: MessageStatus): boolean {
  return RANK[status] === 2;
}

/** One line of a message's story. */
export interface HistoryEntry {
  /** ISO 8601 time the gateway learnt of it. */
  at: string;
  /** What happened: the message was created, the provider answered, or a callback reported. */
  kind: 'created' | 'provider-answer' | 'report';
  /** The message's status after this entry. */
  status: MessageStatus;
  /** The provider's event name, for reports. */
  event?: string;
  code?: string;
  description?: string;
  /** Why the entry did not change the status, when it did not. */
  ignored?: string;
}

/**
 * One message: one provider request with its recipients. Sinch SMS echoes one msgid for all
 * recipients of a request, so per-recipient tracking needs one request per recipient.
 */
export interface GatewayMessage {
  id: string;
  provider: string;
  to: string[];
  /** The id the provider echoes in callbacks (Sinch SMS: the request's msgid). */
  reference: string;
  status: MessageStatus;
  code?: string;
  description?: string;
  /** Delivery reports counted so far, at most one per recipient. */
  reports: { delivered: number; failed: number };
  createdAt: string;
  updatedAt: string;
  history: HistoryEntry[];
}

/** A delivery report as the store applies it. */
export interface StatusReport {
  event: string;
  /** The outcome the event reports; events such as `replied` report none. */
  outcome?: 'delivered' | 'failed';
  code?: string;
  description?: string;
}

/** What became of one report. */
export type ReportFate = 'applied' | 'ignored';

/** Message store options. */
export interface MessageStoreOptions {
  now?: () => number;
  /** Called after every change, with the changed message. */
  onChange?: (message: GatewayMessage) => void;
  /** Defect: every report overwrites the status, final or not. */
  lastReportWins?: boolean;
}

/** In-memory messages whose status only moves forward: a final status is never changed. */
export class MessageStore {
  private readonly byId = new Map<string, GatewayMessage>();
  private readonly byReference = new Map<string, string>();
  private sequence = 0;

  constructor(private readonly options: MessageStoreOptions = {}) {}

  private stamp(): string {
    return new Date((this.options.now ?? Date.now)()).toISOString();
  }

  private changed(message: GatewayMessage, entry: Omit<HistoryEntry, 'at' | 'status'>): void {
    const at = this.stamp();
    message.updatedAt = at;
    message.history.push({ at, status: message.status, ...entry });
    this.options.onChange?.(message);
  }

  /** Records a new `queued` message. A reference used before now points at the new message. */
  create(provider: string, to: string[], reference: string): GatewayMessage {
    const at = this.stamp();
    const message: GatewayMessage = {
      id: `msg_${++this.sequence}`,
      provider,
      to,
      reference,
      status: 'queued',
      reports: { delivered: 0, failed: 0 },
      createdAt: at,
      updatedAt: at,
      history: [],
    };
    this.byId.set(message.id, message);
    this.byReference.set(`${provider}\u0000${reference}`, message.id);
    this.changed(message, { kind: 'created' });
    return message;
  }

  get(id: string): GatewayMessage | undefined {
    return this.byId.get(id);
  }

  /** The message a provider's callback refers to by `reference`. */
  findByReference(provider: string, reference: string): GatewayMessage | undefined {
    const id = this.byReference.get(`${provider}\u0000${reference}`);
    return id === undefined ? undefined : this.byId.get(id);
  }

  /** Every message, oldest first. */
  list(): GatewayMessage[] {
    return [...this.byId.values()];
  }

  /** The provider accepted the request; a message that already moved on keeps its status. */
  markSent(message: GatewayMessage): void {
    if (RANK[message.status] >= RANK.sent) {
      this.changed(message, {
        kind: 'provider-answer',
        description: 'accepted',
        ignored: `a report already moved the message to ${message.status}`,
      });
      return;
    }
    message.status = 'sent';
    this.changed(message, { kind: 'provider-answer', description: 'accepted' });
  }

  /** The provider refused the request; only a message still `queued` becomes `rejected`. */
  markRejected(message: GatewayMessage, code: string, description: string): void {
    if (message.status !== 'queued') {
      this.changed(message, {
        kind: 'provider-answer',
        code,
        description,
        ignored: `a report already moved the message to ${message.status}`,
      });
      return;
    }
    message.status = 'rejected';
    message.code = code;
    message.description = description;
    this.changed(message, { kind: 'provider-answer', code, description });
  }

  /**
   * Applies a delivery report. Reports are counted up to the number of recipients (a request's
   * recipients share one reference, so their reports cannot be told apart); once every recipient
   * has reported the status is final and later reports are acknowledged but ignored.
   */
  applyReport(message: GatewayMessage, report: StatusReport): ReportFate {
    const details = {
      kind: 'report' as const,
      event: report.event,
      ...(report.code !== undefined && { code: report.code }),
      ...(report.description !== undefined && { description: report.description }),
    };
    if (report.outcome === undefined) {
      this.changed(message, {
        ...details,
        ignored: `a ${report.event} event reports no delivery outcome`,
      });
      return 'ignored';
    }
    if (this.options.lastReportWins) {
      message.status = report.outcome;
      message.code = report.code;
      message.description = report.description;
      this.changed(message, details);
      return 'applied';
    }
    if (isFinalStatus(message.status)) {
      this.changed(message, { ...details, ignored: `the message is already ${message.status}` });
      return 'ignored';
    }
    message.reports[report.outcome]++;
    if (report.outcome === 'failed' && message.code === undefined) {
      message.code = report.code;
      message.description = report.description;
    }
    const { delivered, failed } = message.reports;
    if (delivered + failed >= message.to.length) {
      message.status =
        failed === 0 ? 'delivered' : delivered === 0 ? 'failed' : 'partially-delivered';
      if (message.status === 'delivered') message.description = report.description;
    } else if (message.status === 'queued') {
      message.status = 'sent';
    }
    this.changed(message, details);
    return 'applied';
  }
}
