// Attachments: resumable, scope-checked uploads of files to incidents and requests, and their
// downloads. The `attachment` row syncs like any other (written here, in its customer's
// scope); the bytes go through these routes into a content-addressed AttachmentStore.
//
//   POST /v1/attachments                 start, or resume: the row (pending) and the chunks held
//   PUT  /v1/attachments/:id/chunks/:n   one chunk (application/octet-stream); sending it again is harmless
//   POST /v1/attachments/:id/complete    join, verify the SHA-256, run the scan hook, mark uploaded
//   GET  /v1/attachments/:id/content     the bytes, as a download (Range: one byte range → 206)
//
// Scope: a file is attached to an incident or request the caller may see; every route answers
// a row outside the caller's scope exactly like a missing one (404 not_found).
import { execFile } from 'node:child_process';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { contentDisposition } from '../../shared/attachments/file-name';
import {
  DEFAULT_ATTACHMENT_CHUNK_BYTES,
  DEFAULT_ATTACHMENT_MAX_BYTES,
  DEFAULT_ATTACHMENT_USER_QUOTA_BYTES,
} from '../../shared/attachments/limits';
import { StartAttachmentRequestSchema } from '../../shared/model/api';
import type {
  AttachmentChunkResponse,
  AttachmentUploadState,
  CompleteAttachmentResponse,
} from '../../shared/model/api';
import { IdSchema } from '../../shared/model/entities';
import type { Attachment, EntityName } from '../../shared/model/entities';
import type { Actor } from '../../shared/mutations/types';
import type { Db } from '../db';
import { HttpError, parseOr400 } from '../http/errors';
import { parseRange } from '../http/updates';
import type { ChangeNotice } from '../sync/push';
import { isInScope } from '../sync/scope';
import type { Executor } from '../sync/scope';
import { writeRows } from '../sync/store';
import type { AttachmentStore } from './store';

export interface AttachmentOptions {
  store: AttachmentStore;
  /** Largest file (bytes); default 200 MiB. */
  maxFileBytes?: number;
  /** Bytes all of one user's attachments may hold together; default 20 GiB (0: no limit). */
  userQuotaBytes?: number;
  /** Bytes per chunk (the clients follow what the start answers); default 4 MiB. */
  chunkBytes?: number;
  /**
   * A command run on each completed file, its path appended as the last argument (e.g.
   * ['clamdscan', '--no-summary']): exit status 0 keeps the file, anything else (a finding,
   * an error, a command that cannot run) quarantines it.
   */
  scanCommand?: string[];
  /** Milliseconds the scan may take before it counts as failed (quarantine); default 120 s. */
  scanTimeoutMs?: number;
}

export interface AttachmentDeps {
  db: Db;
  now: () => number;
  signedIn: (request: FastifyRequest) => Promise<Actor>;
  publish: (notice: ChangeNotice) => void;
}

const notFound = () =>
  new HttpError(
    404,
    'not_found',
    'No such attachment, incident or request in your scope: it was deleted, or its customer is not assigned to you. Sync and try again.',
  );

async function readRecord<T>(
  exec: Executor,
  entity: EntityName,
  id: string,
): Promise<{ row: T; customerId: string } | null> {
  const r = await exec
    .selectFrom('records')
    .select(['data', 'customer_id', 'deleted'])
    .where('entity', '=', entity)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!r || Number(r.deleted) !== 0) return null;
  return { row: JSON.parse(r.data) as T, customerId: r.customer_id };
}

function runScan(command: string[], path: string, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    execFile(command[0]!, [...command.slice(1), path], { timeout: timeoutMs, windowsHide: true }, (err) =>
      resolve(err === null),
    );
  });
}

