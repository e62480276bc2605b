// An incident's (or any row's) number as people quote it: the first 8 hex digits of its UUID.
// The one home of the rule (reports, templates); the full id stays in the exports.

/** A short, readable form of an id. */
export function shortId(id: string): string {
  return id.length > 8 ? id.slice(0, 8) : id;
}
