// The flow editor's jump fields show each step by what it does, in the page's language.
import { describe, expect, it } from 'vitest';
import { stepChoices } from '../../src/web/ui/flow-editor.js';
import { type Lang, maybe } from '../../src/web/ui/i18n.js';

// The page's lookup (form-context.ts): the option in its context first, then the plain option, then the value.
const optionIn = (lang: Lang) => (value: unknown, ...contexts: string[]) =>
  contexts.map((c) => maybe(lang, `option.${c}.${String(value)}`)).find((x) => x !== undefined) ?? maybe(lang, `option.${String(value)}`) ?? String(value);

const steps = {
  menu: { type: 'buttons', text: 'Halo! Ada yang bisa kami bantu hari ini, kak? Silakan pilih salah satu', buttons: [] },
  orders: { type: 'actions', actions: [{ type: 'label' }, { type: 'send_message' }] },
  'to-sales': { type: 'end', to: 'human' },
  fresh: {},
};

describe('flow step choices', () => {
  it('names each step and what it does, with long button texts cut', () => {
    expect(stepChoices(steps, optionIn('en'))).toEqual([
      { value: 'menu', label: 'menu · Ask with buttons: “Halo! Ada yang bisa kami bantu hari ini…”' },
      { value: 'orders', label: 'orders · Run actions: Add labels, Send this exact message' },
      { value: 'to-sales', label: 'to-sales · End the flow: A human' },
      { value: 'fresh', label: 'fresh' },
    ]);
  });

  it('in Indonesian', () => {
    expect(stepChoices(steps, optionIn('id')).map((c) => c.label)).toEqual([
      'menu · Tanya dengan tombol: “Halo! Ada yang bisa kami bantu hari ini…”',
      'orders · Jalankan aksi: Tambahkan label, Kirim pesan persis ini',
      'to-sales · Akhiri alur: Manusia',
      'fresh',
    ]);
  });
});
