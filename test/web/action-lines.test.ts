// The playground's action lines: a kind and the helpdesk's data, said in English by the API and in the page's language.
import { describe, expect, it } from 'vitest';
import { actionLine, actionText } from '../../src/web/action-lines.js';
import { translate } from '../../src/web/ui/i18n.js';

const indonesian = (line: ReturnType<typeof actionLine>): string => {
  const text = translate('id', `action.${line.kind}`, { detail: line.detail });
  return line.failed === undefined ? text : translate('id', 'action.failed', { line: text, reason: line.failed });
};

describe('action lines', () => {
  it('name each action with its data, in English and in Indonesian', () => {
    const lines = [
      actionLine({ type: 'reply', content: 'Halo!', buttons: [{ title: 'Status pesanan', value: '0' }, { title: 'Lainnya', value: '1' }] }),
      actionLine({ type: 'note', content: 'Diserahkan ke tim\nbaris kedua' }),
      actionLine({ type: 'add_labels', labels: ['vip', 'grosir'] }),
      actionLine({ type: 'assign', target: { kind: 'least_busy', teamId: 2 } }),
      actionLine({ type: 'assign', target: { kind: 'round_robin' } }),
      actionLine({ type: 'assign', target: { kind: 'agent', agentId: 7 } }, 'http_404'),
      actionLine({ type: 'set_status', status: 'open' }),
    ];
    expect(lines.map(actionText)).toEqual([
      'reply: Halo! [Status pesanan | Lainnya]',
      'private note: Diserahkan ke tim',
      'add labels: vip, grosir',
      'assign: least busy online agent of team 2',
      'assign: next online agent in turn',
      'assign: agent 7 (failed: http_404)',
      'status: open',
    ]);
    expect(lines.map(indonesian)).toEqual([
      'balas: Halo! [Status pesanan | Lainnya]',
      'catatan pribadi: Diserahkan ke tim',
      'tambah label: vip, grosir',
      'tugaskan: agen online tim 2 yang paling sedikit percakapannya',
      'tugaskan: agen online berikutnya secara bergiliran',
      'tugaskan: agen 7 (gagal: http_404)',
      'status: open',
    ]);
  });
});
