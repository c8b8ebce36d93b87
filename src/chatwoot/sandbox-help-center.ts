// The sandbox helpdesk's own Help Center: one portal of the fictional batik shop, so the Help Center source can be
// tried without a Chatwoot. Its articles are handed over as they are (there is no site to crawl); what the sample
// knowledge folder does not say (the batik workshop), so an answer shows it came from here.
import type { HelpCenter, Portal, PortalPages } from './help-center.js';

const PORTAL: Portal = { slug: 'batik-help', name: 'Batik Nusantara Help Center', accountId: 1 };

const ARTICLES = [
  {
    url: 'sandbox://hc/batik-help/articles/batik-workshop',
    title: 'Batik workshop classes',
    text:
      '# Batik workshop classes\n\nWe hold a batik-making workshop every Saturday at 10:00 in our Yogyakarta studio. ' +
      'A class takes 3 hours and costs Rp 250.000 per person, canting, wax and a cotton cloth included; you take your ' +
      'own batik home. At most 12 people join a class: book a place by sending your name and the date you want.',
  },
  {
    url: 'sandbox://hc/batik-help/articles/kelas-membatik',
    title: 'Kelas membatik',
    text:
      '# Kelas membatik\n\nKami mengadakan kelas membatik setiap hari Sabtu pukul 10.00 di studio kami di Yogyakarta. ' +
      'Satu kelas berlangsung 3 jam dengan biaya Rp 250.000 per orang, sudah termasuk canting, malam dan kain katun; ' +
      'batik buatan Anda boleh dibawa pulang. Satu kelas paling banyak 12 orang: pesan tempat dengan mengirim nama dan ' +
      'tanggal yang Anda inginkan.',
  },
];

export const sandboxHelpCenter: HelpCenter = {
  listPortals: async () => [PORTAL],
  pages: (slug: string): PortalPages => ({ kind: 'articles', articles: slug === PORTAL.slug ? ARTICLES : [] }),
};
