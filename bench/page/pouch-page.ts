// The PouchDB baseline page, served by the PouchDB server it replicates from (loopback):
// PouchDB in Chromium (IndexedDB adapter, as pouchdb-browser ships) pulling the same
// documents the sync engine pulls, in batches of the same size.
import PouchDB from 'pouchdb-browser';
import type { PouchBenchApi } from './protocol';

const api: PouchBenchApi = {
  async replicate({ remote, batchSize, localName }) {
    const local = new PouchDB(localName);
    const source = new PouchDB(remote);
    const t0 = performance.now();
    const result = await PouchDB.replicate(source, local, { batch_size: batchSize });
    const ms = performance.now() - t0;
    const info = await local.info();
    await local.close();
    await source.close();
    return { ms, docsWritten: result.docs_written, docsRead: result.docs_read, localDocs: info.doc_count };
  },
  async destroy(localName) {
    await new PouchDB(localName).destroy();
  },
};

(window as unknown as { bench: PouchBenchApi }).bench = api;
document.title = 'bench ready';
