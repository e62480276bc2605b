// Search documents as rows of the file the search benchmark's worker fetches (arrays: about
// half the size of objects). Pure: bundled into the worker as well as run by the runner.
import type { SearchDoc } from '../../shared/search/engine';

/** A document as a row of the file the search worker fetches (arrays: half the size of objects). */
export type PackedDoc = [
  id: string,
  kind: SearchDoc['kind'],
  rowId: string,
  customerId: string | null,
  incidentId: string | null,
  title: string,
  text: string,
  at: string | null,
  status: string | null,
  open: boolean | null,
  severity: number | null,
];

export function packDoc(d: SearchDoc): PackedDoc {
  return [
    d.id,
    d.kind,
    d.rowId,
    d.customerId,
    d.incidentId,
    d.title,
    d.text,
    d.at,
    d.status,
    d.open,
    d.severity,
  ];
}

export function unpackDoc(p: PackedDoc): SearchDoc {
  const [id, kind, rowId, customerId, incidentId, title, text, at, status, open, severity] = p;
  return { id, kind, rowId, customerId, incidentId, title, text, at, status, open, severity };
}
