// Which alerts of an incident's schedule to make now. The server calls this on its clock
// for every open incident; the result is idempotent: an alert is keyed by (incident, stage,
// recipient) and its id is derived from that key, so a restart or a second API process can
// never make it twice.
import type { AlertRole, AlertStage } from '../model/entities';
import type { PlannedAlert } from './schedule';

/** An alert already made for the incident. */
export interface DeliveredAlert {
  stage: AlertStage;
  recipientId: string;
  acknowledgedAt: string | null;
}

export interface AlertToSend {
  id: string;
  stage: AlertStage;
  recipientId: string;
  role: AlertRole;
  plan: PlannedAlert;
}

export interface DeliveryOptions {
  /**
   * A stage that came due longer ago than this is not sent any more (the server was down, or an
   * old incident was just imported): quiet by default. A restart within it loses nothing.
   */
  catchUpMs: number;
}

export const DEFAULT_DELIVERY: DeliveryOptions = { catchUpMs: 60 * 60_000 };

/** FNV-1a over the text with a seed: 32 bits. */
function fnv(text: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** The alert's id: a UUID (version 8, "custom") derived from its key, the same on every server. */
export function alertId(incidentId: string, stage: AlertStage, recipientId: string): string {
  const key = `${incidentId}|${stage}|${recipientId}`;
  const hex = [0x1234567, 0x2345678, 0x3456789, 0x456789a]
    .map((seed) => fnv(key, seed).toString(16).padStart(8, '0'))
    .join('');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * The alerts to make at `nowMs`: for each recipient, of the stages that came due (within the
 * catch-up window) and were not made yet, only the latest — a recipient who missed two stages
 * hears once, of where things stand. A stage earlier than one already made for that recipient is
 * never made late. Once anybody has acknowledged an alert of the incident, the escalation
 * (whoever is not the responder) stops for the stages after the acknowledgement.
 */
export function alertsToSend(
  incidentId: string,
  plan: readonly PlannedAlert[],
  delivered: readonly DeliveredAlert[],
  nowMs: number,
  options: DeliveryOptions = DEFAULT_DELIVERY,
): AlertToSend[] {
  const order = new Map(plan.map((p, i) => [p.stage, i] as const));
  let ackMs = Infinity;
  const lastMade = new Map<string, number>();
  for (const d of delivered) {
    if (d.acknowledgedAt !== null) ackMs = Math.min(ackMs, Date.parse(d.acknowledgedAt));
    const i = order.get(d.stage) ?? -1;
    lastMade.set(d.recipientId, Math.max(lastMade.get(d.recipientId) ?? -1, i));
  }
  const latest = new Map<string, AlertToSend>();
  plan.forEach((p, i) => {
    if (p.atMs > nowMs || p.atMs < nowMs - options.catchUpMs) return;
    for (const r of p.recipients) {
      if (r.role !== 'responder' && p.atMs >= ackMs) continue;
      if ((lastMade.get(r.userId) ?? -1) >= i) continue;
      latest.set(r.userId, {
        id: alertId(incidentId, p.stage, r.userId),
        stage: p.stage,
        recipientId: r.userId,
        role: r.role,
        plan: p,
      });
    }
  });
  return [...latest.values()];
}
