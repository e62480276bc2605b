// The per-incident SLA input of a live list, memoised: an incident's facts and its urgency
// profile (which runs the SLA engine) are rebuilt only when the incident or its customer row
// changes, never on a clock tick.
import { useMemo, useRef } from 'react';
import type { Customer, Incident } from '../../../shared/model/entities';
import { urgencyFactsOf, urgencyProfileOf } from '../../../shared/today/urgency';
import type { UrgencyFacts, UrgencyProfile } from '../../../shared/today/urgency';
import { getNow } from '../../format/ticker';

export interface UrgencyEntry {
  key: string;
  incident: Incident;
  customer: Customer;
  facts: UrgencyFacts;
  profile: UrgencyProfile;
}

const versionKey = (i: Incident, c: Customer) => `${i.version}|${i.updatedAt}|${c.version}|${c.updatedAt}`;

/** Entries by incident id, for the incidents whose customer is known (others are skipped). */
export function useUrgencyEntries(
  incidents: readonly Incident[] | undefined,
  customers: readonly Customer[] | undefined,
) {
  const cache = useRef(new Map<string, UrgencyEntry>());
  return useMemo(() => {
    const byCustomer = new Map((customers ?? []).map((c) => [c.id, c]));
    const next = new Map<string, UrgencyEntry>();
    const now = getNow();
    for (const incident of incidents ?? []) {
      const customer = byCustomer.get(incident.customerId);
      if (!customer) continue;
      const key = versionKey(incident, customer);
      let entry = cache.current.get(incident.id);
      if (!entry || entry.key !== key) {
        const facts = urgencyFactsOf(incident, customer);
        entry = { key, incident, customer, facts, profile: urgencyProfileOf(facts, now) };
      }
      next.set(incident.id, entry);
    }
    cache.current = next;
    return next;
  }, [incidents, customers]);
}
