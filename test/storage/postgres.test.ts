/** The storage conformance suite on PostgreSQL (a throwaway cluster, or TESSERA_TEST_DATABASE_URL). */
import { after } from 'node:test';
import { openStorage } from '../../src/storage/index.js';
import { startPostgres } from '../helpers/postgres.js';
import { storageConformance } from './conformance.js';

const postgres = await startPostgres();
after(() => postgres.stop());

storageConformance('postgres', () => openStorage(postgres.url));
