// `$contact.*` variables: filled from the contact, and a missing value leaves tidy text in English and Indonesian.
import { describe, expect, it } from 'vitest';
import { fillContactVariables } from '../../src/answer/contact-variables.js';

const budi = { name: 'Budi Santoso', email: 'b@x.id', phone: '+62 811', customAttributes: { tier: 'gold', orders: 3 } };

describe('fillContactVariables', () => {
  it('fills contact fields, their Chatwoot spellings and custom attributes', () => {
    expect(fillContactVariables('$contact.firstname / $contact.first_name / $contact.name / $contact.email / $contact.phone / $contact.phone_number / $contact.tier / $contact.orders', budi))
      .toBe('Budi / Budi / Budi Santoso / b@x.id / +62 811 / +62 811 / gold / 3');
  });

  it('disarms a value that looks like a variable, so a second fill cannot pull out another attribute', () => {
    const eve = { name: 'Eve $contact.secret', customAttributes: { secret: 'x' } };
    const once = fillContactVariables('Hi $contact.name', eve);
    expect(once).toBe('Hi Eve contact.secret');
    expect(fillContactVariables(once, eve)).toBe(once);
  });

  it.each([
    ['Hi $contact.firstname, how can I help?', 'Hi, how can I help?'],
    ['Halo kak $contact.firstname! Ada yang bisa kami bantu?', 'Halo kak! Ada yang bisa kami bantu?'],
    ['Thanks, $contact.firstname!', 'Thanks!'],
    ['Terima kasih, $contact.firstname, sudah menunggu.', 'Terima kasih, sudah menunggu.'],
    ['$contact.firstname, your order has shipped.', 'Your order has shipped.'],
    ['$contact.firstname, pesanan Anda sudah dikirim.', 'Pesanan Anda sudah dikirim.'],
    ['Hi $contact.firstname 👋\nWelcome back', 'Hi 👋\nWelcome back'],
    ['Hai $contact.firstname $contact.unknown, selamat datang', 'Hai, selamat datang'],
    ['Selamat pagi $contact.firstname', 'Selamat pagi'],
    ['Your $contact.tier plan', 'Your plan'],
    ['Greeted $contact.name ($contact.email).', 'Greeted.'],
  ])('drops a missing value and tidies around it: %s', (text, expected) => {
    expect(fillContactVariables(text, {})).toBe(expected);
  });

  it('leaves the rest of the text as the company wrote it', () => {
    expect(fillContactVariables('Price : 10 ,  $contact.firstname!  Ok', {})).toBe('Price : 10!  Ok');
    expect(fillContactVariables('Price : 10 ,  ok', {})).toBe('Price : 10 ,  ok');
  });

  it('treats a phone number or a name Chatwoot made up as no name', () => {
    expect(fillContactVariables('Hi $contact.firstname!', { name: '+62 812 3456 7890' })).toBe('Hi!');
    expect(fillContactVariables('Hi $contact.name!', { name: 'silent-moon-421' })).toBe('Hi!');
    expect(fillContactVariables('Hi $contact.firstname!', { name: 'Maria-Luisa Costa' })).toBe('Hi Maria-Luisa!');
  });
});
