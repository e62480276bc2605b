// Which fields of which replica table are encrypted at rest: the one list the encryption
// middleware (./middleware.ts) reads. Every listed field of a row is sealed together into one
// AES-GCM ciphertext (`SEALED_FIELD`), so the cost is one encryption per record, however many
// fields or packed events it holds. No index may name a listed field (schema.test checks it):
// IndexedDB indexes what it stores, and what it stores here is ciphertext.
//
// Tables not listed (customers, users, coverage, the engine's meta and timeline state) are
// stored in clear: their fields are indexed or say nothing about a customer's problems.

export const ENCRYPTED_FIELDS: Readonly<Record<string, readonly string[]>> = {
  /** Incident titles and descriptions (the problem as the customer told it). */
  incidents: ['title', 'description'],
  /** What was said and done on an incident. */
  timelineEvents: ['body'],
  /** A packed timeline (one record per incident, when the replica has that table): all its events. */
  timelines: ['events'],
  /** Closed-history buckets (schema version 9): a customer's closed incidents of a month. */
  closedHistory: ['incidents'],
  /** Signature and patch requests: their titles and descriptions. */
  requests: ['title', 'description'],
  /** Contact details of the customer's people. */
  contacts: ['name', 'nameLatin', 'email', 'phone', 'role'],
  /** Health-check findings and recommendations. */
  healthChecks: ['findings'],
  /** The text of a report sent. */
  reports: ['note'],
  /** An alert's copy of its incident's title. */
  alerts: ['title'],
  /** A saved view's filter (its search words may name a customer's problem). */
  savedViews: ['filter'],
  /** Local changes not yet sent (their arguments carry the titles and bodies typed). */
  outbox: ['args'],
  /** Changes the server refused, kept for their author. */
  attention: ['args'],
  /** The server's state of a row a pending change overwrote (a whole row). */
  shadow: ['row'],
  /** The search worker's persisted index (its terms are the words of everything above). */
  searchIndex: ['json'],
};

/** The property of a stored row that holds its sealed fields (absent: a row stored in clear). */
export const SEALED_FIELD = '$sealed';
