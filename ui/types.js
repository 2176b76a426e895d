// @ts-check
// Shapes of what the admin API returns, for the editor and the type checker only (never loaded).

/**
 * @typedef {object} PreviewButton
 * @property {string} type `quick_reply`, `url`, `call`, `copy_code`, ...
 * @property {string} text
 * @property {string} [url]
 * @property {string} [phone]
 * @property {string} [payload]
 */

/**
 * @typedef {object} PreviewHeader
 * @property {'text' | 'image' | 'video' | 'document' | 'location'} type
 * @property {string} [text]
 * @property {string} [url]
 * @property {string} [filename]
 */

/**
 * @typedef {object} PreviewMedia
 * @property {'image' | 'video' | 'audio' | 'document' | 'sticker'} type
 * @property {string} url
 * @property {string} [caption]
 * @property {string} [filename]
 */

/**
 * @typedef {object} PreviewLocation
 * @property {string} latitude
 * @property {string} longitude
 * @property {string} [name]
 * @property {string} [address]
 */

/**
 * One message as the phone shows it (the simulator's provider-neutral `PhonePreview`).
 * @typedef {object} PhonePreview
 * @property {string} channel
 * @property {string} from
 * @property {string} to
 * @property {{ name: string, language?: string }} [template]
 * @property {PreviewHeader} [header]
 * @property {string} [body]
 * @property {string} [footer]
 * @property {PreviewMedia} [media]
 * @property {PreviewLocation} [location]
 * @property {PreviewButton[]} [buttons]
 * @property {Omit<PhonePreview, 'channel' | 'from' | 'to' | 'cards'>[]} [cards]
 */

/**
 * @typedef {object} JournaledMessage
 * @property {string} id
 * @property {string} recipient
 * @property {string} [reference]
 * @property {string} status
 * @property {'outbound' | 'inbound'} direction
 * @property {PhonePreview} [preview]
 */

/**
 * @typedef {object} SubEvent
 * @property {string} type
 * @property {number} offsetMs
 * @property {string} [messageId]
 * @property {string | number} [status] a status name (`status`), or the gateway's HTTP status (`callback-attempt`)
 * @property {string} [code]
 * @property {string} [description]
 * @property {string} [callbackId]
 * @property {string} [kind]
 * @property {string} [target]
 * @property {number} [attempt]
 * @property {string} [error]
 * @property {unknown} [answer]
 * @property {number} [durationMs]
 * @property {string} [verdict]
 * @property {number} [nextAttemptInMs]
 * @property {unknown} [body]
 * @property {string} [reason]
 */

/**
 * One journal entry: a request (or an injected inbound message) and everything that followed.
 * @typedef {object} ServeEvent
 * @property {string} id
 * @property {string} receivedAt
 * @property {number} receivedAtMs
 * @property {string | null} provider
 * @property {string | null} route
 * @property {{ method: string, path: string, query: Record<string, string>, headers: Record<string, string>, body: unknown }} request
 * @property {string[]} recipients
 * @property {{ pointer: string, keyword: string, message: string, severity: string }[]} diagnostics
 * @property {string[]} faults
 * @property {{ status: number, body: unknown } | null} response
 * @property {'accepted' | 'rejected' | 'fault' | 'unmatched'} outcome
 * @property {JournaledMessage[]} messages
 * @property {{ totalMs: number, faultDelayMs?: number }} timing
 * @property {string} [connectionFault]
 * @property {SubEvent[]} subEvents
 */

/**
 * @typedef {object} CatalogStatus
 * @property {string} name
 * @property {string} native
 * @property {boolean} final
 * @property {boolean} forcible
 */

/**
 * @typedef {object} CatalogFailureCode
 * @property {string} code
 * @property {string} description
 * @property {string} reportedIn a callback kind, or `response`
 */

/**
 * One inbound message form; `body` is a template (see the simulator's `InboundForm`).
 * @typedef {object} InboundForm
 * @property {'text' | 'location' | 'media' | 'quick-reply'} type
 * @property {string} label
 * @property {string[]} [mediaKinds]
 * @property {{ name: string, label: string, kind: string, required: boolean }[]} fields
 * @property {unknown} body
 */

/**
 * What a provider publishes about itself on GET /__admin/providers.
 * @typedef {object} ProviderCatalog
 * @property {CatalogStatus[]} statuses
 * @property {CatalogFailureCode[]} failureCodes
 * @property {InboundForm[]} inboundForms
 */

/**
 * @typedef {object} ProviderSummary
 * @property {string} id
 * @property {string} title
 * @property {ProviderCatalog} [catalog]
 */

/**
 * @typedef {object} InboundInput
 * @property {string} provider
 * @property {string} schema
 */

export {};