export function registerAttachmentRoutes(
  app: FastifyInstance,
  deps: AttachmentDeps,
  options: AttachmentOptions,
): void {
  const { db, now, signedIn, publish } = deps;
  const store = options.store;
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_ATTACHMENT_MAX_BYTES;
  const quota = options.userQuotaBytes ?? DEFAULT_ATTACHMENT_USER_QUOTA_BYTES;
  const chunkBytes = options.chunkBytes ?? DEFAULT_ATTACHMENT_CHUNK_BYTES;

  /** The upload and its row, when the caller may see it (else 404, the same for every reason). */
  const uploadOf = async (actor: Actor, id: string) => {
    const upload = await db.kysely
      .selectFrom('attachment_uploads')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (!upload) throw notFound();
    const record = await readRecord<Attachment>(db.kysely, 'attachment', id);
    if (!record || !(await isInScope(db.kysely, actor, record.customerId))) throw notFound();
    return { upload, attachment: record.row };
  };

  const stateOf = async (
    attachment: Attachment,
    upload: { id: string; chunk_size: number; chunk_count: number; completed_at: number | null },
  ): Promise<AttachmentUploadState> => {
    const received =
      upload.completed_at === null
        ? (
            await db.kysely
              .selectFrom('attachment_chunks')
              .select('n')
              .where('upload_id', '=', upload.id)
              .orderBy('n')
              .execute()
          ).map((r) => Number(r.n))
        : [];
    return {
      attachment,
      chunkSize: Number(upload.chunk_size),
      chunkCount: Number(upload.chunk_count),
      received,
    };
  };

  const notify = (summary: { customerIds: Set<string>; lastVersion: number }) =>
    publish({ customerIds: [...summary.customerIds], scopeMayChange: false, version: summary.lastVersion });

  app.post('/v1/attachments', async (request, reply): Promise<AttachmentUploadState> => {
    const actor = await signedIn(request);
    const body = parseOr400(StartAttachmentRequestSchema, request.body);
    const existing = await db.kysely
      .selectFrom('attachment_uploads')
      .selectAll()
      .where('id', '=', body.id)
      .executeTakeFirst();
    if (existing) {
      // A resumed start: the same upload, or 404 (another user's id, or out of scope).
      if (existing.user_id !== actor.id) throw notFound();
      const { upload, attachment } = await uploadOf(actor, body.id);
      if (Number(upload.size) !== body.size || upload.sha256 !== body.sha256)
        throw new HttpError(
          409,
          'already_exists',
          'An attachment with this id was started with another file; attach the file again (a new id).',
        );
      return stateOf(attachment, upload);
    }
    const parentEntity = body.incidentId !== undefined ? 'incident' : 'request';
    const parent = await readRecord<{ customerId: string }>(
      db.kysely,
      parentEntity,
      (body.incidentId ?? body.requestId)!,
    );
    if (!parent || !(await isInScope(db.kysely, actor, parent.customerId))) throw notFound();
    if (body.size > maxFileBytes)
      throw new HttpError(
        413,
        'attachment_too_large',
        `The file has ${body.size} bytes; one attachment may have at most ${maxFileBytes}. Compress or split it.`,
        {},
        { params: { maxBytes: maxFileBytes } },
      );
    const at = new Date(now()).toISOString();
    const attachment: Attachment = {
      id: body.id,
      version: 0,
      updatedAt: at,
      deleted: false,
      customerId: parent.customerId,
      incidentId: body.incidentId ?? null,
      requestId: body.requestId ?? null,
      fileName: body.fileName,
      mediaType: body.mediaType,
      size: body.size,
      sha256: body.sha256,
      uploadedBy: actor.id,
      at,
      state: 'pending',
    };
    const chunkCount = Math.ceil(body.size / chunkBytes);
    const summary = await db.kysely.transaction().execute(async (trx) => {
      if (quota > 0) {
        // Serialise one user's starts (PostgreSQL): lock their rows, then sum.
        const mine = await trx
          .selectFrom('attachment_uploads')
          .select('size')
          .where('user_id', '=', actor.id)
          .$if(db.kind === 'postgres', (q) => q.forUpdate())
          .execute();
        const used = mine.reduce((sum, r) => sum + Number(r.size), 0);
        if (used + body.size > quota)
          throw new HttpError(
            413,
            'attachment_quota_exceeded',
            `Your attachments hold ${used} bytes; this file (${body.size} bytes) would pass your quota of ${quota}. Ask an administrator to raise it.`,
            {},
            { params: { usedBytes: used, quotaBytes: quota } },
          );
      }
      await trx
        .insertInto('attachment_uploads')
        .values({
          id: body.id,
          user_id: actor.id,
          customer_id: parent.customerId,
          size: body.size,
          sha256: body.sha256,
          chunk_size: chunkBytes,
          chunk_count: chunkCount,
          created_at: now(),
          completed_at: null,
        })
        .execute();
      return writeRows(trx, [{ entity: 'attachment', row: attachment }]);
    });
    notify(summary);
    reply.code(201);
    return {
      attachment: { ...attachment, version: summary.lastVersion },
      chunkSize: chunkBytes,
      chunkCount,
      received: [],
    };
  });

  const idParam = (request: FastifyRequest) =>
    parseOr400(IdSchema, (request.params as { id?: unknown }).id, 'attachment id');

  app.register(async (scope) => {
    scope.addContentTypeParser(
      'application/octet-stream',
      { parseAs: 'buffer', bodyLimit: chunkBytes },
      (_request, body, done) => done(null, body),
    );
    scope.put('/v1/attachments/:id/chunks/:n', async (request): Promise<AttachmentChunkResponse> => {
      const actor = await signedIn(request);
      const id = idParam(request);
      const n = parseOr400(
        z.coerce.number().int().min(0).max(1_000_000),
        (request.params as { n?: unknown }).n,
        'chunk number',
      );
      const { upload } = await uploadOf(actor, id);
      const count = Number(upload.chunk_count);
      const size = Number(upload.size);
      const chunkSize = Number(upload.chunk_size);
      if (n >= count)
        throw new HttpError(
          400,
          'invalid_request',
          `This upload has chunks 0 to ${count - 1}; chunk ${n} does not exist.`,
        );
      const expected = n === count - 1 ? size - chunkSize * (count - 1) : chunkSize;
      const body = request.body;
      if (!Buffer.isBuffer(body))
        throw new HttpError(
          415,
          'unsupported_media_type',
          'Send a chunk as the raw bytes with "Content-Type: application/octet-stream".',
        );
      if (body.length !== expected)
        throw new HttpError(
          400,
          'invalid_request',
          `Chunk ${n} must have ${expected} bytes (it has ${body.length}); send it again whole.`,
        );
      // A chunk of a completed upload (a late duplicate): already part of the file.
      if (upload.completed_at !== null) return { n, size: expected };
      await store.putChunk(id, n, body);
      await db.kysely
        .insertInto('attachment_chunks')
        .values({ upload_id: id, n, size: expected })
        .onConflict((oc) => oc.columns(['upload_id', 'n']).doNothing())
        .execute();
      return { n, size: expected };
    });
  });

  app.post('/v1/attachments/:id/complete', async (request): Promise<CompleteAttachmentResponse> => {
    const actor = await signedIn(request);
    const id = idParam(request);
    const { upload, attachment } = await uploadOf(actor, id);
    if (upload.completed_at !== null) return { attachment };
    const state = await stateOf(attachment, upload);
    if (state.received.length < state.chunkCount) {
      const have = new Set(state.received);
      const missing: number[] = [];
      for (let n = 0; n < state.chunkCount && missing.length < 100; n++) if (!have.has(n)) missing.push(n);
      throw new HttpError(
        409,
        'attachment_incomplete',
        `The server holds ${state.received.length} of ${state.chunkCount} chunks; send the missing ones (e.g. ${missing.slice(0, 5).join(', ')}) and complete again.`,
        {},
        { missing },
      );
    }
    const result = await store.commit(id, state.chunkCount, upload.sha256);
    if (!result.ok) {
      await db.kysely.deleteFrom('attachment_chunks').where('upload_id', '=', id).execute();
      throw new HttpError(
        422,
        'attachment_hash_mismatch',
        `The chunks received hash to ${result.sha256}, not ${upload.sha256}; upload every chunk again and complete again.`,
      );
    }
    let clean = true;
    if (options.scanCommand && options.scanCommand.length > 0) {
      const local = await store.localPath(upload.sha256);
      try {
        clean = await runScan(options.scanCommand, local.path, options.scanTimeoutMs ?? 120_000);
      } finally {
        await local.release();
      }
    }
    const done: Attachment = {
      ...attachment,
      state: clean ? 'uploaded' : 'quarantined',
      updatedAt: new Date(now()).toISOString(),
    };
    const summary = await db.kysely.transaction().execute(async (trx) => {
      const claimed = await trx
        .updateTable('attachment_uploads')
        .set({ completed_at: now() })
        .where('id', '=', id)
        .where('completed_at', 'is', null)
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) === 0) return null;
      await trx.deleteFrom('attachment_chunks').where('upload_id', '=', id).execute();
      return writeRows(trx, [{ entity: 'attachment', row: done }]);
    });
    if (summary === null) {
      // Completed meanwhile by a concurrent call: answer its result.
      return { attachment: (await uploadOf(actor, id)).attachment };
    }
    notify(summary);
    return { attachment: { ...done, version: summary.lastVersion } };
  });

  app.get('/v1/attachments/:id/content', async (request, reply) => {
    const actor = await signedIn(request);
    const id = idParam(request);
    const record = await readRecord<Attachment>(db.kysely, 'attachment', id);
    if (!record || !(await isInScope(db.kysely, actor, record.customerId))) throw notFound();
    const attachment = record.row;
    if (attachment.state === 'quarantined')
      throw new HttpError(
        409,
        'attachment_quarantined',
        'The scan hook refused this file; it is kept on the server but never served. Ask an administrator.',
      );
    const size = attachment.state === 'uploaded' ? await store.size(attachment.sha256) : null;
    if (size === null)
      throw new HttpError(
        409,
        'attachment_not_uploaded',
        'The file has not been uploaded completely yet; try again once its upload is complete.',
      );
    // Never rendered: served as an opaque download whatever its name or declared type says.
    reply.headers({
      'content-type': 'application/octet-stream',
      'content-disposition': contentDisposition(attachment.fileName),
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
      'cross-origin-resource-policy': 'same-origin',
      'accept-ranges': 'bytes',
      etag: `"${attachment.sha256}"`,
      'access-control-expose-headers': 'content-range, content-disposition, etag, retry-after',
    });
    const ranges = parseRange(request.headers.range, size);
    if (ranges === 'unsatisfiable') {
      reply.header('content-range', `bytes */${size}`);
      throw new HttpError(
        416,
        'range_not_satisfiable',
        `The requested range is outside the file (${size} bytes); ask for bytes 0-${size - 1} or less.`,
        { 'content-range': `bytes */${size}` },
      );
    }
    // One range is served as asked; none, or several (rare for these files), as the whole file.
    if (ranges !== null && ranges.length === 1) {
      const { start, end } = ranges[0]!;
      reply
        .code(206)
        .header('content-range', `bytes ${start}-${end}/${size}`)
        .header('content-length', String(end - start + 1));
      return reply.send(await store.read(attachment.sha256, { start, end }));
    }
    reply.header('content-length', String(size));
    return reply.send(size === 0 ? Buffer.alloc(0) : await store.read(attachment.sha256));
  });
}
