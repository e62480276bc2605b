// Who was signed in where, remembered in this browser profile so that the app opens the
// right replica offline. Never the password, never the token.
import type { Session } from '../../shared/bridge/desktop-api';
import { RoleSchema, type Role } from '../../shared/model/entities';

export interface Identity {
  serverUrl: string;
  /** Scheme, host and port of the server: with the user id, it names the replica. */
  origin: string;
  user: { id: string; email: string; name: string; role: Role };
}

export const IDENTITY_KEY = 'tam.session.identity';

export function originOf(serverUrl: string): string {
  try {
    return new URL(serverUrl).origin;
  } catch {
    return serverUrl;
  }
}

export function identityFromSession(session: Session): Identity {
  const role = RoleSchema.safeParse(session.user.role);
  return {
    serverUrl: session.serverUrl,
    origin: originOf(session.serverUrl),
    user: {
      id: session.user.id,
      email: session.user.email,
      name: session.user.name,
      role: role.success ? role.data : 'tam',
    },
  };
}

function parse(text: string | null): Identity | null {
  if (!text) return null;
  try {
    const v = JSON.parse(text) as Partial<Identity> | null;
    const u = v?.user;
    const role = RoleSchema.safeParse(u?.role);
    if (
      !v ||
      typeof v.serverUrl !== 'string' ||
      typeof v.origin !== 'string' ||
      !u ||
      typeof u.id !== 'string' ||
      !role.success
    )
      return null;
    return {
      serverUrl: v.serverUrl,
      origin: v.origin,
      user: { id: u.id, email: String(u.email ?? ''), name: String(u.name ?? ''), role: role.data },
    };
  } catch {
    return null;
  }
}

export interface IdentityMemory {
  load(): Identity | null;
  save(identity: Identity): void;
  clear(): void;
}

export function localIdentityMemory(
  storage: Storage | undefined = typeof localStorage === 'undefined' ? undefined : localStorage,
): IdentityMemory {
  return {
    load: () => {
      try {
        return parse(storage?.getItem(IDENTITY_KEY) ?? null);
      } catch {
        return null;
      }
    },
    save: (identity) => {
      try {
        storage?.setItem(IDENTITY_KEY, JSON.stringify(identity));
      } catch {
        // Storage full or disabled: the app still works while open.
      }
    },
    clear: () => {
      try {
        storage?.removeItem(IDENTITY_KEY);
      } catch {
        // Nothing to forget.
      }
    },
  };
}
