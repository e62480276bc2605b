// replyTemplate.create / update / delete over the in-memory port: who may maintain which set,
// the body's fields checked on save, and the rows written.
import { describe, expect, it } from 'vitest';
import { ENTITY_SCHEMAS, customerIdOf, teamScopeId, userScopeId } from '../model/entities';
import type { ReplyTemplate } from '../model/entities';
import { applyMutation } from './index';
import type { Actor, MutationResult } from './index';
import { MemoryStore } from './memory';

const TAM: Actor = { id: '00000000-0000-4000-8000-000000000001', role: 'tam', team: 'X' };
const OTHER_TAM: Actor = { id: '00000000-0000-4000-8000-000000000003', role: 'tam', team: 'X' };
const MANAGER: Actor = { id: '00000000-0000-4000-8000-000000000002', role: 'manager', team: 'X' };
const MANAGER_Y: Actor = { id: '00000000-0000-4000-8000-000000000004', role: 'manager', team: 'Y' };
const NOW = '2026-11-26T03:00:00.000Z';
let n = 0;
const uid = () => `20000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;

async function run(store: MemoryStore, actor: Actor, name: string, args: unknown): Promise<MutationResult> {
  const result = await applyMutation(name, args, { actor, now: NOW, read: store });
  if (result.ok) {
    for (const w of result.writes) expect(ENTITY_SCHEMAS[w.entity].safeParse(w.row).success).toBe(true);
    store.apply(result.writes);
  }
  return result;
}

const codeOf = (r: MutationResult) => (r.ok ? 'ok' : r.error.code);
const base = { name: 'First answer', language: 'ja', body: '{{customer.name}} 御中\n{{tam.signature}}' };

describe('replyTemplate mutations', () => {
  it('any user creates, edits and deletes their own personal templates', async () => {
    const store = new MemoryStore();
    const id = uid();
    expect(codeOf(await run(store, TAM, 'replyTemplate.create', { id, scope: 'user', ...base }))).toBe('ok');
    const row = (await store.get('replyTemplate', id))!;
    expect(row).toMatchObject({
      scope: 'user',
      ownerId: TAM.id,
      team: 'X',
      updatedBy: TAM.id,
      deleted: false,
    });
    expect(customerIdOf({ entity: 'replyTemplate', row })).toBe(userScopeId(TAM.id));
    expect(codeOf(await run(store, TAM, 'replyTemplate.update', { templateId: id, name: 'Renamed' }))).toBe(
      'ok',
    );
    expect((await store.get('replyTemplate', id))!.name).toBe('Renamed');
    expect(codeOf(await run(store, TAM, 'replyTemplate.delete', { templateId: id }))).toBe('ok');
    expect((await store.get('replyTemplate', id))!.deleted).toBe(true);
    // Deleted: gone for further changes.
    expect(codeOf(await run(store, TAM, 'replyTemplate.update', { templateId: id, name: 'x' }))).toBe(
      'not_found',
    );
  });

  it("nobody changes another user's personal template, nor creates one for them", async () => {
    const store = new MemoryStore();
    const id = uid();
    await run(store, TAM, 'replyTemplate.create', { id, scope: 'user', ...base });
    expect(codeOf(await run(store, OTHER_TAM, 'replyTemplate.update', { templateId: id, name: 'x' }))).toBe(
      'not_allowed',
    );
    expect(codeOf(await run(store, MANAGER, 'replyTemplate.delete', { templateId: id }))).toBe('not_allowed');
    expect(
      codeOf(
        await run(store, MANAGER, 'replyTemplate.create', {
          id: uid(),
          scope: 'user',
          ownerId: TAM.id,
          ...base,
        }),
      ),
    ).toBe('not_allowed');
  });

  it("only a manager maintains the team's set, and only their own team's", async () => {
    const store = new MemoryStore();
    const id = uid();
    expect(codeOf(await run(store, TAM, 'replyTemplate.create', { id: uid(), scope: 'team', ...base }))).toBe(
      'template_managers_only',
    );
    expect(codeOf(await run(store, MANAGER, 'replyTemplate.create', { id, scope: 'team', ...base }))).toBe(
      'ok',
    );
    const row = (await store.get('replyTemplate', id)) as ReplyTemplate;
    expect(row).toMatchObject({ scope: 'team', team: 'X', ownerId: null });
    expect(customerIdOf({ entity: 'replyTemplate', row })).toBe(teamScopeId('X'));
    expect(codeOf(await run(store, TAM, 'replyTemplate.update', { templateId: id, body: 'x' }))).toBe(
      'template_managers_only',
    );
    expect(codeOf(await run(store, TAM, 'replyTemplate.delete', { templateId: id }))).toBe(
      'template_managers_only',
    );
    expect(codeOf(await run(store, MANAGER_Y, 'replyTemplate.delete', { templateId: id }))).toBe(
      'not_allowed',
    );
    expect(
      codeOf(await run(store, MANAGER, 'replyTemplate.update', { templateId: id, language: 'en' })),
    ).toBe('ok');
    expect(
      codeOf(
        await run(store, MANAGER, 'replyTemplate.create', {
          id: uid(),
          scope: 'team',
          ownerId: MANAGER.id,
          ...base,
        }),
      ),
    ).toBe('invalid_args');
  });

  it('refuses a body with an unknown field, naming it', async () => {
    const store = new MemoryStore();
    const r = await run(store, TAM, 'replyTemplate.create', {
      id: uid(),
      scope: 'user',
      ...base,
      body: 'Dear {{customer.name}}, {{customer.phone}}',
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('template_unknown_field');
    expect(r.error.params?.field).toBe('customer.phone');
    const id = uid();
    await run(store, TAM, 'replyTemplate.create', { id, scope: 'user', ...base });
    expect(codeOf(await run(store, TAM, 'replyTemplate.update', { templateId: id, body: '{{nope}}' }))).toBe(
      'template_unknown_field',
    );
  });

  it('refuses an id already used', async () => {
    const store = new MemoryStore();
    const id = uid();
    await run(store, TAM, 'replyTemplate.create', { id, scope: 'user', ...base });
    expect(codeOf(await run(store, TAM, 'replyTemplate.create', { id, scope: 'user', ...base }))).toBe(
      'already_exists',
    );
  });
});
