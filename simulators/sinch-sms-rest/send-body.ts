import type { BatchParameters } from './message-text.js';

/** Delivery report modes a batch can ask for. */
export type DeliveryReportMode =
  'none' | 'summary' | 'full' | 'per_recipient' | 'per_recipient_final';

/** A batch request once the schema has passed (`mt_text` or `mt_binary`). */
export interface SendBatchBody {
  to: string[];
  from?: string;
  body: string;
  type?: 'mt_text' | 'mt_binary';
  udh?: string;
  delivery_report?: DeliveryReportMode;
  send_at?: string;
  expire_at?: string;
  callback_url?: string;
  client_reference?: string;
  parameters?: BatchParameters;
  feedback_enabled?: boolean;
  max_number_of_message_parts?: number;
  [field: string]: unknown;
}

/** The service plan or project a request is for, from its path. */
export const ownerOf = (params: Record<string, string>): string =>
  params.service_plan_id ?? params.project_id ?? '';
