// The shared ConversationStore contract against the embedded lowdb store.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LowdbConversationStore } from '../../src/store/lowdb-store.js';
import { conversationStoreContract } from './conversation-store.shared.js';

conversationStoreContract('lowdb', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'jawab-contract-'));
  return {
    store: await LowdbConversationStore.open(dataDir),
    reopen: () => LowdbConversationStore.open(dataDir),
    cleanup: () => rm(dataDir, { recursive: true, force: true }),
  };
});
