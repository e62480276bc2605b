// Deployed products and the product lifecycle: is a version still supported, does its
// support end soon, has it ended — judged on the customer's local date. Private patches are
// made only for a version the customer runs whose support has not ended (docs/domain.md,
// "Private patches and fixes"); the same rule as request.create, so the form can say why
// it refuses before the mutation does.
import { DateTime } from 'luxon';

/** A version whose support ends within this many days is flagged "ends soon". */
export const SUPPORT_ENDING_WINDOW_DAYS = 90;

export type SupportStatus = 'supported' | 'ending_soon' | 'ended';

export interface DeployedVersion {
  product: string;
  productVersion: string;
  /** The last day of support (customer's local date); support has ended the day after. */
  supportEndsOn: string;
}

export interface SupportState {
  status: SupportStatus;
  /** Days from today to the last day of support: 0 on that day, negative once ended. */
  daysLeft: number;
}

/** Today's date (YYYY-MM-DD) in a time zone: the customer's, for contract rules. */
export function localToday(now: string | Date, timeZone: string): string {
  const dt = typeof now === 'string' ? DateTime.fromISO(now, { setZone: true }) : DateTime.fromJSDate(now);
  const iso = dt.setZone(timeZone).toISODate();
  if (iso === null) throw new Error(`Cannot read ${String(now)} in time zone ${timeZone}`);
  return iso;
}

function daysBetween(from: string, to: string): number {
  const a = DateTime.fromISO(from, { zone: 'utc' });
  const b = DateTime.fromISO(to, { zone: 'utc' });
  return Math.round(b.diff(a, 'days').days);
}

/** Support status of a version on a (customer-local) date. */
export function supportState(
  supportEndsOn: string,
  today: string,
  windowDays = SUPPORT_ENDING_WINDOW_DAYS,
): SupportState {
  const daysLeft = daysBetween(today, supportEndsOn);
  if (daysLeft < 0) return { status: 'ended', daysLeft };
  if (daysLeft <= windowDays) return { status: 'ending_soon', daysLeft };
  return { status: 'supported', daysLeft };
}

export interface ProductSupportRow<T extends DeployedVersion> {
  deployment: T;
  state: SupportState;
}

const STATUS_ORDER: Record<SupportStatus, number> = { ended: 0, ending_soon: 1, supported: 2 };

/** Every deployment with its support state: ended first, then ending soon, then supported; by product and version within. */
export function productSupportRows<T extends DeployedVersion>(
  deployments: readonly T[],
  today: string,
): ProductSupportRow<T>[] {
  return deployments
    .map((deployment) => ({ deployment, state: supportState(deployment.supportEndsOn, today) }))
    .sort(
      (a, b) =>
        STATUS_ORDER[a.state.status] - STATUS_ORDER[b.state.status] ||
        a.deployment.product.localeCompare(b.deployment.product) ||
        compareVersions(b.deployment.productVersion, a.deployment.productVersion),
    );
}

/** Numeric-aware version order: 9.4 < 9.10 < 12.1 (not the text order). */
export function compareVersions(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

export type PatchEligibility =
  | { ok: true; state: SupportState }
  | { ok: false; reason: 'not_deployed'; product: string; version: string }
  | { ok: false; reason: 'support_ended'; product: string; version: string; endedOn: string };

/**
 * Whether a private patch may be requested for this product version: it must be deployed at
 * the customer and still supported on the customer's local date (request.create's rule).
 */
export function privatePatchEligibility(
  deployments: readonly DeployedVersion[],
  product: string,
  version: string,
  today: string,
): PatchEligibility {
  const match = deployments.find((d) => d.product === product && d.productVersion === version);
  if (!match) return { ok: false, reason: 'not_deployed', product, version };
  const state = supportState(match.supportEndsOn, today);
  if (state.status === 'ended')
    return { ok: false, reason: 'support_ended', product, version, endedOn: match.supportEndsOn };
  return { ok: true, state };
}

export interface ProductChoice {
  product: string;
  versions: Array<{ version: string; state: SupportState }>;
}

/** The customer's products with their versions (newest first), for a product + version picker. */
export function productChoices(deployments: readonly DeployedVersion[], today: string): ProductChoice[] {
  const byProduct = new Map<string, ProductChoice>();
  for (const d of deployments) {
    let entry = byProduct.get(d.product);
    if (!entry) {
      entry = { product: d.product, versions: [] };
      byProduct.set(d.product, entry);
    }
    if (!entry.versions.some((v) => v.version === d.productVersion)) {
      entry.versions.push({ version: d.productVersion, state: supportState(d.supportEndsOn, today) });
    }
  }
  return [...byProduct.values()]
    .sort((a, b) => a.product.localeCompare(b.product))
    .map((p) => ({ ...p, versions: [...p.versions].sort((a, b) => compareVersions(b.version, a.version)) }));
}
