// An in-memory read port and store: for unit tests, and as the reference of what a replica's
// port must do (the app's Dexie port and the server's SQL port behave the same).
import type { EntityName, EntityRow, TaggedRow } from '../model/entities';
import { customerIdOf } from '../model/entities';
import type { ReadPort, Write } from './types';

/** A deep copy of plain JSON data (rows are JSON). */
const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

export class MemoryStore implements ReadPort {
  private readonly rows = new Map<string, TaggedRow>();

  constructor(initial: readonly TaggedRow[] = []) {
    for (const r of initial) this.put(r);
  }

  private key(entity: EntityName, id: string): string {
    return `${entity}:${id}`;
  }

  put(tagged: TaggedRow): void {
    this.rows.set(this.key(tagged.entity, tagged.row.id), copy(tagged));
  }

  /** Applies a mutation's writes. */
  apply(writes: readonly Write[]): void {
    for (const w of writes) this.put(w);
  }

  async get<E extends EntityName>(entity: E, id: string): Promise<EntityRow<E> | undefined> {
    const found = this.rows.get(this.key(entity, id));
    return found ? (copy(found.row) as EntityRow<E>) : undefined;
  }

  async listByCustomer<E extends EntityName>(entity: E, customerId: string): Promise<EntityRow<E>[]> {
    const out: EntityRow<E>[] = [];
    for (const tagged of this.rows.values()) {
      if (tagged.entity === entity && customerIdOf(tagged) === customerId)
        out.push(copy(tagged.row) as EntityRow<E>);
    }
    return out;
  }

  all(entity?: EntityName): TaggedRow[] {
    return [...this.rows.values()].filter((t) => entity === undefined || t.entity === entity);
  }
}
